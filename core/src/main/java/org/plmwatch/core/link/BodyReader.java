package org.plmwatch.core.link;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Reads a message body, little-endian, from the decoder's buffer. Every read is bounds-checked
 * against the body end and throws {@link MalformedMessageException} naming the field's byte offset
 * within the body.
 */
public final class BodyReader {

    private byte[] buf;
    private int start;
    private int pos;
    private int end;

    BodyReader() {
    }

    /** A reader over {@code body} (for tests and tools; the decoder reuses one reader). */
    public static BodyReader over(byte[] body) {
        BodyReader r = new BodyReader();
        r.reset(body, 0, body.length);
        return r;
    }

    void reset(byte[] buffer, int bodyStart, int bodyLength) {
        this.buf = buffer;
        this.start = bodyStart;
        this.pos = bodyStart;
        this.end = bodyStart + bodyLength;
    }

    public int remaining() {
        return end - pos;
    }

    private void need(int n, String field) {
        if (n < 0 || pos + n > end) {
            throw new MalformedMessageException(field + " at body byte " + (pos - start) + " needs "
                    + n + " bytes, only " + (end - pos) + " left");
        }
    }

    public int u8(String field) {
        need(1, field);
        return buf[pos++] & 0xFF;
    }

    public int u16(String field) {
        need(2, field);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    public short i16(String field) {
        return (short) u16(field);
    }

    /** A 32-bit field as Java {@code int} (callers treat it as unsigned where the layout says so). */
    public int u32(String field) {
        need(4, field);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16
                | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    /** A u32 field that must fit a non-negative Java {@code int} (ids, indices, counts). */
    public int index(String field) {
        int at = pos - start;
        int v = u32(field);
        if (v < 0) {
            throw new MalformedMessageException(field + " at body byte " + at + " is "
                    + Integer.toUnsignedString(v) + ", above the allowed 2^31-1");
        }
        return v;
    }

    public long i64(String field) {
        need(8, field);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (buf[pos + i] & 0xFFL) << (8 * i);
        }
        pos += 8;
        return v;
    }

    public double f64(String field) {
        return Double.longBitsToDouble(i64(field));
    }

    public byte[] bytes(int n, String field) {
        need(n, field);
        byte[] b = new byte[n];
        System.arraycopy(buf, pos, b, 0, n);
        pos += n;
        return b;
    }

    public String string(String field) {
        int n = u16(field);
        if (n > BodyWriter.MAX_STRING_BYTES) {
            throw new MalformedMessageException(field + " at body byte " + (pos - start - 2)
                    + " declares " + n + " bytes, at most " + BodyWriter.MAX_STRING_BYTES + " allowed");
        }
        need(n, field);
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, pos, n)).toString();
            pos += n;
            return s;
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException(field + " at body byte " + (pos - start)
                    + " is not valid UTF-8");
        }
    }

    /** Checks the body was consumed exactly: trailing bytes mean the layouts disagree. */
    public void finish(String messageName) {
        if (pos != end) {
            throw new MalformedMessageException(messageName + " has " + (end - pos)
                    + " unexpected trailing bytes after body byte " + (pos - start));
        }
    }
}
