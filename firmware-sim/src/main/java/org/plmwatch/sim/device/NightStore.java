package org.plmwatch.sim.device;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.plmwatch.core.nightfile.BlockScanner;
import org.plmwatch.core.nightfile.BlockType;
import org.plmwatch.core.nightfile.ScanResult;

/**
 * The data directory: {@code DATA/device-id} (made once), {@code DATA/last-night-id} (the highest
 * night id ever handed out, so ids are never reused even after nights are erased) and
 * {@code DATA/nights/night-NNNNNN.night}. Small files are replaced atomically (write, force, rename,
 * force the directory) so a power cut leaves the old or the new content, never a torn one.
 */
public final class NightStore {

    private static final Pattern NIGHT_NAME = Pattern.compile("night-(\\d{6})\\.night");
    private static final String COUNTER = "last-night-id";
    private static final String DEVICE_ID = "device-id";

    private final Path dataDir;
    private final Path nightsDir;

    public NightStore(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        this.nightsDir = dataDir.resolve("nights");
        Files.createDirectories(nightsDir);
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path nightsDir() {
        return nightsDir;
    }

    public Path nightPath(int id) {
        return nightsDir.resolve(String.format("night-%06d.night", id));
    }

    /** This device's id, {@code plmw-} and 8 random hex digits, made on first use and kept. */
    public String deviceId() throws IOException {
        Path f = dataDir.resolve(DEVICE_ID);
        if (Files.exists(f)) {
            String id = Files.readString(f, StandardCharsets.UTF_8).trim();
            if (id.matches("[A-Za-z0-9._-]{1,64}")) {
                return id;
            }
            throw new IOException(f + ": device id '" + id + "' is not 1-64 letters, digits, '.', '_' or '-'; "
                    + "delete the file to make a new id (downloaded nights keep the old one)");
        }
        byte[] r = new byte[4];
        new SecureRandom().nextBytes(r);
        String id = "plmw-" + HexFormat.of().formatHex(r);
        writeAtomically(f, id + "\n");
        return id;
    }

    /** The highest night id present in {@code nights/}, if any. */
    public Optional<Integer> newestNightId() throws IOException {
        int best = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(nightsDir)) {
            for (Path p : files) {
                Matcher m = NIGHT_NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    best = Math.max(best, Integer.parseInt(m.group(1)));
                }
            }
        }
        return best == 0 ? Optional.empty() : Optional.of(best);
    }

    /** Hands out the next night id (after both the counter and any file present) and records it first. */
    public int allocateNightId() throws IOException {
        int last = newestNightId().orElse(0);
        Path f = dataDir.resolve(COUNTER);
        if (Files.exists(f)) {
            String text = Files.readString(f, StandardCharsets.UTF_8).trim();
            try {
                last = Math.max(last, Integer.parseInt(text));
            } catch (NumberFormatException e) {
                throw new IOException(f + ": expected the last night id (a number), found '" + text
                        + "'; put the highest id of any night this device made in it", e);
            }
        }
        int id = last + 1;
        if (id > 999_999) {
            throw new IOException("night ids are used up (999999): erase the data directory " + dataDir);
        }
        writeAtomically(f, id + "\n");
        return id;
    }

    /** Whether the night file's last intact block is END (it was closed, not cut). */
    public static boolean endedCleanly(Path night) throws IOException {
        ScanResult scan = BlockScanner.scan(ByteBuffer.wrap(Files.readAllBytes(night)));
        return !scan.blocks().isEmpty() && scan.blocks().get(scan.blocks().size() - 1).type() == BlockType.END;
    }

    /** Makes the directory entry of a new file durable (Linux: fsync on the directory). */
    public static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems refuse fsync on a directory; the data itself is forced anyway.
        }
    }

    private void writeAtomically(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(target.getParent());
    }
}
