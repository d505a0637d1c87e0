package org.plmwatch.analyzer.link;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/**
 * What the archive knows about a verified night: {@code night-NNNNNN.properties} beside the night file.
 *
 * @param deviceId         the device's id (DEVICE_INFO)
 * @param nightId          the device's night id
 * @param sha256Hex        SHA-256 of the stored file, equal to the device's NIGHT_LIST checksum
 * @param sizeBytes        bytes of the stored file
 * @param blockCount       intact blocks in it
 * @param startEpochMillis the device's start estimate (0 = unknown; the file header is authoritative)
 * @param downloadedAt     when it was verified and stored
 * @param port             where it came from
 */
public record NightManifest(String deviceId, int nightId, String sha256Hex, long sizeBytes, int blockCount,
        long startEpochMillis, Instant downloadedAt, String port) {

    String toText() {
        return "# plmwatch archive manifest: the night file beside this one was verified against the device\n"
                + "deviceId=" + escape(deviceId) + "\n"
                + "nightId=" + nightId + "\n"
                + "sha256=" + sha256Hex + "\n"
                + "sizeBytes=" + sizeBytes + "\n"
                + "blockCount=" + blockCount + "\n"
                + "startEpochMillis=" + startEpochMillis + "\n"
                + "downloadedAt=" + downloadedAt + "\n"
                + "port=" + escape(port) + "\n";
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\\' || c == '\n' || c == '\r' || c == '=' || c == ':' || c == '#' || c == '!') {
                b.append('\\');
            }
            b.append(c == '\n' ? 'n' : c == '\r' ? 'r' : c);
        }
        return b.toString();
    }

    /** Reads a manifest; throws with the file and the bad key when it is damaged. */
    static NightManifest read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = new StringReader(Files.readString(file, StandardCharsets.UTF_8))) {
            p.load(r);
        }
        try {
            return new NightManifest(required(p, "deviceId", file), Integer.parseInt(required(p, "nightId", file)),
                    required(p, "sha256", file), Long.parseLong(required(p, "sizeBytes", file)),
                    Integer.parseInt(required(p, "blockCount", file)),
                    Long.parseLong(p.getProperty("startEpochMillis", "0")),
                    Instant.parse(required(p, "downloadedAt", file)), p.getProperty("port", ""));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IOException(file + ": damaged manifest (" + e.getMessage() + "); delete it and download again");
        }
    }

    private static String required(Properties p, String key, Path file) throws IOException {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IOException(file + ": manifest lacks '" + key + "'; delete it and download again");
        }
        return v;
    }
}
