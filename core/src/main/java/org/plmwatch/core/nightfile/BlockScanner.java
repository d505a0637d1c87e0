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
 * Finds every intact block in a night file, resynchronising after damage. Three passes:
 * <ol>
 * <li>Candidates: where a block with the right magic, length, CRC32C, version and type starts, take
 * it and jump past it; elsewhere move one byte on (a corrupted length field must not make the scan
 * skip good blocks).</li>
 * <li>Sequence: keep the longest run of candidates whose sequence numbers strictly increase in file
 * order (a longest increasing subsequence), so a stale or foreign block with a valid CRC, wherever
 * it sits, cannot shadow the genuine blocks after it.</li>
 * <li>Plausibility: a kept block's sequence number may exceed the previous kept one's by at most
 * one plus the number of smallest possible blocks (24 bytes) that fit in the bytes between them.</li>
 * </ol>
 * Used by the host reader, by the device before an append and by the link to serve raw blocks.
 */
public final class BlockScanner {

    private BlockScanner() {
    }

    /** Scans {@code data} from its position 0 to its limit (the buffer is not moved). */
    public static ScanResult scan(ByteBuffer data) {
        ByteBuffer buf = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int size = buf.limit();
        CRC32C crc = new CRC32C();

        // pass 1: candidates and the junk between them; a junk run's reason is what its first byte showed
        List<BlockRef> candidates = new ArrayList<>();
        List<DroppedRange> junk = new ArrayList<>();
        int junkStart = -1;
        DropReason junkReason = null;
        int pos = 0;
        while (pos < size) {
            DropReason problem = check(buf, pos, size, crc);
            if (problem == null) {
                if (junkStart >= 0) {
                    junk.add(new DroppedRange(junkStart, pos, junkReason));
                    junkStart = -1;
                }
                int length = OVERHEAD_BYTES + Short.toUnsignedInt(buf.getShort(pos + NightFileFormat.OFF_LENGTH));
                candidates.add(new BlockRef(pos, length,
                        Integer.toUnsignedLong(buf.getInt(pos + NightFileFormat.OFF_SEQUENCE)),
                        BlockType.ofCode(buf.get(pos + NightFileFormat.OFF_TYPE) & 0xFF),
                        buf.getLong(pos + NightFileFormat.OFF_TIME)));
                pos += length;
                continue;
            }
            if (junkStart < 0) {
                junkStart = pos;
                junkReason = problem;
            }
            pos++;
        }
        if (junkStart >= 0) {
            junk.add(new DroppedRange(junkStart, size, junkReason));
        }

        // passes 2 and 3
        boolean[] keep = longestIncreasingSequence(candidates);
        long lastSeq = -1;
        long lastEnd = -1;
        for (int i = 0; i < candidates.size(); i++) {
            if (!keep[i]) {
                continue;
            }
            BlockRef b = candidates.get(i);
            if (lastEnd >= 0 && b.sequence() > lastSeq + 1 + (b.offset() - lastEnd) / OVERHEAD_BYTES) {
                keep[i] = false;
                continue;
            }
            lastSeq = b.sequence();
            lastEnd = b.endOffset();
        }

        // merge rejected candidates and junk into dropped ranges, in file order
        List<BlockRef> blocks = new ArrayList<>();
        List<DroppedRange> dropped = new ArrayList<>();
        List<SequenceGap> gaps = new ArrayList<>();
        long dropStart = -1;
        DropReason dropReason = null;
        int j = 0;
        lastSeq = -1;
        for (int i = 0; i <= candidates.size(); i++) {
            long until = i < candidates.size() ? candidates.get(i).offset() : size;
            while (j < junk.size() && junk.get(j).startByte() < until) {
                if (dropStart < 0) {
                    dropStart = junk.get(j).startByte();
                    dropReason = junk.get(j).reason();
                }
                j++;
            }
            if (i == candidates.size()) {
                break;
            }
            BlockRef b = candidates.get(i);
            if (!keep[i]) {
                if (dropStart < 0) {
                    dropStart = b.offset();
                    dropReason = DropReason.IMPLAUSIBLE_SEQUENCE;
                }
                continue;
            }
            if (dropStart >= 0) {
                dropped.add(new DroppedRange(dropStart, b.offset(), dropReason));
                dropStart = -1;
            }
            if (b.sequence() != lastSeq + 1) {
                gaps.add(new SequenceGap(lastSeq, b.sequence(), b.offset()));
            }
            lastSeq = b.sequence();
            blocks.add(b);
        }
        if (dropStart >= 0) {
            dropped.add(new DroppedRange(dropStart, size, dropReason));
        }
        return new ScanResult(size, blocks, dropped, gaps);
    }

    /**
     * The blocks of an undamaged file, read from their frame headers alone: from byte 0 each block
     * must have the magic, a valid length, version and type, and the next sequence number, and
     * the last must end at the end of the data. The CRC is checked only for the block types
     * {@code crcChecked} names (the few whose payload the caller uses); the rest are left to the
     * full {@link #scan}, which reading does anyway. Empty when anything is irregular: the caller
     * then scans. Lets a caller that needs only the header and a few small blocks (opening a
     * recording) skip a CRC pass over every sample.
     */
    public static java.util.Optional<List<BlockRef>> walkUndamaged(ByteBuffer data, java.util.Set<BlockType> crcChecked) {
        ByteBuffer buf = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int size = buf.limit();
        CRC32C crc = new CRC32C();
        List<BlockRef> blocks = new ArrayList<>();
        int pos = 0;
        long expectedSequence = 0;
        while (pos < size) {
            if (size - pos < OVERHEAD_BYTES || !NightFileFormat.magicAt(buf, pos)) {
                return java.util.Optional.empty();
            }
            int payload = Short.toUnsignedInt(buf.getShort(pos + NightFileFormat.OFF_LENGTH));
            BlockType type = BlockType.ofCode(buf.get(pos + NightFileFormat.OFF_TYPE) & 0xFF);
            long sequence = Integer.toUnsignedLong(buf.getInt(pos + NightFileFormat.OFF_SEQUENCE));
            if (payload > MAX_PAYLOAD_BYTES || pos + OVERHEAD_BYTES + payload > size || type == null
                    || (buf.get(pos + NightFileFormat.OFF_VERSION) & 0xFF) != NightFileFormat.VERSION
                    || sequence != expectedSequence) {
                return java.util.Optional.empty();
            }
            if (crcChecked.contains(type) && NightFileFormat.crc(crc, buf, pos, HEADER_BYTES + payload)
                    != buf.getInt(pos + HEADER_BYTES + payload)) {
                return java.util.Optional.empty();
            }
            blocks.add(new BlockRef(pos, OVERHEAD_BYTES + payload, sequence, type,
                    buf.getLong(pos + NightFileFormat.OFF_TIME)));
            pos += OVERHEAD_BYTES + payload;
            expectedSequence++;
        }
        return java.util.Optional.of(blocks);
    }

    /** Marks a longest strictly increasing subsequence of sequence numbers (patience sorting, O(n log n)). */
    private static boolean[] longestIncreasingSequence(List<BlockRef> candidates) {
        int n = candidates.size();
        int[] tails = new int[n];
        int[] previous = new int[n];
        int length = 0;
        for (int i = 0; i < n; i++) {
            long seq = candidates.get(i).sequence();
            int lo = 0;
            int hi = length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (candidates.get(tails[mid]).sequence() < seq) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            previous[i] = lo > 0 ? tails[lo - 1] : -1;
            tails[lo] = i;
            if (lo == length) {
                length++;
            }
        }
        boolean[] keep = new boolean[n];
        for (int i = length > 0 ? tails[length - 1] : -1; i >= 0; i = previous[i]) {
            keep[i] = true;
        }
        return keep;
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
