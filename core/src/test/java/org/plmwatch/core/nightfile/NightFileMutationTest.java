package org.plmwatch.core.nightfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing: byte overwrites, inserted and deleted runs, duplicated and swapped
 * ranges, random files with a valid first block. Whatever the bytes, the reader either returns a
 * result that honours the AccelSink contract or throws NightFileFormatException; nothing else.
 */
class NightFileMutationTest {

    @Test
    void onlyNightFileFormatExceptionEscapes() {
        byte[] night = TestNights.smallNight(61, 20);
        byte[] header = Arrays.copyOf(night, (int) TestNights.scan(night).blocks().get(0).endOffset());
        SplittableRandom rnd = new SplittableRandom(6161);
        int results = 0;
        int refusals = 0;
        for (int trial = 0; trial < 3000; trial++) {
            byte[] bad = mutate(rnd.nextInt(6) == 0 ? randomWithHeader(header, rnd) : night.clone(), rnd);
            NightFileReader reader = rnd.nextBoolean() ? NightFileReader.strict()
                    : NightFileReader.assumingHeader(TestNights.header());
            RecordingSink sink = new RecordingSink();
            try {
                NightFileContents c = reader.read(ByteBuffer.wrap(bad), "mutant " + trial, sink);
                assertEquals(1, sink.ends);
                assertEquals(sink.n, c.sampleCount());
                assertTrue(c.report().intactBytes() + c.report().droppedBytes() <= bad.length);
                results++;
            } catch (NightFileFormatException e) {
                assertTrue(e.getMessage().startsWith("mutant " + trial), e.getMessage());
                refusals++;
            }
        }
        System.out.printf("mutation fuzz: 3000 mutants, %d read, %d refused with NightFileFormatException%n",
                results, refusals);
        assertTrue(results > 2000, "most mutants still read");
    }

    private static byte[] randomWithHeader(byte[] header, SplittableRandom rnd) {
        byte[] b = new byte[header.length + rnd.nextInt(4000)];
        rnd.nextBytes(b);
        System.arraycopy(header, 0, b, 0, header.length);
        return b;
    }

    private static byte[] mutate(byte[] b, SplittableRandom rnd) {
        int rounds = 1 + rnd.nextInt(4);
        for (int r = 0; r < rounds && b.length > 2; r++) {
            int at = rnd.nextInt(b.length);
            int len = 1 + rnd.nextInt(Math.min(600, b.length - at));
            switch (rnd.nextInt(5)) {
                case 0 -> {
                    for (int i = at; i < at + len; i++) {
                        b[i] = (byte) rnd.nextInt(256);
                    }
                }
                case 1 -> { // delete a run
                    byte[] c = new byte[b.length - len];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + len, c, at, b.length - at - len);
                    b = c;
                }
                case 2 -> { // insert a copy of a run elsewhere (stale or repeated data)
                    int to = rnd.nextInt(b.length);
                    byte[] c = new byte[b.length + len];
                    System.arraycopy(b, 0, c, 0, to);
                    System.arraycopy(b, at, c, to, len);
                    System.arraycopy(b, to, c, to + len, b.length - to);
                    b = c;
                }
                case 3 -> Arrays.fill(b, at, at + len, (byte) (rnd.nextBoolean() ? 0 : 0xFF));
                default -> b = Arrays.copyOf(b, at); // truncate
            }
        }
        return b;
    }
}
