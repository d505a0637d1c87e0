package org.plmwatch.core.link;

/**
 * Consistent Overhead Byte Stuffing (Cheshire &amp; Baker, IEEE/ACM Trans. Networking 7(2), 1999):
 * removes every 0x00 from a payload so that 0x00 can delimit frames on the wire. Each group of up to
 * 254 non-zero bytes is preceded by a code byte (group length + 1); a group with code 0xFF is not
 * followed by an implicit zero. Overhead is at most one byte per 254 payload bytes (one byte for an
 * empty payload), so the worst-case frame size is known in advance and the decoder's buffer is fixed.
 *
 * <p>Both methods work on caller-owned arrays and never allocate.
 */
public final class Cobs {

    private Cobs() {
    }

    /** The largest encoded size of a payload of {@code payloadBytes} bytes. */
    public static int maxEncodedBytes(int payloadBytes) {
        if (payloadBytes < 0) {
            throw new IllegalArgumentException("payload length must be >= 0, was " + payloadBytes);
        }
        return payloadBytes + Math.max(1, (payloadBytes + 253) / 254);
    }

    /**
     * Encodes {@code src[srcOff, srcOff+len)} into {@code dst} at {@code dstOff}, without any
     * delimiter. {@code dst} needs {@link #maxEncodedBytes(int)} bytes of room; the source and
     * destination ranges must not overlap.
     *
     * @return the number of bytes written
     */
    public static int encode(byte[] src, int srcOff, int len, byte[] dst, int dstOff) {
        int codeAt = dstOff;
        int out = dstOff + 1;
        int code = 1;
        int end = srcOff + len;
        for (int i = srcOff; i < end; i++) {
            byte b = src[i];
            if (b == 0) {
                dst[codeAt] = (byte) code;
                codeAt = out++;
                code = 1;
            } else {
                dst[out++] = b;
                code++;
                // A full group ends here; a new code byte is opened only if more data follows, so
                // a payload ending on a full group carries no extra byte (Wikipedia example 7).
                if (code == 0xFF && i + 1 < end) {
                    dst[codeAt] = (byte) code;
                    codeAt = out++;
                    code = 1;
                }
            }
        }
        dst[codeAt] = (byte) code;
        return out - dstOff;
    }

    /**
     * Decodes {@code buf[off, off+len)} (one frame, delimiter excluded) in place: the payload is
     * written to {@code buf} from {@code off}, which is safe because decoding never writes ahead of
     * reading.
     *
     * @return the payload length, or -1 when the input is not valid COBS (a zero byte, or a code
     *         byte pointing past the end of the frame)
     */
    public static int decodeInPlace(byte[] buf, int off, int len) {
        int in = off;
        int out = off;
        int end = off + len;
        while (in < end) {
            int code = buf[in++] & 0xFF;
            if (code == 0) {
                return -1;
            }
            int groupEnd = in + code - 1;
            if (groupEnd > end) {
                return -1;
            }
            while (in < groupEnd) {
                byte b = buf[in++];
                if (b == 0) {
                    return -1;
                }
                buf[out++] = b;
            }
            if (code != 0xFF && in < end) {
                buf[out++] = 0;
            }
        }
        return out - off;
    }
}
