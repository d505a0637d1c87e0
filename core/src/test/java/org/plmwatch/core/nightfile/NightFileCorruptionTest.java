package org.plmwatch.core.nightfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** SD card damage: flipped bits, zeroed pages, garbage after the end, a damaged header. */
class NightFileCorruptionTest {

    private static final NightFileReader ASSUMING = NightFileReader.assumingHeader(TestNights.header());

    @Test
    void randomBitFlipsLoseOnlyTheBlocksTheyTouch() throws Exception {
        byte[] night = TestNights.smallNight(21, 60);
        List<BlockRef> pristine = TestNights.scan(night).blocks();
        SplittableRandom rnd = new SplittableRandom(2026);
        int trials = 2000;
        long untouched = 0;
        long recovered = 0;
        long touched = 0;
        long reported = 0;
        for (int trial = 0; trial < trials; trial++) {
            byte[] bad = night.clone();
            BitSet hit = new BitSet(bad.length);
            int flips = 1 + rnd.nextInt(8);
            for (int f = 0; f < flips; f++) {
                int bit = rnd.nextInt(bad.length * 8);
                bad[bit >>> 3] ^= (byte) (1 << (bit & 7));
                hit.set(bit >>> 3);
            }
            RecordingSink sink = new RecordingSink();
            NightFileContents c = ASSUMING.read(ByteBuffer.wrap(bad), "trial " + trial, sink);
            Set<BlockRef> kept = new HashSet<>(c.blocks());
            assertTrue(pristine.containsAll(c.blocks()), "trial " + trial + ": a block was invented");
            for (BlockRef b : pristine) {
                boolean isHit = hit.nextSetBit((int) b.offset()) >= 0 && hit.nextSetBit((int) b.offset()) < b.endOffset();
                if (isHit) {
                    touched++;
                    assertFalse(kept.contains(b), "trial " + trial + ": damaged block kept " + b);
                    assertTrue(c.report().dropped().stream().anyMatch(r -> r.startByte() <= b.offset() && b.endOffset() <= r.endByte()),
                            "trial " + trial + ": damaged block " + b + " not reported in " + c.report().dropped());
                    reported++;
                } else {
                    untouched++;
                    assertTrue(kept.contains(b), "trial " + trial + ": intact block lost " + b + "; " + c.report().summary());
                    recovered++;
                }
            }
            assertEquals(hit.nextSetBit(0) >= pristine.get(0).endOffset(), c.report().headerFromFile());
            assertEquals(1, sink.ends);
        }
        System.out.printf("bit flips: %d trials of 1-8 flips in a %d-byte file of %d blocks: %d/%d untouched blocks"
                + " recovered, %d/%d damaged blocks reported%n", trials, night.length, pristine.size(), recovered, untouched,
                reported, touched);
        assertEquals(untouched, recovered);
    }

    @Test
    void aZeroedPageInTheMiddleLosesOnlyTheBlocksOnIt() throws Exception {
        byte[] night = TestNights.smallNight(22, 200);
        assertTrue(night.length > 20_000);
        ScanResult pristine = TestNights.scan(night);
        RecordingSink full = new RecordingSink();
        NightFileReader.strict().read(ByteBuffer.wrap(night), "whole", full);
        byte[] bad = night.clone();
        Arrays.fill(bad, 8192, 12288, (byte) 0);

        RecordingSink sink = new RecordingSink();
        NightFileContents c = NightFileReader.strict().read(ByteBuffer.wrap(bad), "zeroed", sink);

        List<BlockRef> lost = pristine.blocks().stream().filter(b -> b.endOffset() > 8192 && b.offset() < 12288).toList();
        List<BlockRef> kept = pristine.blocks().stream().filter(b -> !lost.contains(b)).toList();
        assertEquals(kept, c.blocks());
        BlockRef firstLost = lost.get(0);
        BlockRef lastLost = lost.get(lost.size() - 1);
        assertEquals(List.of(new DroppedRange(firstLost.offset(), lastLost.endOffset(),
                firstLost.offset() == 8192 ? DropReason.NO_MAGIC : DropReason.BAD_CRC)), c.report().dropped());
        assertEquals(List.of(new SequenceGap(firstLost.sequence() - 1, lastLost.sequence() + 1, lastLost.endOffset())),
                c.report().sequenceGaps());
        assertEquals(lost.size(), c.report().missingBlocks());
        assertTrue(c.report().endedCleanly());

        // the lost samples become one sink gap, from the last sample before to the first after
        int lostSamples = lost.stream().mapToInt(b -> TestNights.sampleCount(night, b)).sum();
        assertEquals(full.n - lostSamples, sink.n);
        int before = kept.stream().filter(b -> b.endOffset() <= 8192).mapToInt(b -> TestNights.sampleCount(night, b)).sum();
        // two gaps: the lost blocks, then the FIFO overflow the device recorded at 100 s
        assertEquals(2, sink.gaps.size(), () -> sink.gaps.stream().map(Arrays::toString).toList().toString());
        assertEquals(100.0, sink.gaps.get(1)[0], 1e-12);
        assertEquals(full.t[before - 1], sink.gaps.get(0)[0], 1e-12);
        assertEquals(full.t[before + lostSamples], sink.gaps.get(0)[1], 1e-12);
        assertEquals(full.t[before + lostSamples], sink.t[before], 1e-12);
    }

    @Test
    void garbageAndStaleBlocksAfterTheEndAreDroppedAndReported() throws Exception {
        byte[] night = TestNights.smallNight(23, 30);
        ScanResult pristine = TestNights.scan(night);
        byte[] noise = new byte[3000];
        new SplittableRandom(23).nextBytes(noise);
        // stale data: a copy of blocks 5..9 (old sequence numbers, valid CRCs), then random bytes
        int staleFrom = (int) pristine.blocks().get(5).offset();
        int staleTo = (int) pristine.blocks().get(9).endOffset();
        byte[] bad = new byte[night.length + (staleTo - staleFrom) + noise.length];
        System.arraycopy(night, 0, bad, 0, night.length);
        System.arraycopy(night, staleFrom, bad, night.length, staleTo - staleFrom);
        System.arraycopy(noise, 0, bad, night.length + staleTo - staleFrom, noise.length);

        NightFileContents c = NightFileReader.strict().read(ByteBuffer.wrap(bad), "garbage", new RecordingSink());
        assertEquals(pristine.blocks(), c.blocks());
        assertEquals(List.of(new DroppedRange(night.length, bad.length, DropReason.IMPLAUSIBLE_SEQUENCE)), c.report().dropped());
        assertTrue(c.report().endedCleanly());
    }

    @Test
    void aStaleBlockWithAHigherSequenceDoesNotShadowTheGenuineBlocksAfterIt() throws Exception {
        byte[] night = TestNights.smallNight(25, 30);
        List<BlockRef> pristine = TestNights.scan(night).blocks();
        // 1000 bytes of garbage (room for 41 lost blocks, so the byte bound alone would accept it)
        // and a valid copy of block 40 land between blocks 10 and 11
        BlockRef stale = pristine.get(40);
        int at = (int) pristine.get(10).endOffset();
        byte[] garbage = new byte[1000];
        new SplittableRandom(25).nextBytes(garbage);
        byte[] bad = new byte[night.length + garbage.length + stale.lengthBytes()];
        System.arraycopy(night, 0, bad, 0, at);
        System.arraycopy(garbage, 0, bad, at, garbage.length);
        System.arraycopy(night, (int) stale.offset(), bad, at + garbage.length, stale.lengthBytes());
        System.arraycopy(night, at, bad, at + garbage.length + stale.lengthBytes(), night.length - at);

        NightFileContents c = NightFileReader.strict().read(ByteBuffer.wrap(bad), "stale", new RecordingSink());
        assertEquals(pristine.stream().map(BlockRef::sequence).toList(), c.blocks().stream().map(BlockRef::sequence).toList());
        assertEquals(List.of(new DroppedRange(at, at + garbage.length + stale.lengthBytes(), DropReason.NO_MAGIC)),
                c.report().dropped());
        assertTrue(c.report().sequenceGaps().isEmpty());
    }

    @Test
    void aDownloadThatStartsAtBlockNReadsWithAnAssumedHeader() throws Exception {
        byte[] night = TestNights.smallNight(26, 30);
        List<BlockRef> pristine = TestNights.scan(night).blocks();
        byte[] tail = Arrays.copyOfRange(night, (int) pristine.get(50).offset(), night.length);
        NightFileContents c = ASSUMING.read(ByteBuffer.wrap(tail), "from-50", new RecordingSink());
        assertEquals(pristine.size() - 50, c.blocks().size());
        assertEquals(50, c.blocks().get(0).sequence());
        assertEquals(List.of(new SequenceGap(-1, 50, 0)), c.report().sequenceGaps());
        assertTrue(c.report().dropped().isEmpty());
    }

    @Test
    void aDamagedHeaderFailsClearlyUnlessAHeaderIsAssumed() throws Exception {
        byte[] night = TestNights.smallNight(24, 10);
        ScanResult pristine = TestNights.scan(night);
        byte[] bad = night.clone();
        bad[30] ^= 0x10;
        NightFileFormatException e = assertThrows(NightFileFormatException.class,
                () -> NightFileReader.strict().read(ByteBuffer.wrap(bad), "night-3.night", new RecordingSink()));
        assertTrue(e.getMessage().startsWith("night-3.night:byte 0: the header block is damaged (bytes 0.."
                + pristine.blocks().get(0).endOffset() + ": BAD_CRC)"), e.getMessage());
        assertTrue(e.getMessage().contains("assumingHeader"), e.getMessage());

        NightHeader assumed = TestNights.header();
        RecordingSink sink = new RecordingSink();
        NightFileContents c = NightFileReader.assumingHeader(assumed).read(ByteBuffer.wrap(bad), "night-3", sink);
        assertFalse(c.report().headerFromFile());
        assertFalse(c.report().clean());
        assertEquals(pristine.blocks().subList(1, pristine.blocks().size()), c.blocks());
        assertEquals(500, sink.n);
        assertEquals(1.0, Math.sqrt(sink.x[0] * sink.x[0] + sink.y[0] * sink.y[0] + sink.z[0] * sink.z[0]), 0.02,
                "with the right scale assumed, rest reads 1 g");
    }

    @Test
    void notANightFileAndEmptyFileAreClearErrors() {
        byte[] text = "t,x,y,z\n0.00,0.01,0.02,0.98\n".getBytes(StandardCharsets.US_ASCII);
        NightFileFormatException e = assertThrows(NightFileFormatException.class,
                () -> NightFileReader.strict().read(ByteBuffer.wrap(text), "rec.csv", new RecordingSink()));
        assertTrue(e.getMessage().contains("not a night file") && e.getMessage().contains("B7 50 4C 4D")
                && e.getMessage().contains("74 2C 78 2C"), e.getMessage());
        NightFileFormatException empty = assertThrows(NightFileFormatException.class,
                () -> ASSUMING.read(ByteBuffer.allocate(0), "empty.night", new RecordingSink()));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    }
}
