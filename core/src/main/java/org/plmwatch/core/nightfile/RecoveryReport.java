package org.plmwatch.core.nightfile;

import java.util.List;

/**
 * What the reader kept and what it had to drop.
 *
 * @param totalBytes        size of the data read
 * @param intactBlocks      blocks read and used
 * @param intactBytes       bytes in those blocks
 * @param dropped           byte ranges not used, in file order, each with the reason found at its start
 * @param sequenceGaps      places where the kept blocks' sequence numbers skip
 * @param headerFromFile    false when the header block was damaged and the caller's assumed header was used
 * @param endedCleanly      the last kept block is an END block: the recording was stopped, not cut
 * @param samplesOutOfOrder samples skipped because their time was not after the previous sample's
 */
public record RecoveryReport(long totalBytes, int intactBlocks, long intactBytes, List<DroppedRange> dropped,
                             List<SequenceGap> sequenceGaps, boolean headerFromFile, boolean endedCleanly,
                             long samplesOutOfOrder) {

    public RecoveryReport {
        dropped = List.copyOf(dropped);
        sequenceGaps = List.copyOf(sequenceGaps);
    }

    /** Nothing was dropped, skipped or assumed (a file still being recorded may lack its END block). */
    public boolean clean() {
        return dropped.isEmpty() && sequenceGaps.isEmpty() && headerFromFile && samplesOutOfOrder == 0;
    }

    public long droppedBytes() {
        long n = 0;
        for (DroppedRange r : dropped) {
            n += r.lengthBytes();
        }
        return n;
    }

    /** Missing blocks counted from the sequence numbers (a lost tail is not counted: see {@link #endedCleanly}). */
    public long missingBlocks() {
        long n = 0;
        for (SequenceGap g : sequenceGaps) {
            n += g.missingBlocks();
        }
        return n;
    }

    /** One line for logs and the CLI. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(intactBlocks).append(" intact blocks (").append(intactBytes).append(" of ").append(totalBytes)
                .append(" bytes)");
        if (!dropped.isEmpty()) {
            s.append("; dropped ").append(droppedBytes()).append(" bytes in ").append(dropped.size()).append(" ranges, first ")
                    .append(dropped.get(0));
        }
        if (!sequenceGaps.isEmpty()) {
            s.append("; ").append(missingBlocks()).append(" blocks missing by sequence number");
        }
        if (!headerFromFile) {
            s.append("; header damaged, assumed header used");
        }
        if (samplesOutOfOrder > 0) {
            s.append("; ").append(samplesOutOfOrder).append(" samples out of time order skipped");
        }
        s.append(endedCleanly ? "; ended cleanly" : "; no END block (recording cut or still running)");
        return s.toString();
    }
}
