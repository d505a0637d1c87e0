package org.plmwatch.core.link;

import java.nio.charset.StandardCharsets;

/**
 * Writes a message body, little-endian, into the encoder's fixed payload buffer. Writing past
 * {@link FrameFormat#MAX_BODY_BYTES} throws, so an oversized message fails at the sender with a
 * message saying by how much, never on the wire.
 */
public final class BodyWriter {

    /** Longest string field in UTF-8 bytes: ids, versions and error texts are short. */
    public static final int MAX_STRING_BYTES = 1024;

    private byte[] buf;
    private int start;
    private int pos;
    private int limit;
    private String messageName = "";

    BodyWriter() {
    }

    void reset(byte[] buffer, int bodyStart, String name) {
        this.buf = buffer;
        this.start = bodyStart;
        this.pos = bodyStart;
        this.limit = bodyStart + FrameFormat.MAX_BODY_BYTES;
        this.messageName = name;
    }

    int bodyBytes() {
        return pos - start;
    }

    private void need(int n) {
        if (pos + n > limit) {
            throw new IllegalArgumentException(messageName + " body needs more than "
                    + FrameFormat.MAX_BODY_BYTES + " bytes (at byte " + (pos - start) + ", " + n
                    + " more): send fewer items per message");
        }
    }

    public void u8(int v) {
        need(1);
        buf[pos++] = (byte) v;
    }

    public void u16(int v) {
        need(2);
        buf[pos++] = (byte) v;
        buf[pos++] = (byte) (v >>> 8);
    }

    public void i16(short v) {
        u16(v);
    }

    public void u32(int v) {
        need(4);
        buf[pos++] = (byte) v;
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 24);
    }

    public void i64(long v) {
        need(8);
        for (int i = 0; i < 8; i++) {
            buf[pos++] = (byte) (v >>> (8 * i));
        }
    }

    public void f64(double v) {
        i64(Double.doubleToRawLongBits(v));
    }

    public void bytes(byte[] b) {
        bytes(b, 0, b.length);
    }

    public void bytes(byte[] b, int off, int len) {
        need(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    /** A u16 byte count, then the UTF-8 bytes. */
    public void string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException(messageName + ": a string field has " + utf8.length
                    + " UTF-8 bytes, at most " + MAX_STRING_BYTES + " allowed: shorten it");
        }
        u16(utf8.length);
        bytes(utf8);
    }
}
