package org.plmwatch.core.link;

import java.util.Arrays;
import java.util.Objects;

import org.plmwatch.core.model.Leg;

/**
 * LIVE_SAMPLES (0x85), device → host, while live streaming with samples: a batch of raw
 * accelerometer counts at a fixed rate, as drained from the sensor FIFO (typically 25 samples every
 * 0.5 s at 50 Hz). Raw counts (not g) keep the frame small and exact; {@code scaleGPerCount}
 * converts, with the same value and meaning as the night file header's {@code scaleGPerLsb}
 * (right-justified counts; LIS3DH ±4 g high-resolution: 0.002 g per count).
 *
 * @param leg                        the leg of the sensor
 * @param firstSampleMonotonicMicros device monotonic time of the first sample
 * @param samplePeriodMicros         time between samples (20 000 at 50 Hz)
 * @param scaleGPerCount             g per count at the configured range
 * @param xyzCounts                  x, y, z of sample 0, then of sample 1, …
 */
public record LiveSamples(Leg leg, long firstSampleMonotonicMicros, int samplePeriodMicros,
        double scaleGPerCount, short[] xyzCounts) implements Message {

    /** (4224 − 23) / 6 rounded down to a round number. */
    public static final int MAX_SAMPLES = 700;

    public LiveSamples {
        Objects.requireNonNull(leg, "leg");
        Fields.nonNegative("firstSampleMonotonicMicros", firstSampleMonotonicMicros);
        if (samplePeriodMicros <= 0) {
            throw new IllegalArgumentException("samplePeriodMicros must be > 0, was " + samplePeriodMicros);
        }
        if (!(scaleGPerCount > 0) || !Double.isFinite(scaleGPerCount)) {
            throw new IllegalArgumentException("scaleGPerCount must be finite and > 0, was " + scaleGPerCount);
        }
        if (xyzCounts.length % 3 != 0 || xyzCounts.length == 0 || xyzCounts.length / 3 > MAX_SAMPLES) {
            throw new IllegalArgumentException("xyzCounts must hold 1.." + MAX_SAMPLES
                    + " x,y,z triples, had " + xyzCounts.length + " values");
        }
        xyzCounts = xyzCounts.clone();
    }

    @Override
    public short[] xyzCounts() {
        return xyzCounts.clone();
    }

    public int sampleCount() {
        return xyzCounts.length / 3;
    }

    public long sampleMonotonicMicros(int i) {
        return firstSampleMonotonicMicros + (long) i * samplePeriodMicros;
    }

    public double xG(int i) {
        return xyzCounts[3 * i] * scaleGPerCount;
    }

    public double yG(int i) {
        return xyzCounts[3 * i + 1] * scaleGPerCount;
    }

    public double zG(int i) {
        return xyzCounts[3 * i + 2] * scaleGPerCount;
    }

    @Override
    public MessageType type() {
        return MessageType.LIVE_SAMPLES;
    }

    @Override
    public void encodeBody(BodyWriter w) {
        w.u8(Fields.legCode(leg));
        w.i64(firstSampleMonotonicMicros);
        w.u32(samplePeriodMicros);
        w.f64(scaleGPerCount);
        w.u16(xyzCounts.length / 3);
        for (short v : xyzCounts) {
            w.i16(v);
        }
    }

    public static LiveSamples decodeBody(BodyReader r) {
        Leg leg = Fields.leg(r.u8("leg"));
        long first = r.i64("firstSampleMonotonicMicros");
        int period = r.index("samplePeriodMicros");
        double scale = r.f64("scaleGPerCount");
        int n = r.u16("sampleCount");
        if (n == 0 || n > MAX_SAMPLES) {
            throw new MalformedMessageException("LIVE_SAMPLES declares " + n + " samples, 1.."
                    + MAX_SAMPLES + " allowed");
        }
        if (r.remaining() != 6 * n) {
            throw new MalformedMessageException("LIVE_SAMPLES declares " + n + " samples ("
                    + 6 * n + " bytes) but " + r.remaining() + " bytes follow");
        }
        short[] xyz = new short[3 * n];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = r.i16("xyz");
        }
        return new LiveSamples(leg, first, period, scale, xyz);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LiveSamples s && s.leg == leg
                && s.firstSampleMonotonicMicros == firstSampleMonotonicMicros
                && s.samplePeriodMicros == samplePeriodMicros
                && Double.compare(s.scaleGPerCount, scaleGPerCount) == 0
                && Arrays.equals(s.xyzCounts, xyzCounts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(leg, firstSampleMonotonicMicros, samplePeriodMicros, scaleGPerCount)
                * 31 + Arrays.hashCode(xyzCounts);
    }

    @Override
    public String toString() {
        return "LiveSamples[leg=" + leg + ", firstSampleMonotonicMicros=" + firstSampleMonotonicMicros
                + ", samplePeriodMicros=" + samplePeriodMicros + ", scaleGPerCount=" + scaleGPerCount
                + ", samples=" + sampleCount() + "]";
    }
}
