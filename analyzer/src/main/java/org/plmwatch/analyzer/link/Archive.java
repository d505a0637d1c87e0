package org.plmwatch.analyzer.link;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.plmwatch.core.link.NightEntry;

/**
 * The host's archive of downloaded nights:
 * <pre>
 * ARCHIVE/DEVICE-FOLDER/night-000007.night               verified copy (never overwritten)
 * ARCHIVE/DEVICE-FOLDER/night-000007.properties          its manifest: sha256, size, blocks, downloadedAt, port
 * ARCHIVE/DEVICE-FOLDER/night-000007-1a2b3c4d5e6f.night  a different night the device also called 7 (stored beside)
 * ARCHIVE/DEVICE-FOLDER/night-000008.night.part          a download in progress (resumable)
 * ARCHIVE/DEVICE-FOLDER/night-000008.night.part.progress blocks and bytes on disk
 * </pre>
 * DEVICE-FOLDER is the device id made safe (letters, digits, {@code . - _}; at most 40 bytes) plus
 * {@code -} and 16 hex digits of the SHA-256 of the id's UTF-8 bytes: ids that read alike
 * ({@code a/b}, {@code a_b}, {@code a\0b}) never share a folder, and a name is at most 57 bytes.
 * Archives made before this naming kept the safe part alone; nights there still count as archived
 * when their manifest names exactly this device id.
 *
 * <p>A night counts as archived when its manifest and its file are both there and the file has the
 * manifest's size; it is "this" night when the manifest's SHA-256 and size equal the device's. The
 * file is moved into place atomically after its SHA-256 matched the device's, and the manifest is
 * written after it, so a crash leaves either a part, or a file without manifest, never a
 * half-written night.
 *
 * <p>Nothing under the archive folder is followed if it is a symbolic link: every path component
 * below the root is checked without following links before use, files are opened with
 * {@code NOFOLLOW_LINKS} or created exclusively and renamed into place, and a part file with a second
 * hard link is refused. The root itself is the user's choice and may be a link.
 */
public final class Archive {

    /** Bytes of the readable part of a device folder name. */
    static final int READABLE_ID_BYTES = 40;
    /** Hex digits of the id's SHA-256 in a device folder name: 64 bits, no accidental collision. */
    static final int ID_HASH_HEX = 16;
    /** Hex digits of a night's SHA-256 in the name of a night stored beside another with the same id. */
    static final int NIGHT_HASH_HEX = 12;

    /** Manifests are ~400 bytes; a larger file there was not written by us and is not read whole. */
    private static final long MAX_MANIFEST_BYTES = 64 * 1024;

    private final Path root;

    public Archive(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** {@code ~/plmwatch-archive}: one place per user, whatever folder the command runs in. */
    public static Path defaultRoot() {
        return Path.of(System.getProperty("user.home"), "plmwatch-archive");
    }

    public Path root() {
        return root;
    }

    /** Where one night lives in a device folder: {@code base} is {@code night-000007} or {@code night-000007-<sha>}. */
    public record NightSlot(Path dir, String base) {

        public Path nightFile() {
            return dir.resolve(base + ".night");
        }

        public Path manifestFile() {
            return dir.resolve(base + ".properties");
        }

        Path partFile() {
            return dir.resolve(base + ".night.part");
        }

        Path progressFile() {
            return dir.resolve(base + ".night.part.progress");
        }
    }

    /** An archived night: where, and its manifest. */
    public record Archived(NightSlot slot, NightManifest manifest) {
    }

    /** The folder name of a device: safe readable part, '-', 16 hex digits of SHA-256(UTF-8 id). */
    public static String folderName(String deviceId) {
        String hash = hex(PartFile.newSha256().digest(deviceId.getBytes(StandardCharsets.UTF_8)))
                .substring(0, ID_HASH_HEX);
        return readable(deviceId) + "-" + hash;
    }

    /** The id kept to letters, digits, '.', '-' and '_', no leading dot, at most 40 bytes ("device" when nothing is left). */
    private static String readable(String deviceId) {
        String safe = deviceId.replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^\\.+", "");
        if (safe.length() > READABLE_ID_BYTES) {
            safe = safe.substring(0, READABLE_ID_BYTES);
        }
        return safe.isEmpty() ? "device" : safe;
    }

    /** The device's folder. */
    public Path deviceDir(String deviceId) {
        return root.resolve(folderName(deviceId));
    }

    /**
     * The folder archives made before the hashed names used (the safe part alone, not shortened):
     * read only, and only manifests naming exactly this id count.
     */
    Path legacyDeviceDir(String deviceId) {
        String safe = deviceId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.isEmpty() || safe.chars().allMatch(c -> c == '.')) {
            safe = "unnamed-device" + safe.replace('.', '_');
        }
        return root.resolve(safe);
    }

    /** Night {@code nightId}'s usual place. */
    public NightSlot slot(String deviceId, int nightId) {
        return new NightSlot(deviceDir(deviceId), String.format("night-%06d", nightId));
    }

    /** The place of a night with this id and SHA-256 when the usual place holds a different night. */
    public NightSlot slotBeside(String deviceId, int nightId, byte[] sha256) {
        return new NightSlot(deviceDir(deviceId), String.format("night-%06d-", nightId)
                + hex(sha256).substring(0, NIGHT_HASH_HEX));
    }

    public Path nightFile(String deviceId, int nightId) {
        return slot(deviceId, nightId).nightFile();
    }

    public Path manifestFile(String deviceId, int nightId) {
        return slot(deviceId, nightId).manifestFile();
    }

    /** The manifest of night {@code nightId} in its usual place; empty when not (completely) archived. */
    public Optional<NightManifest> verified(String deviceId, int nightId) throws IOException {
        return verified(slot(deviceId, nightId));
    }

    /** The manifest of the night in {@code slot}; empty when not (completely) archived. */
    public Optional<NightManifest> verified(NightSlot slot) throws IOException {
        Optional<BasicFileAttributes> manifest = attributes(slot.manifestFile(), true);
        Optional<BasicFileAttributes> night = attributes(slot.nightFile(), true);
        if (manifest.isEmpty() || night.isEmpty()) {
            return Optional.empty();
        }
        if (manifest.get().size() > MAX_MANIFEST_BYTES) {
            throw new ArchiveRefusedException(slot.manifestFile(), "a manifest is a few hundred bytes, this one "
                    + manifest.get().size());
        }
        NightManifest m = NightManifest.read(slot.manifestFile());
        return night.get().size() == m.sizeBytes() ? Optional.of(m) : Optional.empty();
    }

    /**
     * Where this very night (the device's SHA-256 and size) is archived: its usual place, beside a
     * different night of the same id, or in the folder of an archive made before the hashed names.
     */
    public Optional<Archived> find(String deviceId, NightEntry entry) throws IOException {
        List<NightSlot> candidates = new ArrayList<>(List.of(slot(deviceId, entry.nightId()),
                slotBeside(deviceId, entry.nightId(), entry.sha256())));
        Path legacy = legacyDeviceDir(deviceId);
        if (!legacy.equals(deviceDir(deviceId))) {
            candidates.add(new NightSlot(legacy, String.format("night-%06d", entry.nightId())));
        }
        String sha = hex(entry.sha256());
        for (NightSlot s : candidates) {
            Optional<NightManifest> m = verified(s);
            if (m.isPresent() && m.get().deviceId().equals(deviceId) && m.get().sha256Hex().equals(sha)
                    && m.get().sizeBytes() == entry.sizeBytes()) {
                return Optional.of(new Archived(s, m.get()));
            }
        }
        return Optional.empty();
    }

    /** Whether a night file or a manifest is in {@code slot} (whichever night it is). */
    public boolean occupied(NightSlot slot) throws IOException {
        return attributes(slot.nightFile(), true).isPresent() || attributes(slot.manifestFile(), true).isPresent();
    }

    /** Whether {@code slot} has a night file (checked: no link, a regular file). */
    public boolean hasNightFile(NightSlot slot) throws IOException {
        return attributes(slot.nightFile(), true).isPresent();
    }

    /**
     * Opens (or resumes) the part file of the night in {@code slot}, which may never hold more than
     * {@code maxBytes} in {@code maxBlocks} blocks (what the device announced).
     */
    public PartFile openPart(NightSlot slot, long maxBytes, int maxBlocks) throws IOException {
        createDirectory(slot.dir());
        Optional<BasicFileAttributes> part = attributes(slot.partFile(), true);
        if (part.isPresent()) {
            Object links = Files.getAttribute(slot.partFile(), "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            if (links instanceof Integer n && n > 1) {
                throw new ArchiveRefusedException(slot.partFile(), "it has " + n + " hard links, so writing it "
                        + "would change a file elsewhere");
            }
        }
        attributes(slot.progressFile(), true);
        return PartFile.open(slot.partFile(), slot.progressFile(), maxBytes, maxBlocks);
    }

    /** As {@link #openPart(NightSlot, long, int)} in the night's usual place. */
    public PartFile openPart(String deviceId, int nightId, long maxBytes, int maxBlocks) throws IOException {
        return openPart(slot(deviceId, nightId), maxBytes, maxBlocks);
    }

    /** Deletes a part and its progress (after a checksum mismatch, or when the device's night is shorter). */
    public void discard(PartFile part) throws IOException {
        part.close();
        attributes(part.path(), true);
        Files.deleteIfExists(part.path());          // unlink: removes a link itself, never its target
        Files.deleteIfExists(part.progressPath());
    }

    /**
     * Moves a verified part into {@code slot} and writes its manifest. Refuses to replace an
     * existing night file: a verified night is never overwritten.
     */
    public NightManifest commit(PartFile part, NightSlot slot, NightManifest manifest) throws IOException {
        part.sync();
        part.close();
        Path night = slot.nightFile();
        attributes(part.path(), true);
        if (attributes(night, true).isPresent()) {
            throw new FileAlreadyExistsException(night.toString(), null,
                    "a night file is already archived here; move it away to download the night again");
        }
        attributes(slot.manifestFile(), true);
        try {
            Files.move(part.path(), night, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot move " + part.path() + " into place atomically: " + e.getMessage(), e);
        }
        replaceFile(slot.manifestFile(), manifest.toText());
        Files.deleteIfExists(part.progressPath());
        syncDirectory(night.getParent());
        return manifest;
    }

    /** As {@link #commit(PartFile, NightSlot, NightManifest)} in the night's usual place. */
    public NightManifest commit(PartFile part, NightManifest manifest) throws IOException {
        return commit(part, slot(manifest.deviceId(), manifest.nightId()), manifest);
    }

    /**
     * Replaces {@code file} with {@code text}: written to a fresh {@code .tmp} beside it (created
     * exclusively, so a link planted there is not written through), forced to disk, renamed over the
     * file (a rename replaces a link itself, never its target).
     */
    static void replaceFile(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try (SeekableByteChannel ch = Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ((FileChannel) ch).force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Creates the archive root (which may be a link the user made) and {@code dir} below it, checking
     * every component below the root is a real directory.
     */
    private void createDirectory(Path dir) throws IOException {
        Files.createDirectories(root);
        Path p = root;
        for (Path name : root.relativize(dir)) {
            p = p.resolve(name);
            Optional<BasicFileAttributes> a = attributes(p, false);
            if (a.isEmpty()) {
                try {
                    Files.createDirectory(p);   // mkdir: never follows a link at p
                } catch (FileAlreadyExistsException e) {
                    // made meanwhile: checked below
                }
                attributes(p, false);
            }
        }
    }

    /**
     * The attributes of {@code path} (a path under the root) without following links; empty when it
     * does not exist. Every component between the root and it must be a real directory and it must
     * be a regular file ({@code regularFile}) or a directory.
     *
     * @throws ArchiveRefusedException for a link, or anything else where a file or folder belongs
     */
    private Optional<BasicFileAttributes> attributes(Path path, boolean regularFile) throws IOException {
        Path rel = root.relativize(path);
        if (rel.startsWith("..") || rel.isAbsolute()) {
            throw new ArchiveRefusedException(path, "it is outside the archive " + root);
        }
        Path p = root;
        int count = rel.getNameCount();
        for (int i = 0; i < count; i++) {
            p = p.resolve(rel.getName(i));
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
            if (a.isSymbolicLink()) {
                throw new ArchiveRefusedException(p, "it is a symbolic link (to " + target(p) + ")");
            }
            boolean last = i == count - 1;
            if (!last || !regularFile) {
                if (!a.isDirectory()) {
                    throw new ArchiveRefusedException(p, "a folder belongs here, but it is not one");
                }
            } else if (!a.isRegularFile()) {
                throw new ArchiveRefusedException(p, "a regular file belongs here, but it is "
                        + (a.isDirectory() ? "a folder" : "a device, FIFO or socket"));
            }
            if (last) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ch.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be opened for fsync; the renames are done anyway
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
