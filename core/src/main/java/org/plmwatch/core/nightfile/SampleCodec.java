package org.plmwatch.core.nightfile;

import java.nio.ByteBuffer;

/**
 * Payload of a SAMPLES block. Per axis: the first count as int16, then the sample-to-sample
 * differences, zig-zag mapped to unsigned and bit-packed in groups of 16 at the width of the
 * group's largest value (one width byte per group, each group ends on a byte boundary).
 *
 * <p>Why: at rest a 12-bit accelerometer's differences are a few counts, so a group costs about
 * 3 bits per value instead of 16; a group of 16 confines a spike's cost to 16 values; byte-aligned
 * groups keep the decoder a few lines. Instances hold reusable buffers: not thread-safe.
 */
final class SampleCodec {

    static final int GROUP = 16;
    /** A difference of two int16 values zig-zags into at most 17 bits. */
    static final int MAX_WIDTH_BITS = 17;
    static final int FIXED_BYTES = 6;

    /** Largest sample count whose worst-case payload fits a block. */
    static final int MAX_SAMPLES_PER_BLOCK = maxSamplesFitting(NightFileFormat.MAX_PAYLOAD_BYTES);

    private int[] x = new int[64];
    private int[] y = new int[64];
    private int[] z = new int[64];
    private int count;
    private long periodNanos;

    static int worstCasePayloadBytes(int n) {
        int groups = (n - 1 + GROUP - 1) / GROUP;
        int groupBytes = 1 + (GROUP * MAX_WIDTH_BITS + 7) / 8;
        return FIXED_BYTES + 3 * (2 + groups * groupBytes);
    }

    static int maxSamplesFitting(int payloadBytes) {
        int n = 1;
        while (worstCasePayloadBytes(n + 1) <= payloadBytes) {
            n++;
        }
        return n;
    }

    /** Writes the payload for {@code n >= 1} samples at the buffer's position. */
    static void encode(ByteBuffer out, short[] xs, short[] ys, short[] zs, int n, long periodNanos) {
        out.putShort((short) n);
        out.putInt((int) periodNanos);
        encodeAxis(out, xs, n);
        encodeAxis(out, ys, n);
        encodeAxis(out, zs, n);
    }

    private static void encodeAxis(ByteBuffer out, short[] v, int n) {
        out.putShort(v[0]);
        for (int g = 1; g < n; g += GROUP) {
            int end = Math.min(n, g + GROUP);
            int any = 0;
            for (int i = g; i < end; i++) {
                any |= zigzag(v[i] - v[i - 1]);
            }
            int width = 32 - Integer.numberOfLeadingZeros(any);
            out.put((byte) width);
            long acc = 0;
            int bits = 0;
            for (int i = g; i < end; i++) {
                acc |= ((long) zigzag(v[i] - v[i - 1])) << bits;
                bits += width;
                while (bits >= 8) {
                    out.put((byte) acc);
                    acc >>>= 8;
                    bits -= 8;
                }
            }
            if (bits > 0) {
                out.put((byte) acc);
            }
        }
    }

    private static int zigzag(int d) {
        return (d << 1) ^ (d >> 31);
    }

    private static int unzigzag(int u) {
        return (u >>> 1) ^ -(u & 1);
    }

    /**
     * Decodes a payload of {@code length} bytes at absolute {@code pos}. Returns false, keeping no
     * partial result, if the payload is malformed (a writer bug or a block from another format
     * version: the CRC already vouched for the bytes).
     */
    boolean decode(ByteBuffer buf, int pos, int length) {
        count = 0;
        if (length < FIXED_BYTES + 6) {
            return false;
        }
        int n = Short.toUnsignedInt(buf.getShort(pos));
        long period = Integer.toUnsignedLong(buf.getInt(pos + 2));
        if (n < 1 || period == 0) {
            return false;
        }
        if (n > x.length) {
            int cap = Math.max(n, 2 * x.length);
            x = new int[cap];
            y = new int[cap];
            z = new int[cap];
        }
        int end = pos + length;
        int p = decodeAxis(buf, pos + FIXED_BYTES, end, x, n);
        p = p < 0 ? p : decodeAxis(buf, p, end, y, n);
        p = p < 0 ? p : decodeAxis(buf, p, end, z, n);
        if (p != end) {
            return false;
        }
        count = n;
        periodNanos = period;
        return true;
    }

    /** Returns the position after the axis, or -1 if malformed. */
    private static int decodeAxis(ByteBuffer buf, int p, int end, int[] v, int n) {
        if (p + 2 > end) {
            return -1;
        }
        int prev = buf.getShort(p);
        v[0] = prev;
        p += 2;
        for (int g = 1; g < n; g += GROUP) {
            int groupLen = Math.min(n, g + GROUP) - g;
            if (p >= end) {
                return -1;
            }
            int width = buf.get(p++) & 0xFF;
            if (width > MAX_WIDTH_BITS) {
                return -1;
            }
            int bytes = (groupLen * width + 7) / 8;
            if (p + bytes > end) {
                return -1;
            }
            long acc = 0;
            int bits = 0;
            long mask = (1L << width) - 1;
            for (int i = g; i < g + groupLen; i++) {
                while (bits < width) {
                    acc |= (long) (buf.get(p++) & 0xFF) << bits;
                    bits += 8;
                }
                int u = (int) (acc & mask);
                acc >>>= width;
                bits -= width;
                prev += unzigzag(u);
                if (prev < Short.MIN_VALUE || prev > Short.MAX_VALUE) {
                    return -1;
                }
                v[i] = prev;
            }
        }
        return p;
    }

    int count() {
        return count;
    }

    long periodNanos() {
        return periodNanos;
    }

    int x(int i) {
        return x[i];
    }

    int y(int i) {
        return y[i];
    }

    int z(int i) {
        return z[i];
    }
}
