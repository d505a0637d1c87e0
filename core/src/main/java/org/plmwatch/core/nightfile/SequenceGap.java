package org.plmwatch.core.nightfile;

/**
 * Intact blocks that do not follow each other: {@code nextSequence} came after
 * {@code previousSequence} ({@code -1} when blocks are missing before the first intact one).
 */
public record SequenceGap(long previousSequence, long nextSequence, long atByte) {

    public long missingBlocks() {
        return nextSequence - previousSequence - 1;
    }
}
