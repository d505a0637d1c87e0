package org.plmwatch.core.nightfile;

import static org.plmwatch.core.nightfile.NightFileFormat.HEADER_BYTES;
import static org.plmwatch.core.nightfile.NightFileFormat.MAX_PAYLOAD_BYTES;
import static org.plmwatch.core.nightfile.NightFileFormat.OVERHEAD_BYTES;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Finds every intact block in a night file, resynchronising after damage: where no intact block
 * starts, it moves one byte on and tries again. A block counts as intact when its magic, length,
 * CRC32C, version and type are right and its sequence number is plausible: greater than the
 * previous intact block's and at most one more than the number of the smallest possible blocks
 * that fit in the bytes skipped since it. Used by the host reader, by the device before an append
 * and by the link to serve raw blocks.
 */
public final class BlockScanner {

    private BlockScanner() {
    }

    /** Scans {@code data} from its position 0 to its limit (the buffer is not moved). */
    public static ScanResult scan(ByteBuffer data) {
        ByteBuffer buf = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int size = buf.limit();
        CRC32C crc = new CRC32C();
        List<BlockRef> blocks = new ArrayList<>();
        List<DroppedRange> dropped = new ArrayList<>();
        List<SequenceGap> gaps = new ArrayList<>();
        long lastSeq = -1;
        int lastEnd = 0;
        int dropStart = -1;
        DropReason dropReason = null;
        int pos = 0;
        while (pos < size) {
            DropReason problem = check(buf, pos, size, crc);
            if (problem == null) {
                long seq = Integer.toUnsignedLong(buf.getInt(pos + NightFileFormat.OFF_SEQUENCE));
                long maxSeq = lastSeq + 1 + (pos - lastEnd) / OVERHEAD_BYTES;
                if (seq > lastSeq && seq <= maxSeq) {
                    if (dropStart >= 0) {
                        dropped.add(new DroppedRange(dropStart, pos, dropReason));
                        dropStart = -1;
                    }
                    if (seq != lastSeq + 1) {
                        gaps.add(new SequenceGap(lastSeq, seq, pos));
                    }
                    int length = OVERHEAD_BYTES + Short.toUnsignedInt(buf.getShort(pos + NightFileFormat.OFF_LENGTH));
                    BlockType type = BlockType.ofCode(buf.get(pos + NightFileFormat.OFF_TYPE) & 0xFF);
                    blocks.add(new BlockRef(pos, length, seq, type, buf.getLong(pos + NightFileFormat.OFF_TIME)));
                    lastSeq = seq;
                    pos += length;
                    lastEnd = pos;
                    continue;
                }
                problem = DropReason.IMPLAUSIBLE_SEQUENCE;
            }
            if (dropStart < 0) {
                dropStart = pos;
                dropReason = problem;
            }
            pos++;
        }
        if (dropStart >= 0) {
            dropped.add(new DroppedRange(dropStart, size, dropReason));
        }
        return new ScanResult(size, blocks, dropped, gaps);
    }

    /** Why no intact block starts at {@code pos}, or null if one does (sequence not yet judged). */
    private static DropReason check(ByteBuffer buf, int pos, int size, CRC32C crc) {
        int remaining = size - pos;
        byte[] magic = NightFileFormat.MAGIC;
        for (int i = 0; i < magic.length; i++) {
            if (i >= remaining) {
                return DropReason.TRUNCATED;
            }
            if (buf.get(pos + i) != magic[i]) {
                return DropReason.NO_MAGIC;
            }
        }
        if (remaining < HEADER_BYTES) {
            return DropReason.TRUNCATED;
        }
        int payload = Short.toUnsignedInt(buf.getShort(pos + NightFileFormat.OFF_LENGTH));
        if (payload > MAX_PAYLOAD_BYTES) {
            return DropReason.BAD_LENGTH;
        }
        int crcPos = pos + HEADER_BYTES + payload;
        if (crcPos + NightFileFormat.CRC_BYTES > size) {
            return DropReason.TRUNCATED;
        }
        if (NightFileFormat.crc(crc, buf, pos, HEADER_BYTES + payload) != buf.getInt(crcPos)) {
            return DropReason.BAD_CRC;
        }
        if ((buf.get(pos + NightFileFormat.OFF_VERSION) & 0xFF) != NightFileFormat.VERSION) {
            return DropReason.UNSUPPORTED_VERSION;
        }
        if (BlockType.ofCode(buf.get(pos + NightFileFormat.OFF_TYPE) & 0xFF) == null) {
            return DropReason.UNKNOWN_TYPE;
        }
        return null;
    }

    /** The raw bytes of an intact block (read-only view, magic to CRC), as the link sends them. */
    public static ByteBuffer rawBlock(ByteBuffer data, BlockRef ref) {
        return data.slice(Math.toIntExact(ref.offset()), ref.lengthBytes()).asReadOnlyBuffer();
    }
}
