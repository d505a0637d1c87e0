package org.plmwatch.analyzer.link;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The host's archive of downloaded nights:
 * <pre>
 * ARCHIVE/DEVICE-ID/night-000007.night               verified copy (never overwritten)
 * ARCHIVE/DEVICE-ID/night-000007.properties          its manifest: sha256, size, blocks, downloadedAt, port
 * ARCHIVE/DEVICE-ID/night-000008.night.part          a download in progress (resumable)
 * ARCHIVE/DEVICE-ID/night-000008.night.part.progress blocks and bytes on disk
 * </pre>
 * A night counts as archived when its manifest and its file are both there and the file has the
 * manifest's size. The file is moved into place atomically after its SHA-256 matched the device's,
 * and the manifest is written after it, so a crash leaves either a part, or a file without
 * manifest (checked again against the device on the next run), never a half-written night.
 */
public final class Archive {

    private final Path root;

    public Archive(Path root) {
        this.root = root;
    }

    /** {@code ~/plmwatch-archive}: one place per user, whatever folder the command runs in. */
    public static Path defaultRoot() {
        return Path.of(System.getProperty("user.home"), "plmwatch-archive");
    }

    public Path root() {
        return root;
    }

    /** The device's folder; the id is kept to letters, digits, '.', '-' and '_' so it is always one safe folder name. */
    public Path deviceDir(String deviceId) {
        String safe = deviceId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.isEmpty() || safe.chars().allMatch(c -> c == '.')) {
            safe = "unnamed-device" + safe.replace('.', '_');
        }
        return root.resolve(safe);
    }

    public Path nightFile(String deviceId, int nightId) {
        return deviceDir(deviceId).resolve(String.format("night-%06d.night", nightId));
    }

    public Path manifestFile(String deviceId, int nightId) {
        return deviceDir(deviceId).resolve(String.format("night-%06d.properties", nightId));
    }

    Path partFile(String deviceId, int nightId) {
        return deviceDir(deviceId).resolve(String.format("night-%06d.night.part", nightId));
    }

    /** The manifest of an archived night; empty when the night is not (completely) archived. */
    public Optional<NightManifest> verified(String deviceId, int nightId) throws IOException {
        Path manifest = manifestFile(deviceId, nightId);
        Path night = nightFile(deviceId, nightId);
        if (!Files.isRegularFile(manifest) || !Files.isRegularFile(night)) {
            return Optional.empty();
        }
        NightManifest m = NightManifest.read(manifest);
        return Files.size(night) == m.sizeBytes() ? Optional.of(m) : Optional.empty();
    }

    /** Opens (or resumes) the part file of a night. */
    public PartFile openPart(String deviceId, int nightId) throws IOException {
        Path part = partFile(deviceId, nightId);
        return PartFile.open(part, part.resolveSibling(part.getFileName() + ".progress"));
    }

    /** Deletes a part and its progress (after a checksum mismatch, or when the device's night is shorter). */
    public void discard(PartFile part) throws IOException {
        part.close();
        Files.deleteIfExists(part.path());
        Files.deleteIfExists(part.progressPath());
    }

    /**
     * Moves a verified part into place and writes its manifest. Refuses to replace an existing
     * night file: a verified night is never overwritten.
     */
    public NightManifest commit(PartFile part, NightManifest manifest) throws IOException {
        part.sync();
        part.close();
        Path night = nightFile(manifest.deviceId(), manifest.nightId());
        if (Files.exists(night)) {
            throw new FileAlreadyExistsException(night.toString(), null,
                    "a night file is already archived here; move it away to download the night again");
        }
        try {
            Files.move(part.path(), night, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot move " + part.path() + " into place atomically: " + e.getMessage(), e);
        }
        Path manifestFile = manifestFile(manifest.deviceId(), manifest.nightId());
        Path tmp = manifestFile.resolveSibling(manifestFile.getFileName() + ".tmp");
        Files.writeString(tmp, manifest.toText(), StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, manifestFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(part.progressPath());
        syncDirectory(night.getParent());
        return manifest;
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be opened for fsync; the renames are done anyway
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
