package org.plmwatch.core.nightfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SampleCodecTest {

    @Test
    void extremeValuesRoundTripAtEveryLength() {
        SplittableRandom rnd = new SplittableRandom(41);
        for (int n : new int[] {1, 2, 16, 17, 18, 33, 50, 500, SampleCodec.MAX_SAMPLES_PER_BLOCK}) {
            for (int pattern = 0; pattern < 3; pattern++) {
                short[][] v = new short[3][n];
                for (int a = 0; a < 3; a++) {
                    for (int i = 0; i < n; i++) {
                        v[a][i] = switch (pattern) {
                            case 0 -> (i & 1) == 0 ? Short.MIN_VALUE : Short.MAX_VALUE; // widest deltas: 17 bits
                            case 1 -> (short) rnd.nextInt(65536);
                            default -> (short) -1234;                                              // constant: width 0
                        };
                    }
                }
                ByteBuffer buf = ByteBuffer.allocate(NightFileFormat.MAX_PAYLOAD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                SampleCodec.encode(buf, v[0], v[1], v[2], n, 20_000_000);
                assertTrue(buf.position() <= SampleCodec.worstCasePayloadBytes(n));
                SampleCodec codec = new SampleCodec();
                assertTrue(codec.decode(buf, 0, buf.position()), "n=" + n + " pattern " + pattern);
                assertEquals(n, codec.count());
                assertEquals(20_000_000, codec.periodNanos());
                for (int i = 0; i < n; i++) {
                    assertEquals(v[0][i], codec.x(i));
                    assertEquals(v[1][i], codec.y(i));
                    assertEquals(v[2][i], codec.z(i));
                }
                assertFalse(codec.decode(buf, 0, buf.position() - 1), "a short payload is rejected");
                assertFalse(codec.decode(buf, 0, buf.position() + 1), "trailing bytes are rejected");
            }
        }
        assertTrue(SampleCodec.worstCasePayloadBytes(SampleCodec.MAX_SAMPLES_PER_BLOCK) <= NightFileFormat.MAX_PAYLOAD_BYTES);
        assertTrue(SampleCodec.worstCasePayloadBytes(SampleCodec.MAX_SAMPLES_PER_BLOCK + 16) > NightFileFormat.MAX_PAYLOAD_BYTES);
    }

    @Test
    void aFastFullRangeSensorStaysWithinTheBlockBound() throws Exception {
        // 1 kHz of full-range noise: a second would not fit a block, so the writer caps blocks by size
        NightHeader fast = new NightHeader("d", "f", "synthetic", 1000, 16, 1.0 / 2048, WornOn.RIGHT, OptionalLong.empty(), Map.of());
        short[] xyz = new short[3 * 5000];
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (short) rnd.nextInt(65536);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (NightFileWriter w = NightFileWriter.create(bytes, fast)) {
            assertEquals(SampleCodec.MAX_SAMPLES_PER_BLOCK, w.samplesPerBlock());
            w.writeSamples(0, xyz, 0, 5000);
        }
        RecordingSink sink = new RecordingSink();
        NightFileContents c = NightFileReader.strict().read(ByteBuffer.wrap(bytes.toByteArray()), "fast", sink);
        assertTrue(c.report().clean());
        assertTrue(c.blocks().stream().allMatch(b -> b.lengthBytes() <= NightFileFormat.MAX_BLOCK_BYTES));
        assertEquals(5000, sink.n);
        for (int i = 0; i < 5000; i++) {
            assertEquals(xyz[3 * i], Math.round(sink.x[i] * 2048));
            assertEquals(xyz[3 * i + 2], Math.round(sink.z[i] * 2048));
            assertEquals(i * 1e-3, sink.t[i], 1e-9);
        }
    }
}
