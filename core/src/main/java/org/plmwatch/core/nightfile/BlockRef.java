package org.plmwatch.core.nightfile;

import java.util.Objects;

/**
 * Where one intact block lies in a night file: enough for the link to serve "blocks from N on"
 * without decoding them.
 *
 * @param offset     byte offset of the block's magic
 * @param lengthBytes whole block, magic to CRC inclusive
 * @param sequence   the block's sequence number
 * @param type       block type
 * @param timeMicros block time, microseconds from the file's time zero
 */
public record BlockRef(long offset, int lengthBytes, long sequence, BlockType type, long timeMicros) {

    public BlockRef {
        Objects.requireNonNull(type, "type");
    }

    public long endOffset() {
        return offset + lengthBytes;
    }

    public int payloadLength() {
        return lengthBytes - NightFileFormat.OVERHEAD_BYTES;
    }
}
