package org.plmwatch.analyzer.link;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;

import org.plmwatch.core.nightfile.BlockRef;
import org.plmwatch.core.nightfile.BlockScanner;
import org.plmwatch.core.nightfile.NightFileFormat;

/**
 * A night being downloaded: {@code night-NNNNNN.night.part}, blocks appended in index order, and
 * {@code .part.progress} (blocks and bytes safely on disk, for people and for the cross-check).
 * Opening an existing part scans it with the night-file scanner and keeps its intact blocks from the
 * start (a torn tail from a killed download is cut off), so a download resumes at the first block
 * not on disk. Each appended block is checked to be one intact night-file block (CRC32C): what is
 * in the part is always a valid night file. A part never grows past the size and block count the
 * device announced for the night.
 */
public final class PartFile implements Closeable {

    /** fsync after this many bytes, so a killed download loses little. */
    private static final long SYNC_EVERY_BYTES = 1 << 20;
    /**
     * Blocks are mostly ~100 bytes (one second of samples at rest): writing each with its own system
     * call cost more than the rest of the download together, so they are gathered here first. A
     * crash loses at most this much, which the next run downloads again.
     */
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;
    /** docs/FORMATS.md, block frame: the payload length is the u16 at byte 6. */
    private static final int OFF_LENGTH = 6;

    private final Path path;
    private final Path progress;
    private final FileChannel channel;
    private final MessageDigest sha;
    private final int resumedBlocks;
    private final long maxBytes;
    private final int maxBlocks;
    private final boolean discardedOversize;
    private int blocks;
    private long bytes;
    private long unsyncedBytes;
    private final ByteBuffer pending = ByteBuffer.allocate(WRITE_BUFFER_BYTES);

    private PartFile(Path path, Path progress, FileChannel channel, MessageDigest sha, int blocks, long bytes,
            long maxBytes, int maxBlocks, boolean discardedOversize) {
        this.maxBytes = maxBytes;
        this.maxBlocks = maxBlocks;
        this.discardedOversize = discardedOversize;
        this.path = path;
        this.progress = progress;
        this.channel = channel;
        this.sha = sha;
        this.resumedBlocks = blocks;
        this.blocks = blocks;
        this.bytes = bytes;
    }

    /**
     * Opens or resumes a part that may hold at most {@code maxBytes} in {@code maxBlocks} blocks
     * (what the device announced). A part larger than that is not a prefix of this night: it is
     * deleted and the download starts afresh. An existing part is read block by block (never whole:
     * the device, not the file, says how big it may be), keeping its leading intact blocks. The
     * archive has checked the path is no link; {@code NOFOLLOW_LINKS} makes the open fail if one was
     * planted since.
     */
    static PartFile open(Path path, Path progress, long maxBytes, int maxBlocks) throws IOException {
        boolean discarded = false;
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && Files.readAttributes(path, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS).size() > maxBytes) {
            Files.delete(path);
            Files.deleteIfExists(progress);
            discarded = true;
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        try {
            MessageDigest sha = newSha256();
            long[] kept = leadingIntactBlocks(ch, sha, maxBlocks);
            long end = kept[1];
            ch.truncate(end);
            ch.position(end);
            PartFile p = new PartFile(path, progress, ch, sha, (int) kept[0], end, maxBytes, maxBlocks, discarded);
            p.sync();
            return p;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Streams through the part from byte 0 while it holds intact blocks back to back, hashing them.
     * Memory: one block (at most 4096 bytes) whatever the file's size.
     *
     * @return {blocks kept, bytes kept}
     */
    private static long[] leadingIntactBlocks(FileChannel ch, MessageDigest sha, int maxBlocks) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(NightFileFormat.MAX_BLOCK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long end = 0;
        int n = 0;
        while (n < maxBlocks) {
            block.clear().limit(NightFileFormat.HEADER_BYTES);
            if (!readFully(ch, block, end)) {
                break;
            }
            int length = NightFileFormat.OVERHEAD_BYTES + Short.toUnsignedInt(block.getShort(OFF_LENGTH));
            if (length > NightFileFormat.MAX_BLOCK_BYTES) {
                break;
            }
            block.limit(length);
            if (!readFully(ch, block, end + NightFileFormat.HEADER_BYTES)) {
                break;
            }
            if (!isOneIntactBlock(block.array(), length)) {
                break;
            }
            sha.update(block.array(), 0, length);
            end += length;
            n++;
        }
        return new long[] {n, end};
    }

    /** Fills {@code b} from its position to its limit, reading at {@code at}; false at the end of the file. */
    private static boolean readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        long pos = at;
        while (b.hasRemaining()) {
            int r = ch.read(b, pos);
            if (r < 0) {
                return false;
            }
            pos += r;
        }
        return true;
    }

    private static boolean isOneIntactBlock(byte[] buf, int length) {
        List<BlockRef> found = BlockScanner.scan(ByteBuffer.wrap(buf, 0, length).slice()).blocks();
        return found.size() == 1 && found.get(0).offset() == 0 && found.get(0).lengthBytes() == length;
    }

    /**
     * Appends block {@code index} (must be the next one); throws {@link DamagedBlockException} if it is
     * not intact and {@link AnnouncedSizeExceededException} if it would take the part past what the
     * device announced (nothing is written then).
     */
    public void append(int index, byte[] block) {
        if (index != blocks) {
            throw new IllegalStateException("block " + index + " appended, block " + blocks + " expected");
        }
        if (blocks >= maxBlocks || bytes + block.length > maxBytes) {
            throw new AnnouncedSizeExceededException("the device sent block " + index + " (" + block.length
                    + " bytes) past the " + maxBlocks + " blocks and " + maxBytes + " bytes it announced for the night");
        }
        if (!isOneIntactBlock(block, block.length)) {
            throw new DamagedBlockException("block " + index + " (" + block.length
                    + " bytes) is not one intact night-file block");
        }
        try {
            if (block.length > pending.remaining()) {
                writePending();
            }
            pending.put(block);
            sha.update(block);
            blocks++;
            bytes += block.length;
            unsyncedBytes += block.length;
            if (unsyncedBytes >= SYNC_EVERY_BYTES) {
                sync();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("writing " + path + " failed: " + e.getMessage(), e);
        }
    }

    /** Forces the blocks to disk and records the progress. */
    public void sync() throws IOException {
        writePending();
        channel.force(false);
        unsyncedBytes = 0;
        Archive.replaceFile(progress, "blocks=" + blocks + "\nbytes=" + bytes + "\nupdatedAt=" + Instant.now() + "\n");
    }

    private void writePending() throws IOException {
        pending.flip();
        while (pending.hasRemaining()) {
            channel.write(pending);
        }
        pending.clear();
    }

    /** Blocks stored (on disk after the next {@link #sync()} or {@link #close()}). */
    public int blocks() {
        return blocks;
    }

    public long bytes() {
        return bytes;
    }

    /** Whether a part larger than the announced night was found, deleted and started afresh. */
    public boolean discardedOversize() {
        return discardedOversize;
    }

    /** Blocks that were already there when the part was opened (the resume point). */
    public int resumedBlocks() {
        return resumedBlocks;
    }

    /** SHA-256 of everything in the part (a copy of the running digest). */
    public byte[] sha256() {
        try {
            return ((MessageDigest) sha.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests of the JDK are cloneable", e);
        }
    }

    Path path() {
        return path;
    }

    Path progressPath() {
        return progress;
    }

    /** Writes what is buffered and closes; the blocks stay for the next run to resume from. */
    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        try {
            writePending();
        } finally {
            channel.close();
        }
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
