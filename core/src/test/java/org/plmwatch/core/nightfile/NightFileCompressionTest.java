package org.plmwatch.core.nightfile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

/**
 * Bytes per hour at 50 Hz against 16-bit raw (3 axes × 2 bytes × 50 Hz × 3600 s = 1,080,000 B/h,
 * ~10.8 MB for a 10 h night). Prints the figures; asserts the gains the format was chosen for.
 */
class NightFileCompressionTest {

    private static final long RAW_BYTES_PER_HOUR = 3L * 2 * 50 * 3600;

    @Test
    void bytesPerHourAtRestAndMoving() throws IOException {
        long rest = bytesPerHour(TestNights.samples(51, 3600, 2.0, false), 0);
        long restFlushed = bytesPerHour(TestNights.samples(51, 3600, 2.0, false), 5);
        long restQuiet = bytesPerHour(TestNights.samples(52, 3600, 1.1, false), 0);
        long restNoisy = bytesPerHour(TestNights.samples(53, 3600, 4.0, false), 0);
        short[] movingSamples = TestNights.samples(54, 3600, 2.0, true);
        long moving = bytesPerHour(movingSamples, 0);
        long varintRest = varintBytes(TestNights.samples(51, 3600, 2.0, false));
        long varintMoving = varintBytes(movingSamples);
        System.out.printf("bytes/hour at 50 Hz (raw 16-bit %,d):%n", RAW_BYTES_PER_HOUR);
        System.out.printf("  rest, noise 1.1 mg: %,d (%.1f%%)%n", restQuiet, 100.0 * restQuiet / RAW_BYTES_PER_HOUR);
        System.out.printf("  rest, noise 2 mg:   %,d (%.1f%%); delta+zig-zag varint would give %,d%n", rest,
                100.0 * rest / RAW_BYTES_PER_HOUR, varintRest);
        System.out.printf("  rest, noise 2 mg, flush() every 2.5 s: %,d (%.1f%%)%n", restFlushed,
                100.0 * restFlushed / RAW_BYTES_PER_HOUR);
        System.out.printf("  rest, noise 4 mg:   %,d (%.1f%%)%n", restNoisy, 100.0 * restNoisy / RAW_BYTES_PER_HOUR);
        System.out.printf("  moving all hour:    %,d (%.1f%%); delta+zig-zag varint would give %,d%n", moving,
                100.0 * moving / RAW_BYTES_PER_HOUR, varintMoving);
        assertTrue(rest < RAW_BYTES_PER_HOUR * 0.4, "at rest the file is under 40 % of raw");
        assertTrue(restFlushed < rest * 1.2, "flushing every 2.5 s splits blocks but costs under 20 %");
        assertTrue(restQuiet < rest && rest < restNoisy, "more noise costs more bytes");
        assertTrue(moving < RAW_BYTES_PER_HOUR * 0.55, "even moving all hour the file is about half of raw");
        assertTrue(rest < 0.75 * varintRest, "at rest, bit-packed groups with block overhead beat the bare varint payload");
    }

    /** Writes in FIFO drains of 0.5 s, calling flush() every {@code flushEveryDrains} drains (0: never). */
    private static long bytesPerHour(short[] xyz, int flushEveryDrains) throws IOException {
        CountingStream out = new CountingStream();
        try (NightFileWriter w = NightFileWriter.create(out, TestNights.header())) {
            int drains = 0;
            for (int i = 0; i < xyz.length / 3; i += 25) {
                w.writeSamples(i * TestNights.PERIOD_MICROS, xyz, 3 * i, 25);
                if (flushEveryDrains > 0 && ++drains % flushEveryDrains == 0) {
                    w.flush();
                }
            }
        }
        return out.count;
    }

    /** Bytes of plain delta + zig-zag LEB128 varints, for comparison: payload only, no block overhead. */
    private static long varintBytes(short[] xyz) {
        long bytes = 0;
        for (int i = 3; i < xyz.length; i++) {
            int d = xyz[i] - xyz[i - 3];
            int u = (d << 1) ^ (d >> 31);
            bytes += u < 128 ? 1 : u < 16384 ? 2 : 3;
        }
        return bytes;
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
