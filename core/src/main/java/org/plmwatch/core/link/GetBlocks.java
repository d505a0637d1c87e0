package org.plmwatch.core.link;

/**
 * GET_BLOCKS (0x03), host → device: up to {@code maxBlocks} blocks of a night, starting at block
 * {@code fromBlockIndex}. The device answers with zero or more {@link Blocks} frames (as many
 * blocks per frame as fit) and always ends with one {@link BlocksEnd}, or answers with one
 * {@link ErrorReply}. A broken transfer resumes by asking again from the first block not yet
 * stored; a timed-out request is re-sent with the same request id.
 */
public record GetBlocks(int nightId, int fromBlockIndex, int maxBlocks) implements Message {

    public GetBlocks {
        Fields.nonNegative("nightId", nightId);
        Fields.nonNegative("fromBlockIndex", fromBlockIndex);
        if (maxBlocks < 1) {
            throw new IllegalArgumentException("maxBlocks must be >= 1, was " + maxBlocks);
        }
    }

    @Override
    public MessageType type() {
        return MessageType.GET_BLOCKS;
    }

    @Override
    public void encodeBody(BodyWriter w) {
        w.u32(nightId);
        w.u32(fromBlockIndex);
        w.u32(maxBlocks);
    }

    public static GetBlocks decodeBody(BodyReader r) {
        return new GetBlocks(r.index("nightId"), r.index("fromBlockIndex"), r.index("maxBlocks"));
    }
}
