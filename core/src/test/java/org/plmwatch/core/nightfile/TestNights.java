package org.plmwatch.core.nightfile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * Synthetic nights for the tests. Samples are LIS3DH-like: ±4 g high resolution, 12-bit
 * right-justified counts at 0.002 g per count, gravity of 1 g along a fixed tilted direction, white
 * noise of {@code noiseMg} per axis (datasheet noise density 220 µg/√Hz over a 25 Hz band gives
 * 1.1 mg; owners on ST's forum see about ±8 mg peak at 100 Hz, so 2 mg is a fair middle).
 */
final class TestNights {

    static final double SCALE_G = 0.002;
    static final double RATE_HZ = 50;
    static final long PERIOD_MICROS = 20_000;

    private TestNights() {
    }

    static NightHeader header() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("odr.mode", "high-res");
        properties.put("note", "Bein links \u00e4");
        return new NightHeader("plmw-0042", "0.1.0", "lis3dh", RATE_HZ, 4, SCALE_G, WornOn.LEFT,
                OptionalLong.empty(), properties);
    }

    /**
     * Interleaved xyz counts for {@code seconds} at 50 Hz. {@code moving}: the leg swings (2 Hz,
     * 0.4 g) and slowly turns (0.2 Hz) the whole time: a worst case for compression.
     */
    static short[] samples(long seed, double seconds, double noiseMg, boolean moving) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = (int) Math.round(seconds * RATE_HZ);
        short[] xyz = new short[3 * n];
        double gx = 0.05;
        double gy = -0.25;
        double gz = Math.sqrt(1 - gx * gx - gy * gy);
        for (int i = 0; i < n; i++) {
            double t = i / RATE_HZ;
            double ax = gx;
            double ay = gy;
            double az = gz;
            if (moving) {
                double turn = 0.6 * Math.sin(2 * Math.PI * 0.2 * t);
                ax = gx * Math.cos(turn) - gz * Math.sin(turn) + 0.4 * Math.sin(2 * Math.PI * 2 * t);
                az = gx * Math.sin(turn) + gz * Math.cos(turn);
                ay = gy + 0.2 * Math.sin(2 * Math.PI * 2 * t + 1);
            }
            xyz[3 * i] = count(ax, noiseMg, rnd);
            xyz[3 * i + 1] = count(ay, noiseMg, rnd);
            xyz[3 * i + 2] = count(az, noiseMg, rnd);
        }
        return xyz;
    }

    private static short count(double g, double noiseMg, SplittableRandom rnd) {
        double v = (g + gaussian(rnd) * noiseMg * 1e-3) / SCALE_G;
        return (short) Math.max(-2048, Math.min(2047, Math.round(v)));
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    /**
     * A small night with every block type: samples in FIFO-sized batches of 25 with a 3 s hole,
     * movements, marks, battery, a fault, a time set, a FIFO-overflow gap, and an END block.
     */
    static byte[] smallNight(long seed, double seconds) {
        short[] xyz = samples(seed, seconds, 2.0, false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (NightFileWriter w = NightFileWriter.create(bytes, header())) {
            int n = xyz.length / 3;
            int batch = 25;
            long holeAt = n / 2;
            long timeOffset = 0;
            for (int i = 0; i < n; i += batch) {
                int count = Math.min(batch, n - i);
                if (i >= holeAt && timeOffset == 0) {
                    long from = i * PERIOD_MICROS;
                    timeOffset = 3_000_000;
                    w.writeGap(from + timeOffset, from, from + timeOffset, GapReason.FIFO_OVERFLOW);
                }
                long t0 = i * PERIOD_MICROS + timeOffset;
                w.writeSamples(t0, xyz, 3 * i, count);
                long now = t0 + count * PERIOD_MICROS;
                if (i % 100 == 0) {
                    w.writeMovement(now, now - 1_500_000, 1_200_000, 0.35 + i * 1e-4);
                }
                if (i == 50) {
                    w.writeMark(now, MarkKind.LIGHTS_OFF);
                    w.writeBattery(now, 3950, OptionalInt.of(87));
                }
                if (i == 150) {
                    w.writeFault(now, 7, "I2C NACK from 0x18");
                    w.writeTimeSet(now, 1_763_700_000_000_000L);
                    w.writeBattery(now, 3900, OptionalInt.empty());
                }
                if (i % 250 == 0) {
                    w.flush();
                }
            }
            w.writeMark(n * PERIOD_MICROS + timeOffset, MarkKind.LIGHTS_ON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static ScanResult scan(byte[] data) {
        return BlockScanner.scan(ByteBuffer.wrap(data));
    }

    /** Samples stored in a SAMPLES block (0 for other blocks). */
    static int sampleCount(byte[] data, BlockRef b) {
        if (b.type() != BlockType.SAMPLES) {
            return 0;
        }
        return Short.toUnsignedInt(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN)
                .getShort((int) b.offset() + NightFileFormat.HEADER_BYTES));
    }
}
