package org.plmwatch.core.link;

/**
 * The host's side of one night's download, as docs/LINK.md §6 describes it: which GET_BLOCKS to
 * send, and what to do with each BLOCKS / BLOCKS_END frame that arrives. Pure bookkeeping of block
 * indices; the caller owns the port, the timeouts, the request ids and the archive file.
 *
 * <p>Block i is stored only when i is the next block the host lacks, so every block is written
 * exactly once and in order whatever the link does: frames repeated by a retry are skipped,
 * overlapping frames are used from the first missing block on, and a frame that starts after the
 * first missing block (the frames in between were lost) makes the host ask again from there.
 */
public final class BlockTransfer {

    /** Receives each new block, in index order, exactly once. */
    @FunctionalInterface
    public interface BlockSink {
        void block(int blockIndex, byte[] blockBytes);
    }

    /** What the host does after a frame. */
    public enum Step {
        /** New blocks were stored; keep waiting for this answer. */
        STORED,
        /** Nothing new (a repeat from an earlier attempt, or another night's frame); keep waiting. */
        IGNORED,
        /** Blocks are missing before this frame: send GET_BLOCKS from {@link #nextBlockIndex()} now. */
        GAP,
        /** The answer ended at maxBlocks: send GET_BLOCKS from {@link #nextBlockIndex()}. */
        MORE,
        /** The device has no block at {@link #nextBlockIndex()}: the night is downloaded (so far). */
        COMPLETE
    }

    private final int nightId;
    private int nextBlockIndex;

    /**
     * @param nightId        the night being downloaded
     * @param blocksInHand   blocks 0 … blocksInHand − 1 are already stored (0 for a new download,
     *                       the stored count when resuming a broken one)
     */
    public BlockTransfer(int nightId, int blocksInHand) {
        this.nightId = Fields.nonNegative("nightId", nightId);
        this.nextBlockIndex = Fields.nonNegative("blocksInHand", blocksInHand);
    }

    public int nightId() {
        return nightId;
    }

    /** The first block not yet stored = the number of blocks stored. */
    public int nextBlockIndex() {
        return nextBlockIndex;
    }

    /** The GET_BLOCKS to send now (also on a timeout, with the same request id). */
    public GetBlocks request(int maxBlocks) {
        return new GetBlocks(nightId, nextBlockIndex, maxBlocks);
    }

    /** Handles one BLOCKS frame, passing the blocks not yet stored to {@code sink}. */
    public Step onBlocks(Blocks blocks, BlockSink sink) {
        if (blocks.nightId() != nightId || blocks.nextBlockIndex() <= nextBlockIndex) {
            return Step.IGNORED;
        }
        if (blocks.firstBlockIndex() > nextBlockIndex) {
            return Step.GAP;
        }
        for (int i = nextBlockIndex - blocks.firstBlockIndex(); i < blocks.blockCount(); i++) {
            sink.block(blocks.firstBlockIndex() + i, blocks.block(i));
            nextBlockIndex++;
        }
        return Step.STORED;
    }

    /** Handles the BLOCKS_END that closes an answer. */
    public Step onEnd(BlocksEnd end) {
        if (end.nightId() != nightId || end.nextBlockIndex() < nextBlockIndex) {
            return Step.IGNORED; // the end of an earlier, overtaken attempt
        }
        if (end.nextBlockIndex() > nextBlockIndex) {
            return Step.GAP; // the answer's last BLOCKS frames were lost
        }
        return end.endOfNight() ? Step.COMPLETE : Step.MORE;
    }
}
