package org.plmwatch.core.nightfile;

import java.util.List;

/**
 * The intact blocks of a night file (CRC checked, payloads not decoded) and what lies between them.
 *
 * @param totalBytes   size of the scanned data
 * @param blocks       intact blocks in file order, sequence numbers strictly increasing
 * @param dropped      byte ranges that hold no intact block
 * @param sequenceGaps places where intact blocks are not consecutive
 */
public record ScanResult(long totalBytes, List<BlockRef> blocks, List<DroppedRange> dropped,
                         List<SequenceGap> sequenceGaps) {

    public ScanResult {
        blocks = List.copyOf(blocks);
        dropped = List.copyOf(dropped);
        sequenceGaps = List.copyOf(sequenceGaps);
    }

    /** Intact blocks with sequence number {@code >= firstSequence}: what the link sends for "from block N on". */
    public List<BlockRef> blocksFrom(long firstSequence) {
        int lo = 0;
        int hi = blocks.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (blocks.get(mid).sequence() < firstSequence) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return blocks.subList(lo, blocks.size());
    }

    /** End offset of the last intact block (0 if none): where an append after a crash continues. */
    public long endOfLastBlock() {
        return blocks.isEmpty() ? 0 : blocks.get(blocks.size() - 1).endOffset();
    }
}
