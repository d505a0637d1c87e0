package org.plmwatch.core.io.accel;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.plmwatch.core.io.InputFormatException;

/**
 * Hands out the lines of a text file as ranges of one reused byte buffer ({@code \n} or
 * {@code \r\n} endings, UTF-8 byte order mark skipped). The buffer grows only for a line longer
 * than it, so reading allocates nothing per line; a "line" over {@value #MAX_LINE_BYTES} bytes means
 * the file is not text, and reading stops there rather than pull a binary file into memory.
 */
final class ByteLineReader implements Closeable {

    static final int MAX_LINE_BYTES = 1 << 20;

    private final Path file;
    private final InputStream in;
    private byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean endOfInput;
    private boolean first = true;

    /** 1-based number of the line last returned by {@link #next()}. */
    long lineNumber;
    /** The line last returned is {@code buffer()[lineStart, lineEnd)}, line ending excluded. */
    int lineStart;
    int lineEnd;

    ByteLineReader(Path file) throws IOException {
        this.file = file;
        this.in = Files.newInputStream(file);
    }

    byte[] buffer() {
        return buffer;
    }

    /** Advances to the next line; false at the end of the file. */
    boolean next() throws IOException, InputFormatException {
        int scanned = position;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                if (buffer[i] == '\n') {
                    take(i, i + 1);
                    return true;
                }
            }
            if (endOfInput) {
                if (position < limit) {
                    take(limit, limit);
                    return true;
                }
                return false;
            }
            scanned = limit - position;
            if (position > 0) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                position = 0;
            } else if (limit == buffer.length) {
                if (buffer.length >= MAX_LINE_BYTES) {
                    throw InputFormatException.atLine(file, lineNumber + 1, "line longer than " + MAX_LINE_BYTES
                            + " bytes: this is not a text recording", "give an Axivity .cwa file or a CSV recording");
                }
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                endOfInput = true;
            } else {
                limit += read;
            }
        }
    }

    private void take(int end, int nextPosition) {
        lineStart = position;
        lineEnd = end > lineStart && buffer[end - 1] == '\r' ? end - 1 : end;
        if (first) {
            first = false;
            if (lineEnd - lineStart >= 3 && buffer[lineStart] == (byte) 0xEF && buffer[lineStart + 1] == (byte) 0xBB
                    && buffer[lineStart + 2] == (byte) 0xBF) {
                lineStart += 3;
            }
        }
        position = nextPosition;
        lineNumber++;
    }

    /** True when the current line holds nothing but spaces and tabs. */
    boolean isBlank() {
        for (int i = lineStart; i < lineEnd; i++) {
            if (buffer[i] != ' ' && buffer[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** True when the current line's first non-blank character is {@code #}. */
    boolean isComment() {
        for (int i = lineStart; i < lineEnd; i++) {
            if (buffer[i] != ' ' && buffer[i] != '\t') {
                return buffer[i] == '#';
            }
        }
        return false;
    }

    /** The current line as text (for headers and messages, not for the sample loop). */
    String lineText() {
        return new String(buffer, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
