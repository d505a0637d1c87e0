package org.plmwatch.core.nightfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A power cut or an interrupted download can end the file at any byte. */
class NightFileTruncationTest {

    @Test
    void cutAtEveryByteKeepsExactlyTheBlocksBeforeTheCut() throws Exception {
        byte[] night = TestNights.smallNight(11, 30);
        ScanResult pristine = TestNights.scan(night);
        assertTrue(night.length > 2048 && night.length < 8192, "a small file of a few KiB, was " + night.length);
        assertTrue(pristine.dropped().isEmpty() && pristine.sequenceGaps().isEmpty());
        assertTrue(pristine.blocks().stream().map(BlockRef::type).distinct().count() >= 8, "every block type is in the file");
        RecordingSink full = new RecordingSink();
        NightFileContents whole = NightFileReader.strict().read(ByteBuffer.wrap(night), "whole", full);
        long headerEnd = pristine.blocks().get(0).endOffset();

        for (int cut = 0; cut < night.length; cut++) {
            ByteBuffer part = ByteBuffer.wrap(Arrays.copyOf(night, cut));
            if (cut < headerEnd) {
                assertThrows(NightFileFormatException.class,
                        () -> NightFileReader.strict().read(part, "cut", new RecordingSink()), "cut at " + cut);
                continue;
            }
            RecordingSink sink = new RecordingSink();
            NightFileContents c = NightFileReader.strict().read(part, "cut", sink);
            final int at = cut;
            List<BlockRef> expected = pristine.blocks().stream().filter(b -> b.endOffset() <= at).toList();
            assertEquals(expected, c.blocks(), "cut at " + cut);
            long lastEnd = expected.get(expected.size() - 1).endOffset();
            if (lastEnd < cut) {
                assertEquals(List.of(new DroppedRange(lastEnd, cut, DropReason.TRUNCATED)), c.report().dropped(), "cut at " + cut);
            } else {
                assertTrue(c.report().dropped().isEmpty());
            }
            assertTrue(c.report().sequenceGaps().isEmpty());
            assertEquals(cut == night.length, c.report().endedCleanly());

            // nothing invented: the samples, movements and statuses are a prefix of the whole night's
            int samples = expected.stream().mapToInt(b -> TestNights.sampleCount(night, b)).sum();
            assertEquals(samples, sink.n, "cut at " + cut);
            for (int i = 0; i < sink.n; i++) {
                if (sink.t[i] != full.t[i] || sink.x[i] != full.x[i] || sink.y[i] != full.y[i] || sink.z[i] != full.z[i]) {
                    throw new AssertionError("cut at " + cut + ": sample " + i + " differs");
                }
            }
            assertEquals(whole.movements().subList(0, c.movements().size()), c.movements());
            assertEquals(expected.stream().filter(b -> b.type() == BlockType.MOVEMENTS).count(), c.movements().size());
            assertEquals(whole.statuses().subList(0, c.statuses().size()), c.statuses());
            assertEquals(1, sink.ends);
        }
    }
}
