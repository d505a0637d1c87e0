package org.plmwatch.core.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private static final Set<RejectReason> LINE_DAMAGE =
            EnumSet.of(RejectReason.BAD_COBS, RejectReason.TOO_SHORT, RejectReason.BAD_CRC);

    private static List<byte[]> encodeRandom(Random rnd, int count, int firstSequence) {
        FrameEncoder enc = new FrameEncoder(firstSequence);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(enc.encode(rnd.nextInt(), SampleMessages.random(rnd)));
        }
        return frames;
    }

    private static byte[] join(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static List<Frame> decodeAll(List<byte[]> frames) {
        Recorder rec = new Recorder();
        FrameDecoder dec = new FrameDecoder(rec);
        for (byte[] f : frames) {
            dec.accept(f);
        }
        return rec.frames;
    }

    /** Feeds {@code stream} in random chunk sizes from 1 to {@code maxChunk}. */
    private static void feedInChunks(FrameDecoder dec, byte[] stream, Random rnd, int maxChunk) {
        int at = 0;
        while (at < stream.length) {
            int n = Math.min(stream.length - at, 1 + rnd.nextInt(maxChunk));
            dec.accept(stream, at, n);
            at += n;
        }
    }

    @Test
    void byteByByteAndRandomChunksGiveTheSameFrames() {
        List<byte[]> frames = encodeRandom(new Random(10), 300, 77);
        byte[] stream = join(frames);
        List<Frame> expected = decodeAll(frames);
        assertEquals(300, expected.size());

        Recorder oneByOne = new Recorder();
        FrameDecoder dec1 = new FrameDecoder(oneByOne);
        byte[] single = new byte[1];
        for (byte b : stream) {
            single[0] = b;
            dec1.accept(single, 0, 1);
        }
        assertEquals(expected, oneByOne.frames);

        for (long seed = 0; seed < 5; seed++) {
            Recorder chunked = new Recorder();
            FrameDecoder dec = new FrameDecoder(chunked);
            feedInChunks(dec, stream, new Random(seed), 1 + (int) (seed * 2000));
            assertEquals(expected, chunked.frames, "seed " + seed);
            assertEquals(stream.length, dec.stats().bytesReceived());
            assertEquals(0, dec.stats().rejectedTotal());
        }
    }

    @Test
    void garbageBetweenFramesIsCountedAndEveryFrameRecovered() {
        Random rnd = new Random(11);
        List<byte[]> frames = encodeRandom(rnd, 200, 0);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        long garbageRuns = 0;
        long garbageBytes = 0;
        for (byte[] f : frames) {
            byte[] garbage = SampleMessages.randomBytes(rnd, rnd.nextInt(300));
            if (rnd.nextInt(4) == 0) {
                Arrays.fill(garbage, 0, garbage.length / 2, (byte) 0); // idle zeros, also harmless
            }
            // each run of non-zero garbage bytes lies between two delimiters: one rejected frame
            boolean inRun = false;
            for (byte b : garbage) {
                if (b != 0) {
                    garbageBytes++;
                    if (!inRun) {
                        garbageRuns++;
                    }
                }
                inRun = b != 0;
            }
            stream.writeBytes(garbage);
            stream.writeBytes(f);
        }
        Recorder rec = new Recorder();
        FrameDecoder dec = new FrameDecoder(rec);
        feedInChunks(dec, stream.toByteArray(), rnd, 700);

        assertEquals(decodeAll(frames), rec.frames);
        LinkStats s = dec.stats();
        assertEquals(garbageRuns, s.rejectedTotal());
        assertEquals(garbageBytes, s.bytesDiscarded());
        for (RejectReason r : RejectReason.values()) {
            if (!LINE_DAMAGE.contains(r)) {
                assertEquals(0, s.rejected(r), r.name());
            }
        }
        assertEquals(0, s.gaps());
    }

    /** Positions of COBS code bytes in an encoded frame (without delimiters). */
    private static boolean[] codePositions(byte[] frame) {
        boolean[] code = new boolean[frame.length];
        int p = 1;
        while (p < frame.length - 1) {
            code[p] = true;
            p += frame[p] & 0xFF;
        }
        return code;
    }

    @Test
    void aFlippedDataBitIsRejectedByCrcAndTheNeighboursSurvive() {
        Random rnd = new Random(12);
        for (int trial = 0; trial < 300; trial++) {
            List<byte[]> frames = encodeRandom(rnd, 3, trial);
            byte[] middle = frames.get(1).clone();
            boolean[] code = codePositions(middle);
            int at;
            int bit;
            do {
                at = 1 + rnd.nextInt(middle.length - 2);
                bit = rnd.nextInt(8);
            } while (code[at] || (middle[at] ^ (1 << bit)) == 0);
            middle[at] ^= (byte) (1 << bit);

            Recorder rec = new Recorder();
            FrameDecoder dec = new FrameDecoder(rec);
            dec.accept(join(List.of(frames.get(0), middle, frames.get(2))));
            List<Frame> all = decodeAll(frames);
            assertEquals(List.of(all.get(0), all.get(2)), rec.frames, "trial " + trial);
            assertEquals(1, dec.stats().rejected(RejectReason.BAD_CRC), "trial " + trial);
            assertEquals(1, dec.stats().rejectedTotal());
            assertEquals(1, dec.stats().gaps(), "the lost middle frame shows as a gap");
            assertEquals(1, dec.stats().framesLost());
        }
    }

    @Test
    void anyOneToThreeFlippedBitsNeverPassAndNeverHurtTheNeighbours() {
        Random rnd = new Random(13);
        for (int trial = 0; trial < 600; trial++) {
            List<byte[]> frames = encodeRandom(rnd, 3, trial);
            byte[] middle = frames.get(1).clone();
            int flips = 1 + trial % 3;
            for (int k = 0; k < flips; k++) {
                // anywhere between the delimiters, code bytes included
                middle[1 + rnd.nextInt(middle.length - 2)] ^= (byte) (1 << rnd.nextInt(8));
            }
            Recorder rec = new Recorder();
            FrameDecoder dec = new FrameDecoder(rec);
            dec.accept(join(List.of(frames.get(0), middle, frames.get(2))));
            List<Frame> all = decodeAll(frames);
            if (Arrays.equals(middle, frames.get(1))) {
                continue; // flips cancelled out
            }
            assertEquals(List.of(all.get(0), all.get(2)), rec.frames, "trial " + trial);
            assertTrue(dec.stats().rejectedTotal() >= 1);
            for (Recorder.Rejection r : rec.rejections) {
                assertTrue(LINE_DAMAGE.contains(r.reason()), r.toString());
            }
        }
    }

    @Test
    void aHundredKibibytesWithoutDelimiterAreOneOversizeFrameInBoundedMemory() {
        Random rnd = new Random(14);
        byte[] noise = new byte[100 * 1024];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) (1 + rnd.nextInt(255));
        }
        List<byte[]> before = encodeRandom(rnd, 5, 0);
        List<byte[]> after = encodeRandom(rnd, 5, 5);
        Recorder rec = new Recorder();
        FrameDecoder dec = new FrameDecoder(rec);
        assertEquals(FrameFormat.MAX_ENCODED_BYTES, dec.bufferCapacityBytes());
        dec.accept(join(before));
        int at = 0;
        while (at < noise.length) {
            int n = Math.min(noise.length - at, 1 + rnd.nextInt(3000));
            dec.accept(noise, at, n);
            at += n;
            assertTrue(dec.bufferCapacityBytes() <= FrameFormat.MAX_ENCODED_BYTES);
        }
        feedInChunks(dec, join(after), rnd, 100);

        List<Frame> expected = new ArrayList<>(decodeAll(before));
        Recorder afterOnly = new Recorder();
        FrameDecoder fresh = new FrameDecoder(afterOnly);
        fresh.accept(join(after));
        expected.addAll(afterOnly.frames);
        assertEquals(expected, rec.frames, "resynchronised at the first delimiter after the noise");
        LinkStats s = dec.stats();
        assertEquals(1, s.rejected(RejectReason.OVERSIZE));
        assertEquals(1, s.rejectedTotal());
        assertEquals(noise.length, s.bytesDiscarded());
        assertEquals(FrameFormat.MAX_ENCODED_BYTES, dec.bufferCapacityBytes());
        long frameStart = join(before).length;
        assertEquals(frameStart, rec.rejections.get(0).streamOffset());
    }

    @Test
    void oversizeStartsOneByteAboveTheBound() {
        for (int length : new int[] {FrameFormat.MAX_ENCODED_BYTES, FrameFormat.MAX_ENCODED_BYTES + 1}) {
            byte[] run = new byte[length + 2];
            Arrays.fill(run, 1, length + 1, (byte) 0x11);
            FrameDecoder dec = new FrameDecoder(f -> { });
            dec.accept(run);
            boolean over = length > FrameFormat.MAX_ENCODED_BYTES;
            assertEquals(over ? 1 : 0, dec.stats().rejected(RejectReason.OVERSIZE), "length " + length);
            assertEquals(1, dec.stats().rejectedTotal(), "length " + length);
        }
    }

    @Test
    void replayedFramesAreDroppedAndCountedAndGapsCounted() {
        List<byte[]> frames = encodeRandom(new Random(15), 20, 1000);
        Recorder rec = new Recorder();
        FrameDecoder dec = new FrameDecoder(rec);
        for (int i = 0; i < 10; i++) {
            dec.accept(frames.get(i));
        }
        dec.accept(frames.get(5)); // replay of an older frame
        dec.accept(frames.get(9)); // duplicate of the last frame
        dec.accept(frames.get(10));
        dec.accept(frames.get(14)); // 11, 12, 13 lost
        dec.accept(frames.get(12)); // late copy of a lost one: behind, dropped
        dec.accept(frames.get(15));

        LinkStats s = dec.stats();
        assertEquals(3, s.rejected(RejectReason.REPLAY));
        assertEquals(3, s.rejectedTotal());
        assertEquals(1, s.gaps());
        assertEquals(3, s.framesLost());
        assertEquals(13, s.framesAccepted());
        List<Integer> seqs = new ArrayList<>();
        for (Frame f : rec.frames) {
            seqs.add(f.sequence() - 1000);
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 15), seqs);
    }

    @Test
    void sequenceNumbersWrapAt32Bits() {
        List<byte[]> frames = encodeRandom(new Random(16), 6, 0xFFFF_FFFD);
        Recorder rec = new Recorder();
        FrameDecoder dec = new FrameDecoder(rec);
        dec.accept(join(frames));
        assertEquals(6, rec.frames.size());
        assertEquals(2, rec.frames.get(5).sequence());
        dec.accept(frames.get(1)); // 0xFFFFFFFE: behind 2 across the wrap
        assertEquals(1, dec.stats().rejected(RejectReason.REPLAY));
        assertEquals(0, dec.stats().gaps());
    }

    @Test
    void helloAndDeviceInfoRestartSequenceTracking() {
        Recorder rec = new Recorder();
        FrameDecoder dec = new FrameDecoder(rec);
        dec.accept(join(encodeRandom(new Random(17), 5, 5000)));
        // the peer restarted and counts from 0 again: ordinary frames look like replays ...
        FrameEncoder restarted = new FrameEncoder(0);
        dec.accept(restarted.encode(1, new Ack()));
        assertEquals(1, dec.stats().rejected(RejectReason.REPLAY));
        // ... until it opens a session
        dec.accept(restarted.encode(2, new Hello("host")));
        dec.accept(restarted.encode(3, new ListNights(0)));
        assertEquals(7, rec.frames.size());
        assertEquals(new ListNights(0), rec.frames.get(6).message());
        assertEquals(0, dec.stats().gaps());
        // resetSequence() does the same from this end, e.g. after reopening the port
        dec.resetSequence();
        dec.accept(new FrameEncoder(0).encode(4, new Ack()));
        assertEquals(8, rec.frames.size());
    }

    @Test
    void unknownTypeBadVersionShortAndMalformedFramesAreDroppedAndCounted() {
        Recorder rec = new Recorder();
        FrameDecoder dec = new FrameDecoder(rec);
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(RawFrames.wire(1, 0x88, 1, 1, new byte[0])); // a valid ACK
        s.writeBytes(RawFrames.wire(1, 0x7E, 2, 2, new byte[] {1, 2, 3})); // unknown type
        s.writeBytes(RawFrames.wire(2, 0x88, 3, 3, new byte[0])); // future version
        s.writeBytes(RawFrames.wire(Arrays.copyOf(RawFrames.payload(1, 0x88, 3, 3, new byte[0]), 13)));
        s.writeBytes(RawFrames.wire(1, 0x88, 3, 3, new byte[] {0})); // ACK with a body
        s.writeBytes(RawFrames.wire(1, 0x03, 4, 4, new byte[12])); // GET_BLOCKS with maxBlocks 0
        s.writeBytes(RawFrames.wire(1, 0x89, 5, 5, new byte[] {1, 0, 9, 0, 'x'})); // text runs past end
        s.writeBytes(RawFrames.wire(1, 0x88, 6, 6, new byte[0])); // valid, in order: no gap
        dec.accept(s.toByteArray());

        LinkStats st = dec.stats();
        assertEquals(1, st.rejected(RejectReason.UNKNOWN_TYPE));
        assertEquals(1, st.rejected(RejectReason.BAD_VERSION));
        assertEquals(1, st.rejected(RejectReason.TOO_SHORT));
        assertEquals(3, st.rejected(RejectReason.MALFORMED_BODY));
        assertEquals(6, st.rejectedTotal());
        assertEquals(2, st.framesAccepted());
        assertEquals(0, st.gaps(), "frames that passed the CRC still advance the sequence");
        assertEquals(List.of(new Ack(), new Ack()), rec.messages());
        assertTrue(rec.rejections.get(1).detail().contains("version 2"), rec.rejections.get(1).detail());
    }

    /** "Never allocates per byte": a mebibyte of undelimited noise costs no heap beyond noise. */
    @Test
    void feedingBytesDoesNotAllocatePerByte() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean,
                "needs com.sun.management.ThreadMXBean to count allocated bytes");
        com.sun.management.ThreadMXBean tmx = (com.sun.management.ThreadMXBean) mx;
        long tid = Thread.currentThread().getId();
        byte[] noise = new byte[1 << 20];
        Arrays.fill(noise, (byte) 0x42);
        byte[] ack = new FrameEncoder(0).encode(1, new Ack());
        FrameDecoder dec = new FrameDecoder(f -> { });
        dec.accept(noise, 0, 4096); // warm up
        long before = tmx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 16; i++) {
            dec.accept(noise, 0, 65_536);
        }
        long noiseBytes = tmx.getThreadAllocatedBytes(tid) - before;
        assertTrue(noiseBytes < 16 * 1024, noiseBytes + " bytes allocated for 1 MiB of noise");
        dec.accept(ack); // ends the oversize run
        assertEquals(1, dec.stats().rejected(RejectReason.OVERSIZE));
    }

    @Test
    void rejectionsNameTheStreamOffsetOfTheFrame() {
        Recorder rec = new Recorder();
        FrameDecoder dec = new FrameDecoder(rec);
        byte[] good = new FrameEncoder(0).encode(1, new Ack());
        byte[] bad = {0, 5, 1, 2, 0};
        dec.accept(good);
        dec.accept(bad);
        assertEquals(1, rec.rejections.size());
        assertEquals(RejectReason.BAD_COBS, rec.rejections.get(0).reason());
        assertEquals(good.length + 1, rec.rejections.get(0).streamOffset());
    }
}
