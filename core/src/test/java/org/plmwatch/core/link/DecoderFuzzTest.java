package org.plmwatch.core.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz test of {@link FrameDecoder}. In a normal build it runs in regression mode: once per
 * file in {@code DecoderFuzzTestInputs/decoderNeverThrows/} (test resources) and once with empty
 * input. The seed files were written by {@code FrameEncoder} (see {@link #main}): valid frames of
 * every type, then the same stream with noise. To fuzz for real: {@code JAZZER_FUZZ=1 mvn -pl core
 * test -Dtest=DecoderFuzzTest}; findings land next to the seeds and become regression inputs.
 *
 * <p>Input layout: byte 0 picks the chunk size (1–256) the rest is fed in, as a serial port would.
 */
class DecoderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decoderNeverThrows(byte[] input) {
        Recorder rec = new Recorder();
        FrameDecoder dec = new FrameDecoder(rec);
        int chunk = input.length == 0 ? 1 : 1 + (input[0] & 0xFF);
        int at = Math.min(1, input.length);
        while (at < input.length) {
            int n = Math.min(chunk, input.length - at);
            dec.accept(input, at, n);
            at += n;
        }
        LinkStats s = dec.stats();
        assertEquals(Math.max(0, input.length - 1), s.bytesReceived());
        assertEquals(rec.frames.size(), s.framesAccepted());
        assertEquals(rec.rejections.size(), s.rejectedTotal());
        assertTrue(s.bytesDiscarded() <= s.bytesReceived());
        assertEquals(FrameFormat.MAX_ENCODED_BYTES, dec.bufferCapacityBytes());
        for (Frame f : rec.frames) {
            // whatever was accepted re-encodes and decodes to the same message
            Recorder again = new Recorder();
            new FrameDecoder(again).accept(new FrameEncoder(f.sequence()).encode(f.requestId(), f.message()));
            assertEquals(f, again.frames.get(0));
        }
    }

    /** Writes the seed inputs into the directory given as argument. */
    public static void main(String[] args) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Path.of(args[0]);
        java.nio.file.Files.createDirectories(dir);
        java.util.Random rnd = new java.util.Random(40);
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        all.write(7); // chunk size 8
        FrameEncoder enc = new FrameEncoder(0xFFFF_FFFE);
        int id = 1;
        for (Message m : SampleMessages.oneOfEach(rnd)) {
            if (m instanceof Blocks || m instanceof NightList) {
                continue; // keep the seeds small; random() below has a small BLOCKS
            }
            all.writeBytes(enc.encode(id++, m));
        }
        java.nio.file.Files.write(dir.resolve("every-small-type"), all.toByteArray());
        java.io.ByteArrayOutputStream noisy = new java.io.ByteArrayOutputStream();
        noisy.write(0);
        for (int i = 0; i < 6; i++) {
            byte[] garbage = new byte[rnd.nextInt(40)];
            rnd.nextBytes(garbage);
            noisy.writeBytes(garbage);
            Message m = SampleMessages.random(rnd);
            if (m instanceof Blocks) {
                m = new Blocks(1, 2, java.util.List.of(new byte[] {0, 1, 0, 2, (byte) 0xFF}));
            }
            byte[] f = enc.encode(id++, m);
            noisy.writeBytes(f);
            if (i == 3) {
                noisy.writeBytes(f); // a replay
            }
        }
        java.nio.file.Files.write(dir.resolve("frames-with-noise-and-replay"), noisy.toByteArray());
    }
}
