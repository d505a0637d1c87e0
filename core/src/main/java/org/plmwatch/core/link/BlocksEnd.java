package org.plmwatch.core.link;

/**
 * BLOCKS_END (0x84), device → host: the last frame of every successful GET_BLOCKS answer.
 *
 * @param nightId        the night asked for
 * @param nextBlockIndex the index after the last block sent: where the next GET_BLOCKS starts
 * @param endOfNight     no block exists at {@code nextBlockIndex} now (for a recording night more
 *                       may appear later); false when the device stopped at {@code maxBlocks}
 */
public record BlocksEnd(int nightId, int nextBlockIndex, boolean endOfNight) implements Message {

    public BlocksEnd {
        Fields.nonNegative("nightId", nightId);
        Fields.nonNegative("nextBlockIndex", nextBlockIndex);
    }

    @Override
    public MessageType type() {
        return MessageType.BLOCKS_END;
    }

    @Override
    public void encodeBody(BodyWriter w) {
        w.u32(nightId);
        w.u32(nextBlockIndex);
        w.u8(endOfNight ? 1 : 0);
    }

    public static BlocksEnd decodeBody(BodyReader r) {
        int night = r.index("nightId");
        int next = r.index("nextBlockIndex");
        int flags = r.u8("endFlags");
        if ((flags & ~1) != 0) {
            throw new MalformedMessageException("BLOCKS_END flags 0x" + Integer.toHexString(flags)
                    + " has bits other than bit 0 (endOfNight)");
        }
        return new BlocksEnd(night, next, flags == 1);
    }
}
