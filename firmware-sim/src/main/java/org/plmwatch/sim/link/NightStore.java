package org.plmwatch.sim.link;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.plmwatch.core.link.NightEntry;
import org.plmwatch.core.nightfile.BlockRef;
import org.plmwatch.core.nightfile.BlockScanner;
import org.plmwatch.core.nightfile.BlockType;

/**
 * The device's nights as the link serves them: every {@code night-NNNNNN.night} in the nights
 * folder, each seen as its intact blocks (docs/LINK.md §3: block index i is the i-th intact block in
 * file order; size and SHA-256 are over those blocks together). A file is read whole (a night is a
 * few MB) and its scan is cached until its size or modification time changes, so a download's many
 * GET_BLOCKS requests read the card once; the night being recorded changes and is re-read.
 */
final class NightStore {

    private static final Pattern NAME = Pattern.compile("night-(\\d{6})\\.night");

    /** One night file as read at one moment. */
    record Snapshot(int nightId, long fileBytes, long modifiedMillis, byte[] data, List<BlockRef> blocks) {

        long intactBytes() {
            long n = 0;
            for (BlockRef b : blocks) {
                n += b.lengthBytes();
            }
            return n;
        }

        byte[] sha256() {
            MessageDigest md = sha256Digest();
            for (BlockRef b : blocks) {
                md.update(data, (int) b.offset(), b.lengthBytes());
            }
            return md.digest();
        }

        byte[] block(int index) {
            BlockRef b = blocks.get(index);
            byte[] out = new byte[b.lengthBytes()];
            System.arraycopy(data, (int) b.offset(), out, 0, out.length);
            return out;
        }

        /** Wall-clock start from the HEADER block (0 when the device did not know it). */
        long startEpochMillis() {
            if (blocks.isEmpty() || blocks.get(0).type() != BlockType.HEADER || blocks.get(0).payloadLength() < 28) {
                return 0;
            }
            ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            int payload = (int) blocks.get(0).offset() + 20;
            boolean known = (b.get(payload + 19) & 1) != 0;
            long micros = b.getLong(payload + 20);
            return known && micros > 0 ? micros / 1000 : 0;
        }
    }

    private record Summary(long fileBytes, long modifiedMillis, long intactBytes, int blockCount,
            long startEpochMillis, byte[] sha256) {
    }

    private final Path dir;
    private final Map<Integer, Summary> summaries = new HashMap<>();
    private Snapshot last;

    NightStore(Path dir) {
        this.dir = dir;
    }

    Path path(int nightId) {
        return dir.resolve(String.format("night-%06d.night", nightId));
    }

    /** Ids of the night files present, increasing. */
    List<Integer> nightIds() throws IOException {
        List<Integer> ids = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return ids;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    ids.add(Integer.parseInt(m.group(1)));
                }
            });
        }
        ids.sort(null);
        return ids;
    }

    /** The entry for NIGHT_LIST; empty when the night's file vanished meanwhile. */
    Optional<NightEntry> entry(int nightId, boolean recording) throws IOException {
        Optional<BasicFileAttributes> attrs = attributes(nightId);
        if (attrs.isEmpty()) {
            summaries.remove(nightId);
            return Optional.empty();
        }
        Summary s = summaries.get(nightId);
        if (s == null || s.fileBytes != attrs.get().size() || s.modifiedMillis != attrs.get().lastModifiedTime().toMillis()) {
            Optional<Snapshot> snap = snapshot(nightId);
            if (snap.isEmpty()) {
                return Optional.empty();
            }
            Snapshot n = snap.get();
            s = new Summary(n.fileBytes, n.modifiedMillis, n.intactBytes(), n.blocks.size(), n.startEpochMillis(), n.sha256());
            summaries.put(nightId, s);
        }
        return Optional.of(new NightEntry(nightId, s.startEpochMillis, s.intactBytes, s.blockCount, recording, s.sha256));
    }

    /** The night's intact blocks now; re-read only when the file changed since the last call. */
    Optional<Snapshot> snapshot(int nightId) throws IOException {
        Optional<BasicFileAttributes> attrs = attributes(nightId);
        if (attrs.isEmpty()) {
            return Optional.empty();
        }
        long size = attrs.get().size();
        long modified = attrs.get().lastModifiedTime().toMillis();
        if (last != null && last.nightId == nightId && last.fileBytes == size && last.modifiedMillis == modified) {
            return Optional.of(last);
        }
        byte[] data;
        try {
            data = Files.readAllBytes(path(nightId));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        // the recording night may have grown between stat and read: describe what was read
        last = new Snapshot(nightId, data.length, data.length == size ? modified : -1, data,
                BlockScanner.scan(ByteBuffer.wrap(data)).blocks());
        return Optional.of(last);
    }

    /** Deletes the night file and forgets it. */
    void erase(int nightId) throws IOException {
        Files.deleteIfExists(path(nightId));
        summaries.remove(nightId);
        if (last != null && last.nightId == nightId) {
            last = null;
        }
    }

    private Optional<BasicFileAttributes> attributes(int nightId) throws IOException {
        try {
            return Optional.of(Files.readAttributes(path(nightId), BasicFileAttributes.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
