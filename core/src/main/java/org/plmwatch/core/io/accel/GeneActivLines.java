package org.plmwatch.core.io.accel;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lines of a GENEActiv {@code .bin} file (ASCII text, CRLF endings) as ranges of one reused
 * buffer, each with its byte offset in the file. A line is at most {@value #MAX_LINE_BYTES} bytes
 * (a page's hex line is 3,600): a longer one is consumed to its end and reported as
 * {@link #overlong}, never pulled into memory, so a damaged or foreign file costs a fixed 64 KiB.
 */
final class GeneActivLines implements Closeable {

    static final int MAX_LINE_BYTES = 8192;

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean endOfInput;
    private long bufferOffset;

    /** 1-based number of the current line. */
    long lineNumber;
    /** Byte offset of the current line's first byte. */
    long lineOffset;
    /** Bytes of the current line, ending included (what was consumed). */
    long lineBytes;
    /** The current line is {@code buffer()[start, end)}, ending excluded; empty when {@link #overlong}. */
    int start;
    int end;
    /** The current line was longer than {@value #MAX_LINE_BYTES} bytes. */
    boolean overlong;
    /** The current line ended at the end of the file without a line ending. */
    boolean unterminated;

    GeneActivLines(Path file) throws IOException {
        this.in = Files.newInputStream(file);
    }

    byte[] buffer() {
        return buffer;
    }

    int length() {
        return end - start;
    }

    /** Advances to the next line; false at the end of the file. */
    boolean next() throws IOException {
        overlong = false;
        unterminated = false;
        lineOffset = bufferOffset + position;
        long consumed = 0;
        int scanFrom = position;
        while (true) {
            for (int i = scanFrom; i < limit; i++) {
                if (buffer[i] == '\n') {
                    finish(i, i + 1, consumed);
                    return true;
                }
            }
            if (endOfInput) {
                if (position < limit || consumed > 0) {
                    unterminated = true;
                    finish(limit, limit, consumed);
                    return true;
                }
                return false;
            }
            if (limit - position >= MAX_LINE_BYTES) {
                // Too long to be a line of this format: drop what is held and keep looking for its end.
                overlong = true;
                consumed += limit - position;
                bufferOffset += limit;
                position = 0;
                limit = 0;
            } else if (position > 0) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                bufferOffset += position;
                limit -= position;
                position = 0;
            }
            scanFrom = limit;
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                endOfInput = true;
            } else {
                limit += read;
            }
        }
    }

    private void finish(int lineEnd, int nextPosition, long consumedBefore) {
        lineBytes = consumedBefore + (nextPosition - position);
        if (overlong) {
            start = end = 0;
        } else {
            start = position;
            end = lineEnd > start && buffer[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        }
        position = nextPosition;
        lineNumber++;
    }

    /** True when the current line starts with {@code text}. */
    boolean startsWith(String text) {
        if (length() < text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (buffer[start + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** True when the current line is exactly {@code text}. */
    boolean is(String text) {
        return length() == text.length() && startsWith(text);
    }

    /** The current line as text, characters other than printable ASCII dropped (headers, messages). */
    String text() {
        StringBuilder sb = new StringBuilder(length());
        for (int i = start; i < end; i++) {
            int c = buffer[i] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
