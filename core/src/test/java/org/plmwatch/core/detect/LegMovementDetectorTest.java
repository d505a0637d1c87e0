package org.plmwatch.core.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;

class LegMovementDetectorTest {

    /** Gravity of a shank lying still: unit vector, the sensor tilted on all three axes. */
    private static final double[] REST = unit(0.15, 0.35, 0.92);
    /** LIS3DH at 50 Hz: 220 µg/√Hz over 25 Hz = 1.1 mg rms per axis; 2 mg per count at ±4 g. */
    private static final double LIS3DH_NOISE_G = 0.0011;
    private static final double LIS3DH_LSB_G = 0.002;

    /** A burst of dynamic acceleration: raised-cosine edges (0.2 s), direction rotating at 1.5 Hz. */
    record Burst(double onsetSeconds, double durationSeconds, double peakG) {
        void add(double t, double[] acc) {
            double u = t - onsetSeconds;
            if (u < 0 || u > durationSeconds) {
                return;
            }
            double ramp = Math.min(0.2, durationSeconds / 4);
            double w = u < ramp ? 0.5 * (1 - Math.cos(Math.PI * u / ramp))
                    : u > durationSeconds - ramp ? 0.5 * (1 - Math.cos(Math.PI * (durationSeconds - u) / ramp)) : 1;
            double psi = 2 * Math.PI * 1.5 * u;
            acc[0] += peakG * w * Math.cos(psi) / Math.sqrt(2);
            acc[1] += peakG * w * Math.cos(psi) / Math.sqrt(2);
            acc[2] += peakG * w * Math.sin(psi);
        }
    }

    /** Feeds a resting sensor with noise, quantisation and bursts; timestamps optionally jittered. */
    static List<LegMovement> run(LegMovementDetector d, LegMovementCollector c, double rateHz, double seconds,
                                 double jitterFraction, double noiseG, double lsbG, List<Burst> bursts, long seed) {
        Random rng = new Random(seed);
        double[] acc = new double[3];
        long n = (long) (seconds * rateHz);
        for (long k = 0; k < n; k++) {
            double t = (k + jitterFraction * (rng.nextDouble() - 0.5)) / rateHz;
            acc[0] = REST[0];
            acc[1] = REST[1];
            acc[2] = REST[2];
            for (Burst b : bursts) {
                b.add(t, acc);
            }
            d.sample(t, q(acc[0] + noiseG * rng.nextGaussian(), lsbG), q(acc[1] + noiseG * rng.nextGaussian(), lsbG),
                    q(acc[2] + noiseG * rng.nextGaussian(), lsbG));
        }
        d.end();
        return c.movements();
    }

    private static double q(double v, double lsb) {
        return lsb > 0 ? Math.rint(v / lsb) * lsb : v;
    }

    private static List<Burst> everyThirtySeconds(int count, double duration, double peak) {
        List<Burst> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Burst(20 + 30 * i + 0.37 * i, duration + 0.3 * (i % 4), peak * (1 + 0.5 * (i % 3))));
        }
        return out;
    }

    private static void assertMatches(List<Burst> truth, List<LegMovement> found, double onsetTol, double durTol) {
        assertEquals(truth.size(), found.size(), "one movement per burst: " + found);
        for (int i = 0; i < truth.size(); i++) {
            Burst b = truth.get(i);
            LegMovement m = found.get(i);
            assertEquals(b.onsetSeconds(), m.onsetSeconds(), onsetTol, "onset of " + b);
            assertEquals(b.durationSeconds(), m.durationSeconds(), durTol, "duration of " + b);
            assertEquals(b.peakG(), m.peakG(), 0.1 * b.peakG() + 0.01, "peak of " + b);
            assertEquals(Leg.LEFT, m.leg());
        }
    }

    @Test
    void restingSensorReadsOneG() {
        assertEquals(1.0, Math.sqrt(REST[0] * REST[0] + REST[1] * REST[1] + REST[2] * REST[2]), 1e-12);
    }

    @Test
    void restingNoisySensorGivesNoMovementForAnHour() {
        LegMovementCollector c = new LegMovementCollector(Leg.LEFT);
        LegMovementDetector d = new LegMovementDetector(c);
        List<LegMovement> found = run(d, c, 50, 3600, 0.2, LIS3DH_NOISE_G, LIS3DH_LSB_G, List.of(), 1);
        assertEquals(List.of(), found);
        assertEquals(50, d.sampleRateHz(), 0.5);
        // The threshold follows the measured noise down to the chip's floor (5 mg for the LIS3DH),
        // far below the old fixed 20 mg.
        assertTrue(d.onsetThresholdG() >= DetectorConfig.DEFAULTS.onsetFloorG() && d.onsetThresholdG() < 0.007,
                "onset threshold " + d.onsetThresholdG());
    }

    @Test
    void perfectlyQuietQuantisedSensorGivesNoMovement() {
        LegMovementCollector c = new LegMovementCollector(Leg.LEFT);
        // 7.8 mg counts (ADXL345 10-bit) and a reading sitting on a count boundary: flips by one count.
        List<LegMovement> found = run(new LegMovementDetector(c), c, 50, 600, 0, 0.0005, 0.0078, List.of(), 2);
        assertEquals(List.of(), found);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void quantisedQuietSensorAtEightHzGivesNoMovement(long seed) {
        // ADXL345-like at 8 Hz: 3 mg noise on 7.8 mg counts, no low-pass at this rate. Where gravity
        // sits on the count grid decides how often a reading flips; in some orientations (seeds 2
        // and 3) the noise floor read about a sixth of a count, the count-size floor switched off
        // and each flip started a movement (over 200 an hour before the floor always held here).
        LegMovementCollector c = new LegMovementCollector(Leg.LEFT);
        LegMovementDetector d = new LegMovementDetector(c);
        Random rng = new Random(seed);
        double[] rest = unit(0.15 + 0.01 * seed, 0.35, 0.92);
        for (long k = 0; k < 3600L * 8; k++) {
            double t = (k + 0.2 * (rng.nextDouble() - 0.5)) / 8.0;
            d.sample(t, q(rest[0] + 0.003 * rng.nextGaussian(), 0.0078), q(rest[1] + 0.003 * rng.nextGaussian(), 0.0078),
                    q(rest[2] + 0.003 * rng.nextGaussian(), 0.0078));
        }
        d.end();
        assertEquals(List.of(), c.movements());
    }

    @ParameterizedTest
    @ValueSource(doubles = {8, 50, 200})
    void findsEveryBurstWithPreciseTiming(double rateHz) {
        List<Burst> bursts = everyThirtySeconds(12, 1.5, 0.1);
        LegMovementCollector c = new LegMovementCollector(Leg.LEFT);
        double noise = 220e-6 * Math.sqrt(rateHz / 2);
        List<LegMovement> found = run(new LegMovementDetector(c), c, rateHz, 400, 0, noise, LIS3DH_LSB_G, bursts, 3);
        double period = 1 / rateHz;
        assertMatches(bursts, found, 0.1 + period, 0.2 + 2 * period);
    }

    @Test
    void jitteredTimestampsKeepTiming() {
        List<Burst> bursts = everyThirtySeconds(12, 2, 0.08);
        LegMovementCollector c = new LegMovementCollector(Leg.LEFT);
        // Each timestamp moves by up to ±40 % of the 20-ms period.
        List<LegMovement> found = run(new LegMovementDetector(c), c, 50, 400, 0.8, LIS3DH_NOISE_G, LIS3DH_LSB_G, bursts, 4);
        assertMatches(bursts, found, 0.12, 0.25);
    }

    @Test
    void thresholdFollowsANoisierSensorWithoutFalseMovements() {
        List<Burst> bursts = everyThirtySeconds(12, 2, 0.12);
        LegMovementCollector c = new LegMovementCollector(Leg.LEFT);
        LegMovementDetector d = new LegMovementDetector(c);
        List<LegMovement> found = run(d, c, 50, 400, 0.2, 0.010, 0.0078, bursts, 5);
        assertTrue(d.onsetThresholdG() > 0.02, "threshold rose with 10 mg noise: " + d.onsetThresholdG());
        assertMatches(bursts, found, 0.2, 0.4);
    }

    @Test
    void timeStepMuchLargerThanThePeriodEndsTheMovementAndIsReported() {
        LegMovementCollector c = new LegMovementCollector(Leg.LEFT);
        LegMovementDetector d = new LegMovementDetector(c);
        Burst b = new Burst(100, 6, 0.3);
        double[] acc = new double[3];
        for (int k = 0; k < 200 * 50; k++) {
            double t = k / 50.0;
            if (t > 102 && t < 110) {
                continue; // samples lost mid-movement
            }
            acc[0] = REST[0];
            acc[1] = REST[1];
            acc[2] = REST[2];
            b.add(t, acc);
            d.sample(t, acc[0], acc[1], acc[2]);
        }
        d.end();
        assertEquals(1, c.gaps().size());
        assertEquals(102.0, c.gaps().get(0).fromSeconds(), 0.021);
        assertEquals(110.0, c.gaps().get(0).toSeconds(), 0.021);
        // The movement before the gap ends at the gap; the part after it is a movement of its own.
        LegMovement first = c.movements().get(0);
        assertEquals(100, first.onsetSeconds(), 0.1);
        assertEquals(102, first.offsetSeconds(), 0.03);
        assertTrue(c.movements().size() <= 2, "" + c.movements());
        for (LegMovement m : c.movements()) {
            assertTrue(m.offsetSeconds() <= 102.03 || m.onsetSeconds() >= 110, "no movement across the gap: " + m);
        }
    }

    @Test
    void reportedGapEndsTheMovement() {
        LegMovementCollector c = new LegMovementCollector(Leg.RIGHT);
        LegMovementDetector d = new LegMovementDetector(DetectorConfig.DEFAULTS.withNominalRateHz(50), c);
        Burst b = new Burst(50, 8, 0.3);
        double[] acc = new double[3];
        for (int k = 0; k < 100 * 50; k++) {
            double t = k / 50.0;
            if (k == 52 * 50) {
                d.gap(52.0, 52.0); // the source says samples were lost here
            }
            acc[0] = REST[0];
            acc[1] = REST[1];
            acc[2] = REST[2];
            b.add(t, acc);
            d.sample(t, acc[0], acc[1], acc[2]);
        }
        d.end();
        assertEquals(List.of(new LegMovementCollector.Gap(52.0, 52.0)), c.gaps());
        assertEquals(50, c.movements().get(0).onsetSeconds(), 0.1);
        assertEquals(52, c.movements().get(0).offsetSeconds(), 0.03);
    }

    @Test
    void postureChangeGivesOneShortMovementNotAnEndlessOne() {
        LegMovementCollector c = new LegMovementCollector(Leg.LEFT);
        LegMovementDetector d = new LegMovementDetector(c);
        double[] after = unit(0.15, 0.92, -0.35); // gravity turned 90° about the shank
        Random rng = new Random(6);
        Burst later = new Burst(300, 2, 0.1);
        double[] acc = new double[3];
        for (int k = 0; k < 600 * 50; k++) {
            double t = k / 50.0;
            double s = Math.max(0, Math.min(1, (t - 100) / 1.0)); // turns over one second, then stays
            gravityBetween(REST, after, s, acc);
            later.add(t, acc);
            d.sample(t, acc[0] + LIS3DH_NOISE_G * rng.nextGaussian(), acc[1] + LIS3DH_NOISE_G * rng.nextGaussian(),
                    acc[2] + LIS3DH_NOISE_G * rng.nextGaussian());
        }
        d.end();
        List<LegMovement> found = c.movements();
        assertEquals(2, found.size(), "the turn, then the later burst: " + found);
        assertEquals(100, found.get(0).onsetSeconds(), 0.1);
        assertTrue(found.get(0).durationSeconds() < 2, "the turn took 1 s: " + found.get(0));
        assertEquals(Math.sqrt(2), found.get(0).peakG(), 0.05, "a 90° turn moves gravity by √2 g");
        assertEquals(300, found.get(1).onsetSeconds(), 0.1, "the baseline followed the new posture");
        assertEquals(2, found.get(1).durationSeconds(), 0.2);
    }

    /** The foot tilts by about 17° over 0.2 s, holds perfectly still, and tilts back over 0.2 s. */
    private static List<LegMovement> tiltAndHold(double holdSeconds) {
        LegMovementCollector c = new LegMovementCollector(Leg.LEFT);
        LegMovementDetector d = new LegMovementDetector(c);
        Random rng = new Random(9);
        double[] tilted = unit(0.15, 0.35 + 0.27, 0.92 - 0.1); // ≈ 17° from REST
        double end = 60 + 0.4 + holdSeconds;
        double[] acc = new double[3];
        for (int k = 0; k < 120 * 50; k++) {
            double t = k / 50.0;
            double s = t < 60 ? 0 : t < 60.2 ? (t - 60) / 0.2 : t < end - 0.2 ? 1 : t < end ? (end - t) / 0.2 : 0;
            gravityBetween(REST, tilted, s, acc);
            d.sample(t, acc[0] + LIS3DH_NOISE_G * rng.nextGaussian(), acc[1] + LIS3DH_NOISE_G * rng.nextGaussian(),
                    acc[2] + LIS3DH_NOISE_G * rng.nextGaussian());
        }
        d.end();
        return c.movements();
    }

    @Test
    void aTiltHeldShorterThanThePostureHoldIsOneMovement() {
        List<LegMovement> found = tiltAndHold(1.5);
        assertEquals(1, found.size(), "" + found);
        assertEquals(60, found.get(0).onsetSeconds(), 0.1);
        assertEquals(1.9, found.get(0).durationSeconds(), 0.2);
    }

    @ParameterizedTest
    @ValueSource(doubles = {5, 9.5, 20})
    void aTiltHeldPerfectlyStillThatReturnsIsOneMovement(double holdSeconds) {
        // A held dorsiflexion: the foot keeps perfectly still in the tilt, then comes back to where
        // it started. However long the hold (up to WASM's 10 s, and beyond as a long movement), it
        // is one movement from the tilt to the end of the return.
        List<LegMovement> found = tiltAndHold(holdSeconds);
        assertEquals(1, found.size(), "" + found);
        assertEquals(60, found.get(0).onsetSeconds(), 0.05);
        assertEquals(0.4 + holdSeconds, found.get(0).durationSeconds(), 0.05);
    }

    @Test
    void aSettleEndsWhereTheFootBecameStillAndTheNextMovementIsItsOwn() {
        // The foot tilts by ≈ 17° over 0.2 s and stays; 1 s later a burst starts from there.
        LegMovementCollector c = new LegMovementCollector(Leg.LEFT);
        LegMovementDetector d = new LegMovementDetector(c);
        Random rng = new Random(10);
        double[] tilted = unit(0.15, 0.35 + 0.27, 0.92 - 0.1);
        Burst next = new Burst(61.2, 1.5, 0.15);
        double[] acc = new double[3];
        for (int k = 0; k < 120 * 50; k++) {
            double t = k / 50.0;
            double s = t < 60 ? 0 : t < 60.2 ? (t - 60) / 0.2 : 1;
            gravityBetween(REST, tilted, s, acc);
            next.add(t, acc);
            d.sample(t, acc[0] + LIS3DH_NOISE_G * rng.nextGaussian(), acc[1] + LIS3DH_NOISE_G * rng.nextGaussian(),
                    acc[2] + LIS3DH_NOISE_G * rng.nextGaussian());
        }
        d.end();
        List<LegMovement> found = c.movements();
        assertEquals(2, found.size(), "the settle, then the burst: " + found);
        assertEquals(60, found.get(0).onsetSeconds(), 0.05);
        assertEquals(0.2, found.get(0).durationSeconds(), 0.05, "ends where the foot became still: " + found.get(0));
        assertEquals(61.2, found.get(1).onsetSeconds(), 0.05);
        assertEquals(1.5, found.get(1).durationSeconds(), 0.05);
    }

    @Test
    void movementsHalfASecondApartStayTwo() {
        // Two bursts with a true gap of 0.55 s: WASM 2016 rule 1 joins only gaps below 0.5 s.
        List<Burst> bursts = List.of(new Burst(30, 1.5, 0.3), new Burst(32.05, 1.5, 0.3),
                new Burst(60, 1.5, 0.05), new Burst(62.05, 1.5, 0.05));
        LegMovementCollector c = new LegMovementCollector(Leg.LEFT);
        List<LegMovement> found = run(new LegMovementDetector(c), c, 50, 100, 0.2, LIS3DH_NOISE_G, LIS3DH_LSB_G, bursts, 11);
        assertMatches(bursts, found, 0.05, 0.08);
    }

    @Test
    void aTinyTiltIsFoundAndBreathingSizedRockingIsNot() {
        // A 0.5° tilt (8.7 mg) held for 2 s with a 5 mg shake is a movement; the shank rocking by
        // 0.1° (1.7 mg) with each breath for ten minutes is not.
        LegMovementCollector c = new LegMovementCollector(Leg.LEFT);
        LegMovementDetector d = new LegMovementDetector(c);
        Random rng = new Random(12);
        Burst shake = new Burst(300, 2, 0.005);
        double tilt = Math.toRadians(0.5);
        double[] acc = new double[3];
        for (int k = 0; k < 600 * 50; k++) {
            double t = k / 50.0;
            double u = t - 300;
            double w = u < 0 || u > 2 ? 0 : Math.min(1, Math.min(u, 2 - u) / 0.2);
            double angle = tilt * w + Math.toRadians(0.1) * Math.sin(2 * Math.PI * 0.25 * t);
            acc[0] = REST[0] * Math.cos(angle) + Math.sin(angle);
            acc[1] = REST[1];
            acc[2] = REST[2] * Math.cos(angle);
            shake.add(t, acc);
            d.sample(t, q(acc[0] + LIS3DH_NOISE_G * rng.nextGaussian(), LIS3DH_LSB_G),
                    q(acc[1] + LIS3DH_NOISE_G * rng.nextGaussian(), LIS3DH_LSB_G),
                    q(acc[2] + LIS3DH_NOISE_G * rng.nextGaussian(), LIS3DH_LSB_G));
        }
        d.end();
        List<LegMovement> found = c.movements();
        assertEquals(1, found.size(), "only the tilt: " + found);
        assertEquals(300, found.get(0).onsetSeconds(), 0.15);
        assertEquals(2, found.get(0).durationSeconds(), 0.3);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void tinyTiltsOnACoarseNoisyChipAreDatedWithinAFewHundredths(long seed) {
        // ADXL345 in its fixed 10-bit mode (7.8 mg counts, twice the device's; 3 mg noise) at 100 Hz:
        // twenty 0.7° tilts (12 mg), 1-3 s, raised-cosine edges of 0.2 s. Dated on the slow measure
        // with a fixed lag, the onsets came out 0.035-0.042 s off and the durations 0.041-0.056 s
        // (median); on the centred average of the filtered samples at a third of their own
        // amplitude, 0.009-0.023 and 0.016-0.031 s.
        LegMovementCollector c = new LegMovementCollector(Leg.LEFT);
        LegMovementDetector d = new LegMovementDetector(
                DetectorConfig.forChip(0.0078, DetectorConfig.ADXL345_NOISE_RMS_G), c);
        Random rng = new Random(seed);
        int count = 20;
        double rate = 100;
        double tilt = Math.toRadians(0.7);
        double[] acc = new double[3];
        for (long k = 0; k < (long) ((30 * count + 20) * rate); k++) {
            double t = k / rate;
            double w = 0;
            for (int i = 0; i < count; i++) {
                double u = t - tiltOnset(i);
                if (u >= 0 && u <= tiltDuration(i)) {
                    double r = Math.min(u, tiltDuration(i) - u);
                    w = r >= 0.2 ? 1 : 0.5 * (1 - Math.cos(Math.PI * r / 0.2));
                }
            }
            double angle = tilt * w;
            acc[0] = REST[0] * Math.cos(angle) + REST[2] * Math.sin(angle);
            acc[1] = REST[1];
            acc[2] = REST[2] * Math.cos(angle) - REST[0] * Math.sin(angle);
            d.sample(t, q(acc[0] + 0.003 * rng.nextGaussian(), 0.0078), q(acc[1] + 0.003 * rng.nextGaussian(), 0.0078),
                    q(acc[2] + 0.003 * rng.nextGaussian(), 0.0078));
        }
        d.end();
        List<Double> onsetErrors = new ArrayList<>();
        List<Double> durationErrors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            for (LegMovement m : c.movements()) {
                if (Math.abs(m.onsetSeconds() - tiltOnset(i)) < 1) {
                    onsetErrors.add(Math.abs(m.onsetSeconds() - tiltOnset(i)));
                    durationErrors.add(Math.abs(m.durationSeconds() - tiltDuration(i)));
                }
            }
        }
        assertTrue(onsetErrors.size() >= count - 1, "found " + c.movements());
        assertTrue(median(onsetErrors) <= 0.03, "median onset error " + median(onsetErrors));
        assertTrue(median(durationErrors) <= 0.04, "median duration error " + median(durationErrors));
    }

    private static double tiltOnset(int i) {
        return 20 + 30 * i + 0.37 * i;
    }

    private static double tiltDuration(int i) {
        return 1 + 0.5 * (i % 5);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void nonFiniteSamplesAreDroppedNotPropagated() {
        LegMovementCollector c = new LegMovementCollector(Leg.LEFT);
        LegMovementDetector d = new LegMovementDetector(DetectorConfig.DEFAULTS.withNominalRateHz(50), c);
        Burst b = new Burst(30, 2, 0.2);
        double[] acc = new double[3];
        for (int k = 0; k < 60 * 50; k++) {
            double t = k / 50.0;
            acc[0] = REST[0];
            acc[1] = REST[1];
            acc[2] = REST[2];
            b.add(t, acc);
            d.sample(t, k == 500 ? Double.NaN : acc[0], acc[1], k == 501 ? Double.POSITIVE_INFINITY : acc[2]);
        }
        d.end();
        assertEquals(2, d.rejectedSamples());
        assertEquals(1, c.movements().size(), "" + c.movements());
        assertEquals(30, c.movements().get(0).onsetSeconds(), 0.1);
    }

    @Test
    void sameInputGivesTheSameMovements() {
        List<Burst> bursts = everyThirtySeconds(6, 1, 0.05);
        LegMovementCollector a = new LegMovementCollector(Leg.LEFT);
        LegMovementCollector b = new LegMovementCollector(Leg.LEFT);
        List<LegMovement> first = run(new LegMovementDetector(a), a, 50, 200, 0.5, 0.003, 0.002, bursts, 7);
        List<LegMovement> second = run(new LegMovementDetector(b), b, 50, 200, 0.5, 0.003, 0.002, bursts, 7);
        assertEquals(first, second);
    }

    @Test
    void allocatesNothingPerSample() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);
        int n = 1_000_000;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        Random rng = new Random(8);
        for (int i = 0; i < n; i++) {
            // A burst of 0.2 g every 20 s keeps the movement path busy too.
            double burst = (i % 1000) < 100 ? 0.2 * Math.sin(i * 0.3) : 0;
            x[i] = REST[0] + burst + 0.001 * rng.nextGaussian();
            y[i] = REST[1] + 0.001 * rng.nextGaussian();
            z[i] = REST[2] + burst + 0.001 * rng.nextGaussian();
        }
        MovementListener counter = new MovementListener() {
            @Override
            public void movement(double onsetSeconds, double durationSeconds, double peakG) {
            }
        };
        LegMovementDetector d = new LegMovementDetector(counter);
        for (int rep = 0; rep < 3; rep++) { // warm up: JIT-compile the sample path
            for (int i = 0; i < n; i++) {
                d.sample((rep * n + i) / 50.0, x[i], y[i], z[i]);
            }
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < n; i++) {
            d.sample((3L * n + i) / 50.0, x[i], y[i], z[i]);
        }
        long bytes = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(d.movementCount() > 1000, "movements were detected: " + d.movementCount());
        assertTrue(bytes < 0.01 * n, "allocated " + bytes + " bytes for " + n + " samples");
    }

    @Test
    void configRejectsAnInvertedHysteresis() {
        DetectorConfig x = DetectorConfig.DEFAULTS;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DetectorConfig(0, 6, 5, 0.25,
                0.005, 0.01, x.onsetNoiseFactor(), x.offsetNoiseFactor(), x.weakOnsetFloorG(), x.weakOnsetNoiseFactor(),
                x.edgeNoiseFactor(), 20, 15, 0.3, 30, 1, 5, 0.25, 2));
        assertTrue(e.getMessage().contains("onsetFloorG"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DetectorConfig.DEFAULTS.withNominalRateHz(1));
    }

    /** Gravity turned the share s of the way from one unit vector to another, as a unit vector. */
    private static void gravityBetween(double[] from, double[] to, double s, double[] out) {
        double gx = from[0] + s * (to[0] - from[0]);
        double gy = from[1] + s * (to[1] - from[1]);
        double gz = from[2] + s * (to[2] - from[2]);
        double n = Math.sqrt(gx * gx + gy * gy + gz * gz);
        out[0] = gx / n;
        out[1] = gy / n;
        out[2] = gz / n;
    }

    private static double[] unit(double x, double y, double z) {
        double n = Math.sqrt(x * x + y * y + z * z);
        return new double[] {x / n, y / n, z / n};
    }
}
