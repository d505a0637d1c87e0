package org.plmwatch.analyzer.io;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.plmwatch.core.io.InputFormatException;

/**
 * The lines of a text export, one at a time, in fixed memory: {@code \r\n}, {@code \r} and
 * {@code \n} end a line (exports from Windows, old Macs and Unix), a line longer than
 * {@value #MAX_LINE_CHARS} characters is an error at its number (a text export has short lines;
 * a longer one is a binary or damaged file and must not be pulled into memory whole).
 *
 * <p>Encoding: UTF-16 with a byte order mark, UTF-8 (BOM optional), else Windows-1252. UTF-8 is
 * decoded strictly; the caller learns of malformed bytes through {@link NotUtf8} and reads the
 * file again as Windows-1252 (older Windows exports with umlauts in labels), so a valid UTF-8 file
 * is read once.
 */
final class TextLines implements Closeable {

    static final int MAX_LINE_CHARS = 1 << 16;

    /** Thrown by {@link #next()} when a strictly decoded UTF-8 file holds malformed bytes. */
    static final class NotUtf8 extends Exception {
        NotUtf8() {
            super(null, null, false, false);
        }
    }

    private final Path file;
    private final Reader in;
    private final boolean strictUtf8;
    private final char[] buffer = new char[1 << 14];
    private int position;
    private int limit;
    private boolean endOfInput;
    private final StringBuilder line = new StringBuilder();
    /** 1-based number of the line last returned. */
    long lineNumber;

    private TextLines(Path file, Reader in, boolean strictUtf8) {
        this.file = file;
        this.in = in;
        this.strictUtf8 = strictUtf8;
    }

    /** Opens as UTF-16 (BOM), UTF-8 (BOM optional, strict) or, when {@code windows1252}, as Windows-1252. */
    static TextLines open(Path file, boolean windows1252) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            raw.mark(3);
            byte[] bom = raw.readNBytes(3);
            raw.reset();
            int b0 = bom.length > 0 ? bom[0] & 0xFF : -1;
            int b1 = bom.length > 1 ? bom[1] & 0xFF : -1;
            if (b0 == 0xFF && b1 == 0xFE || b0 == 0xFE && b1 == 0xFF) {
                return new TextLines(file, new InputStreamReader(raw, StandardCharsets.UTF_16), false);
            }
            if (windows1252) {
                return new TextLines(file, new InputStreamReader(raw, Charset.forName("windows-1252")), false);
            }
            if (bom.length == 3 && b0 == 0xEF && b1 == 0xBB && (bom[2] & 0xFF) == 0xBF) {
                raw.skipNBytes(3);
            }
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            return new TextLines(file, new InputStreamReader(raw, utf8), true);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** The next line without its ending, or null at the end of the file. */
    String next() throws IOException, InputFormatException, NotUtf8 {
        if (done) {
            return null;
        }
        line.setLength(0);
        while (true) {
            if (position == limit && !fill()) {
                done = true;
                if (line.length() == 0) {
                    return null; // nothing after the last line ending
                }
                lineNumber++;
                return line.toString();
            }
            int start = position;
            while (position < limit) {
                char c = buffer[position];
                if (c == '\n' || c == '\r') {
                    append(start, position);
                    position++;
                    if (c == '\r') {
                        if (position < limit) {
                            position += buffer[position] == '\n' ? 1 : 0;
                        } else {
                            skipLineFeed = true; // CR LF split across two reads
                        }
                    }
                    lineNumber++;
                    return line.toString();
                }
                position++;
            }
            append(start, position);
        }
    }

    private boolean skipLineFeed;
    private boolean done;

    private void append(int from, int to) throws InputFormatException {
        if (line.length() + (to - from) > MAX_LINE_CHARS) {
            throw InputFormatException.atLine(file, lineNumber + 1, "line longer than " + MAX_LINE_CHARS
                    + " characters: not a text event export (or a damaged one)",
                    "export the events again as text from the PSG software");
        }
        line.append(buffer, from, to - from);
    }

    private boolean fill() throws IOException, NotUtf8 {
        int n;
        try {
            n = in.read(buffer, 0, buffer.length);
        } catch (java.nio.charset.CharacterCodingException e) {
            if (strictUtf8) {
                throw new NotUtf8();
            }
            throw e;
        }
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        if (skipLineFeed && limit > 0) {
            if (buffer[0] == '\n') {
                position = 1;
            }
            skipLineFeed = false;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
