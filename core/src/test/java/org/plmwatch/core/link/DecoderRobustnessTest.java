package org.plmwatch.core.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing without a fuzzing engine: valid streams damaged by random byte edits,
 * inserts, deletes and splices, fed in random chunks. The decoder must never throw, must keep its
 * counters consistent, and must never accept a frame that was not sent.
 */
class DecoderRobustnessTest {

    @Test
    void mutatedStreamsNeverThrowAndNeverInventFrames() {
        Random rnd = new Random(30);
        for (int trial = 0; trial < 400; trial++) {
            FrameEncoder enc = new FrameEncoder(rnd.nextInt());
            ByteArrayOutputStream clean = new ByteArrayOutputStream();
            int sent = 1 + rnd.nextInt(8);
            for (int i = 0; i < sent; i++) {
                clean.writeBytes(enc.encode(i, SampleMessages.random(rnd)));
            }
            byte[] stream = mutate(clean.toByteArray(), rnd, 1 + rnd.nextInt(6));

            Recorder rec = new Recorder();
            FrameDecoder dec = new FrameDecoder(rec);
            int at = 0;
            while (at < stream.length) {
                int n = Math.min(stream.length - at, 1 + rnd.nextInt(512));
                dec.accept(stream, at, n);
                at += n;
            }
            LinkStats s = dec.stats();
            assertEquals(stream.length, s.bytesReceived());
            assertEquals(rec.frames.size(), s.framesAccepted());
            assertEquals(rec.rejections.size(), s.rejectedTotal());
            assertTrue(s.framesAccepted() <= sent, "trial " + trial + " accepted frames never sent");
            for (Frame f : rec.frames) {
                assertTrue(f.requestId() >= 0 && f.requestId() < sent, "trial " + trial + ": " + f);
            }
            assertTrue(s.bytesDiscarded() <= s.bytesReceived());
        }
    }

    @Test
    void pureNoiseNeverThrowsAndIsNeverAccepted() {
        Random rnd = new Random(31);
        FrameDecoder dec = new FrameDecoder(f -> {
            throw new AssertionError("noise accepted as " + f);
        });
        byte[] noise = new byte[1 << 20];
        for (int round = 0; round < 4; round++) {
            rnd.nextBytes(noise);
            if (round == 1) {
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = noise[i] == 0 ? 1 : noise[i]; // no delimiters at all
                }
            }
            if (round == 2) {
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = (byte) (noise[i] & 0x83); // small codes, many zeros
                }
            }
            dec.accept(noise);
        }
        assertEquals(0, dec.stats().framesAccepted());
        assertEquals(4L << 20, dec.stats().bytesReceived());
        assertTrue(dec.stats().rejectedTotal() > 0);
    }

    /** The Jazzer seeds (written by DecoderFuzzTest.main) are the frames they claim to be. */
    @Test
    void fuzzSeedsHoldValidFrames() throws java.io.IOException {
        String dir = "DecoderFuzzTestInputs/decoderNeverThrows/";
        byte[] types;
        byte[] noisy;
        try (java.io.InputStream a = getClass().getResourceAsStream(dir + "every-small-type");
                java.io.InputStream b = getClass().getResourceAsStream(dir + "frames-with-noise-and-replay")) {
            types = a.readAllBytes();
            noisy = b.readAllBytes();
        }
        Recorder rec = new Recorder();
        FrameDecoder dec = new FrameDecoder(rec);
        dec.accept(types, 1, types.length - 1);
        assertEquals(MessageType.values().length - 2, dec.stats().framesAccepted());
        assertEquals(0, dec.stats().rejectedTotal());
        dec.accept(noisy, 1, noisy.length - 1);
        assertEquals(MessageType.values().length - 2 + 6, dec.stats().framesAccepted());
        assertEquals(1, dec.stats().rejected(RejectReason.REPLAY));
    }

    private static byte[] mutate(byte[] in, Random rnd, int edits) {
        byte[] b = in;
        for (int e = 0; e < edits; e++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(5)) {
                case 0: // overwrite a byte
                    b[at] = (byte) rnd.nextInt(256);
                    break;
                case 1: { // insert random bytes
                    byte[] ins = new byte[1 + rnd.nextInt(16)];
                    rnd.nextBytes(ins);
                    b = splice(b, at, 0, ins);
                    break;
                }
                case 2: // delete a run
                    b = splice(b, at, Math.min(b.length - at, 1 + rnd.nextInt(64)), new byte[0]);
                    break;
                case 3: { // duplicate a run (replays, repeated buffers)
                    int len = Math.min(b.length - at, 1 + rnd.nextInt(600));
                    byte[] copy = new byte[len];
                    System.arraycopy(b, at, copy, 0, len);
                    b = splice(b, rnd.nextInt(b.length), 0, copy);
                    break;
                }
                default: // flip a bit
                    b[at] ^= (byte) (1 << rnd.nextInt(8));
            }
            if (b.length == 0) {
                b = new byte[] {0};
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }
}
