package org.plmwatch.analyzer.nights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Tells what an input file is from its first bytes, never from its name: a renamed export still
 * goes to the right reader, and a stray file in a folder is named as such instead of being fed
 * to a reader that fails on it half-way.
 */
final class FileKinds {

    /** What a file holds. */
    enum Kind {
        /** EDF+ with annotations, or a RemLogic text event export: scored alone. */
        PSG_EXPORT,
        /** A plmwatch device night file, Axivity CWA, GENEActiv .bin or accelerometer CSV. */
        RECORDING,
        /** Something else; {@link Sniffed#reason()} says what. */
        UNKNOWN
    }

    record Sniffed(Kind kind, String format, String reason) {
    }

    /**
     * Bytes looked at. A RemLogic header (patient lines and the "Events Included" list) is well
     * under 4 KiB in every export seen; 64 KiB leaves room for labs that list hundreds of labels.
     */
    static final int SNIFF_BYTES = 64 * 1024;

    private static final byte[] GENEACTIV_MAGIC = "Device Identity".getBytes(StandardCharsets.US_ASCII);

    private FileKinds() {
    }

    static Sniffed sniff(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        if (head.length == 0) {
            return unknown("empty file");
        }
        if (startsWith(head, "0       ".getBytes(StandardCharsets.US_ASCII))) {
            return new Sniffed(Kind.PSG_EXPORT, "EDF+", "");
        }
        if (head.length >= 4 && (head[0] & 0xFF) == 0xB7 && head[1] == 'P' && head[2] == 'L' && head[3] == 'M') {
            return new Sniffed(Kind.RECORDING, "plmwatch night file", "");
        }
        if (head.length >= 2 && head[0] == 'M' && head[1] == 'D') {
            return new Sniffed(Kind.RECORDING, "Axivity CWA", "");
        }
        if (startsWith(head, GENEACTIV_MAGIC)) {
            return new Sniffed(Kind.RECORDING, "GENEActiv .bin", "");
        }
        String text = text(head);
        if (text == null) {
            return unknown("a binary file that is none of EDF+ (starts with '0' and 7 spaces), a plmwatch night "
                    + "file, an Axivity CWA or a GENEActiv .bin");
        }
        if (isRemLogic(text)) {
            return new Sniffed(Kind.PSG_EXPORT, "RemLogic event export", "");
        }
        // Any other text is taken as an accelerometer CSV; opening it checks its header for time
        // and x/y/z columns and says what is missing when it is not one.
        return new Sniffed(Kind.RECORDING, "accelerometer CSV", "");
    }

    private static Sniffed unknown(String reason) {
        return new Sniffed(Kind.UNKNOWN, "", reason);
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The sniffed bytes as text (UTF-16 with a BOM, else one byte a character), or null when they hold control bytes. */
    private static String text(byte[] b) {
        if (b.length >= 2 && ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE || (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF)) {
            // The cut may fall inside a character: decoding replaces it, which no test below minds.
            return new String(b, 0, b.length & ~1, StandardCharsets.UTF_16);
        }
        for (byte x : b) {
            if (x >= 0 && x < 0x20 && x != '\t' && x != '\n' && x != '\r' && x != '\f') {
                return null;
            }
        }
        // ISO-8859-1 maps every byte to one char: the markers looked for below are ASCII.
        return new String(b, Charset.forName("ISO-8859-1"));
    }

    /**
     * A RemLogic export names itself on its first line, or has the column header the reader needs:
     * tab-separated cells starting with "Time" and "Event" (the reader's own test).
     */
    private static boolean isRemLogic(String text) {
        String t = text.startsWith("\uFEFF") || text.startsWith("ï»¿") ? text.substring(text.charAt(0) == '\uFEFF' ? 1 : 3) : text;
        if (t.stripLeading().toLowerCase(Locale.ROOT).startsWith("remlogic")) {
            return true;
        }
        for (String line : t.split("\n")) {
            boolean time = false;
            boolean event = false;
            for (String cell : line.split("\t")) {
                String c = cell.trim().toLowerCase(Locale.ROOT);
                time |= c.startsWith("time");
                event |= c.startsWith("event") && !c.startsWith("events");
            }
            if (time && event) {
                return true;
            }
        }
        return false;
    }
}
