package org.plmwatch.core.io.accel;

import org.plmwatch.core.accel.AccelSink;

/**
 * One 512-byte Axivity CWA data block, decoded in place from a reused buffer. Layout (OpenMovement
 * {@code Docs/ax3/cwa.h}, all little-endian):
 *
 * <pre>
 * @0   u16 "AX"                    @2  u16 packetLength = 508
 * @4   u16 deviceFractional: top bit set → low 15 bits are a fraction of a second (×2 = 1/65536 s)
 *          for the timestamp, and timestampOffset was shifted to make up for it
 * @6   u32 sessionId               @10 u32 sequenceId (0-based, +1 per block)
 * @14  u32 timestamp, packed YYYYYYMM MMDDDDDh hhhhmmmm mmssssss (year − 2000)
 * @18  u16 light: bits 15–13 accel scale n (unpacked samples are 1/2^(8+n) g), 12–10 gyro scale,
 *          9–0 light
 * @20  u16 temperature             @22 u8 events    @23 u8 battery
 * @24  u8  sampleRate code: 3200 / 2^(15 − (code &amp; 15)) Hz, range ±16 &gt;&gt; (code &gt;&gt; 6) g
 * @25  u8  numAxesBPS: high nibble axes (3 = Axyz, 6 = Gxyz Axyz, 9 = Gxyz Axyz Mxyz), low nibble
 *          0 = packed (one u32 per sample: eezzzzzz zzzzyyyy yyyyyyxx xxxxxxxx, 10-bit signed axes
 *          shifted left by e, 1/256 g) or 2 = signed 16-bit per axis
 * @26  i16 timestampOffset: index of the sample the timestamp belongs to
 * @28  u16 sampleCount (120 packed, 80 unpacked 3-axis, 40 for 6 axes when full)
 * @30  480 bytes of samples        @510 u16 checksum: the 256 words of the block sum to 0 mod 2¹⁶
 * </pre>
 *
 * The fractional-time rule follows OpenMovement's own reader ({@code openmovement-python},
 * {@code cwa_load.py}): {@code offset += (fraction16 × (int) rate) >> 16}, then the block's first
 * sample is at {@code timestamp + fraction16 / 65536 − offset / rate}.
 */
final class CwaBlock implements BlockChain.Block {

    static final int SIZE = 512;
    private static final int SAMPLES_AT = 30;
    private static final int PAYLOAD_BYTES = 480;

    final byte[] bytes = new byte[SIZE];

    /** Why the last {@link #decode} failed. */
    String problem = "";
    long sequenceId;
    int sampleCount;
    int rateCode;
    int numAxesBps;
    double frequencyHz;
    /** Whole seconds since 1970 of the block timestamp (device clock, no zone). */
    long timestampEpochSecond;
    /** First sample time minus {@link #timestampEpochSecond}, in seconds (may be negative). */
    double firstSampleFraction;

    private int channels;
    private boolean packed;
    private int accelAxis;
    private double scaleG;

    /**
     * Checks and decodes the header fields of {@link #bytes}.
     *
     * @param expectedNumAxesBps the recording's sample format, or -1 to accept any
     * @param expectedRateCode   the recording's rate code, or -1 to accept any
     * @return false with {@link #problem} set when the block cannot be used
     */
    boolean decode(int expectedNumAxesBps, int expectedRateCode) {
        if (bytes[0] != 'A' || bytes[1] != 'X') {
            return fail("no 'AX' block header");
        }
        int packetLength = u16(2);
        if (packetLength != SIZE - 4) {
            return fail("packet length " + packetLength + ", expected " + (SIZE - 4));
        }
        int sum = 0;
        for (int i = 0; i < SIZE; i += 2) {
            sum += u16(i);
        }
        if ((sum & 0xffff) != 0) {
            return fail("checksum fails (words sum to 0x" + Integer.toHexString(sum & 0xffff) + ", not 0)");
        }
        numAxesBps = bytes[25] & 0xff;
        channels = numAxesBps >> 4;
        int bytesPerAxis = numAxesBps & 0x0f;
        packed = bytesPerAxis == 0 && channels == 3;
        boolean unpacked = bytesPerAxis == 2 && (channels == 3 || channels == 6 || channels == 9);
        if (!packed && !unpacked) {
            return fail("unknown sample format 0x" + Integer.toHexString(numAxesBps));
        }
        if (expectedNumAxesBps >= 0 && numAxesBps != expectedNumAxesBps) {
            return fail("sample format 0x" + Integer.toHexString(numAxesBps) + " differs from the recording's 0x"
                    + Integer.toHexString(expectedNumAxesBps));
        }
        rateCode = bytes[24] & 0xff;
        if (rateCode == 0) {
            return fail("rate code 0 (firmware before 2012 kept the rate elsewhere; not supported)");
        }
        if (expectedRateCode >= 0 && rateCode != expectedRateCode) {
            return fail("rate code 0x" + Integer.toHexString(rateCode) + " differs from the recording's 0x"
                    + Integer.toHexString(expectedRateCode));
        }
        frequencyHz = rateHz(rateCode);
        int capacity = packed ? PAYLOAD_BYTES / 4 : PAYLOAD_BYTES / (2 * channels);
        sampleCount = u16(28);
        if (sampleCount > capacity) {
            return fail("sample count " + sampleCount + " exceeds the block's capacity of " + capacity);
        }
        long timestamp = u32(14);
        timestampEpochSecond = packedEpochSecond(timestamp);
        if (timestampEpochSecond == Long.MIN_VALUE) {
            return fail("timestamp 0x" + Long.toHexString(timestamp) + " is not a valid date-time");
        }
        sequenceId = u32(10);
        int deviceFractional = u16(4);
        int offset = (short) u16(26);
        int fraction16 = 0;
        if ((deviceFractional & 0x8000) != 0) {
            fraction16 = (deviceFractional & 0x7fff) << 1;
            offset += (fraction16 * (int) frequencyHz) >> 16;
        }
        firstSampleFraction = fraction16 / 65536.0 - offset / frequencyHz;
        accelAxis = channels == 3 ? 0 : 3;
        scaleG = packed ? 1.0 / 256 : 1.0 / (1 << (8 + ((u16(18) >> 13) & 0x07)));
        problem = "";
        return true;
    }

    /** Sends the block's samples, the first at {@code startSeconds}, then every {@code intervalSeconds}. */
    @Override
    public int sampleCount() {
        return sampleCount;
    }

    void emit(AccelSink sink, double startSeconds, double intervalSeconds) {
        byte[] b = bytes;
        double scale = scaleG;
        if (packed) {
            for (int i = 0; i < sampleCount; i++) {
                int p = SAMPLES_AT + 4 * i;
                int v = (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
                int e = v >>> 30;
                int x = ((v << 22) >> 22) << e;
                int y = ((v << 12) >> 22) << e;
                int z = ((v << 2) >> 22) << e;
                sink.sample(startSeconds + i * intervalSeconds, x * scale, y * scale, z * scale);
            }
        } else {
            int stride = 2 * channels;
            for (int i = 0; i < sampleCount; i++) {
                int p = SAMPLES_AT + stride * i + 2 * accelAxis;
                short x = (short) ((b[p] & 0xff) | b[p + 1] << 8);
                short y = (short) ((b[p + 2] & 0xff) | b[p + 3] << 8);
                short z = (short) ((b[p + 4] & 0xff) | b[p + 5] << 8);
                sink.sample(startSeconds + i * intervalSeconds, x * scale, y * scale, z * scale);
            }
        }
    }

    /** Samples a full block of this format holds. */
    int capacity() {
        return packed ? PAYLOAD_BYTES / 4 : PAYLOAD_BYTES / (2 * channels);
    }

    int channels() {
        return channels;
    }

    boolean packed() {
        return packed;
    }

    int accelScaleBits() {
        return (u16(18) >> 13) & 0x07;
    }

    static double rateHz(int rateCode) {
        return 3200.0 / (1 << (15 - (rateCode & 0x0f)));
    }

    static int rangeG(int rateCode) {
        return 16 >> (rateCode >> 6);
    }

    /** Seconds since 1970 of a packed CWA date-time, or Long.MIN_VALUE when a field is out of range. */
    static long packedEpochSecond(long packed) {
        int year = (int) ((packed >>> 26) & 0x3f) + 2000;
        int month = (int) ((packed >>> 22) & 0x0f);
        int day = (int) ((packed >>> 17) & 0x1f);
        int hour = (int) ((packed >>> 12) & 0x1f);
        int minute = (int) ((packed >>> 6) & 0x3f);
        int second = (int) (packed & 0x3f);
        if (month < 1 || month > 12 || day < 1 || day > AsciiNumbers.lengthOfMonth(year, month) || hour > 23
                || minute > 59 || second > 59) {
            return Long.MIN_VALUE;
        }
        return AsciiNumbers.epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
    }

    private boolean fail(String why) {
        problem = why;
        return false;
    }

    private int u16(int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8;
    }

    private long u32(int at) {
        return u16(at) | (long) u16(at + 2) << 16;
    }
}
