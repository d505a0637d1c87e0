package org.plmwatch.core.link;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BLOCKS (0x83), device → host: consecutive blocks of a night file, {@code firstBlockIndex} onwards,
 * as opaque bytes (the night file format defines and checks their content). The device packs as
 * many blocks into one frame as fit {@link FrameFormat#MAX_BODY_BYTES}; a block of up to
 * {@link #MAX_BLOCK_BYTES} always fits alone.
 */
public record Blocks(int nightId, int firstBlockIndex, List<byte[]> blocks) implements Message {

    /** nightId u32, firstBlockIndex u32, blockCount u16. */
    public static final int PREAMBLE_BYTES = 10;
    /** The u16 length before each block. */
    public static final int PER_BLOCK_BYTES = 2;
    /** The largest block that fits a frame on its own. */
    public static final int MAX_BLOCK_BYTES = FrameFormat.MAX_BODY_BYTES - PREAMBLE_BYTES - PER_BLOCK_BYTES;

    public Blocks {
        Fields.nonNegative("nightId", nightId);
        Fields.nonNegative("firstBlockIndex", firstBlockIndex);
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("BLOCKS needs at least one block; send BLOCKS_END instead");
        }
        List<byte[]> copy = new ArrayList<>(blocks.size());
        for (byte[] b : blocks) {
            copy.add(b.clone());
        }
        blocks = List.copyOf(copy);
        if ((long) firstBlockIndex + blocks.size() - 1 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("block indices overflow: first " + firstBlockIndex
                    + " + " + blocks.size() + " blocks");
        }
    }

    /** Body bytes of a BLOCKS message with {@code blockCount} blocks totalling {@code blockBytes}. */
    public static int bodyBytes(int blockCount, int blockBytes) {
        return PREAMBLE_BYTES + PER_BLOCK_BYTES * blockCount + blockBytes;
    }

    /** Copies of the blocks: the record stays immutable. */
    @Override
    public List<byte[]> blocks() {
        List<byte[]> out = new ArrayList<>(blocks.size());
        for (byte[] b : blocks) {
            out.add(b.clone());
        }
        return out;
    }

    public int blockCount() {
        return blocks.size();
    }

    /** A copy of block {@code firstBlockIndex + i}. */
    public byte[] block(int i) {
        return blocks.get(i).clone();
    }

    /** The index after the last block carried here. */
    public int nextBlockIndex() {
        return firstBlockIndex + blocks.size();
    }

    @Override
    public MessageType type() {
        return MessageType.BLOCKS;
    }

    @Override
    public void encodeBody(BodyWriter w) {
        w.u32(nightId);
        w.u32(firstBlockIndex);
        w.u16(blocks.size());
        for (byte[] b : blocks) {
            if (b.length > MAX_BLOCK_BYTES) {
                throw new IllegalArgumentException("a block of " + b.length + " bytes exceeds "
                        + MAX_BLOCK_BYTES + ": night blocks must be at most 4 KiB");
            }
            w.u16(b.length);
            w.bytes(b);
        }
    }

    public static Blocks decodeBody(BodyReader r) {
        int night = r.index("nightId");
        int first = r.index("firstBlockIndex");
        int n = r.u16("blockCount");
        List<byte[]> blocks = new ArrayList<>(Math.min(n, 64));
        for (int i = 0; i < n; i++) {
            int len = r.u16("blockLength");
            blocks.add(r.bytes(len, "block"));
        }
        return new Blocks(night, first, blocks);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Blocks b) || b.nightId != nightId || b.firstBlockIndex != firstBlockIndex
                || b.blocks.size() != blocks.size()) {
            return false;
        }
        for (int i = 0; i < blocks.size(); i++) {
            if (!Arrays.equals(blocks.get(i), b.blocks.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = nightId * 31 + firstBlockIndex;
        for (byte[] b : blocks) {
            h = h * 31 + Arrays.hashCode(b);
        }
        return h;
    }

    @Override
    public String toString() {
        int bytes = 0;
        for (byte[] b : blocks) {
            bytes += b.length;
        }
        return "Blocks[nightId=" + nightId + ", firstBlockIndex=" + firstBlockIndex + ", blocks="
                + blocks.size() + ", bytes=" + bytes + "]";
    }
}
