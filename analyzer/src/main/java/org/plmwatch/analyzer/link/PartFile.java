package org.plmwatch.analyzer.link;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;

import org.plmwatch.core.nightfile.BlockRef;
import org.plmwatch.core.nightfile.BlockScanner;

/**
 * A night being downloaded: {@code night-NNNNNN.night.part}, blocks appended in index order, and
 * {@code .part.progress} (blocks and bytes safely on disk, for people and for the cross-check).
 * Opening an existing part scans it with the night-file scanner and keeps its intact blocks from the
 * start (a torn tail from a killed download is cut off), so a download resumes at the first block
 * not on disk. Each appended block is checked to be one intact night-file block (CRC32C): what is
 * in the part is always a valid night file.
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

    private final Path path;
    private final Path progress;
    private final FileChannel channel;
    private final MessageDigest sha;
    private final int resumedBlocks;
    private int blocks;
    private long bytes;
    private long unsyncedBytes;
    private final ByteBuffer pending = ByteBuffer.allocate(WRITE_BUFFER_BYTES);

    private PartFile(Path path, Path progress, FileChannel channel, MessageDigest sha, int blocks, long bytes) {
        this.path = path;
        this.progress = progress;
        this.channel = channel;
        this.sha = sha;
        this.resumedBlocks = blocks;
        this.blocks = blocks;
        this.bytes = bytes;
    }

    static PartFile open(Path path, Path progress) throws IOException {
        Files.createDirectories(path.getParent());
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            MessageDigest sha = newSha256();
            byte[] data = Files.readAllBytes(path);
            List<BlockRef> intact = BlockScanner.scan(ByteBuffer.wrap(data)).blocks();
            // keep the leading run of intact blocks that starts at byte 0 and has no hole
            int n = 0;
            long end = 0;
            for (BlockRef b : intact) {
                if (b.offset() != end) {
                    break;
                }
                end = b.endOffset();
                n++;
            }
            sha.update(data, 0, (int) end);
            ch.truncate(end);
            ch.position(end);
            PartFile p = new PartFile(path, progress, ch, sha, n, end);
            p.sync();
            return p;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Appends block {@code index} (must be the next one); throws {@link DamagedBlockException} if it is not intact. */
    public void append(int index, byte[] block) {
        if (index != blocks) {
            throw new IllegalStateException("block " + index + " appended, block " + blocks + " expected");
        }
        List<BlockRef> found = BlockScanner.scan(ByteBuffer.wrap(block)).blocks();
        if (found.size() != 1 || found.get(0).offset() != 0 || found.get(0).lengthBytes() != block.length) {
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
        Path tmp = progress.resolveSibling(progress.getFileName() + ".tmp");
        Files.writeString(tmp, "blocks=" + blocks + "\nbytes=" + bytes + "\nupdatedAt=" + Instant.now() + "\n",
                StandardCharsets.UTF_8);
        Files.move(tmp, progress, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
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
