package org.plmwatch.sim.synth;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.detect.DetectorConfig;
import org.plmwatch.core.detect.LegMovementDetector;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.SleepSource;

/**
 * How exactly the edges of a class's movements must be dated for its PLMS index to stay within
 * issue 11's tolerance, without any detector: every true edge is moved inward by a bias and by
 * seeded Gaussian scatter, and the night is scored again. On the settle and gap classes one
 * 0.5-s boundary crossed makes or breaks a PLM series, so this says what the detector's own bias
 * and scatter (DetectionEvaluation's class table) cost there. Then the same nights sampled without
 * noise, every edge dated by the detector's rule for a strong edge at a fixed level
 * ({@link #noiseFreeLines}): what dating at the level a chip's noise allows costs even when the
 * noise itself is gone. Usage: docs/DETECTION.md, §6.
 *
 * <pre>java -cp core/target/classes:firmware-sim/target/classes:COMMONS_MATH3_JAR org.plmwatch.sim.synth.EdgePrecision [CLASS=SHORT_GAP] [nights=50] [hours=8] [rateHz=50]</pre>
 */
public final class EdgePrecision {

    static final double[] INSIDE_BIASES = {0, 0.0125};
    static final double[] SIGMAS = {0, 0.005, 0.010, 0.015, 0.020};
    static final double[] PLMS_PER_HOUR = {40, 100};
    /** A chip without noise or counts: the movements' own signal. */
    static final SensorModel NOISE_FREE = new SensorModel("noise-free", 0, 0, 0, 4);

    /**
     * Whose dating level the noise-free edges are dated at: the detector's on a chip's readings
     * (rms noise and counts per axis), or none (2 % of the peak alone).
     */
    public record Dater(String name, double readingNoiseG) {
        static Dater of(SensorModel chip, double rateHz) {
            return new Dater(chip.name().split(" ")[0],
                    DetectorConfig.readingErrorG(chip.lsbG(), chip.noiseRmsG(rateHz)));
        }
    }

    /** Edges dated on the noise-free samples at one dater's level, on the class's nights at one PLM rate. */
    public record LevelLine(MovementClass movementClass, double plmsPerHour, double rateHz, Dater dater,
                            double noiseLevelG, int nightsWithinTolerance, int nights, double meanAbsPlmsIndexError,
                            double medianOnsetErrorSeconds, double medianEndErrorSeconds) {
    }

    /** One bias and scatter on the class's nights at one PLM rate. */
    public record Line(MovementClass movementClass, double plmsPerHour, double insideBiasSeconds, double sigmaSeconds,
                       int nightsWithinTolerance, int nights, double meanAbsPlmsIndexError) {
    }

    private EdgePrecision() {
    }

    /**
     * Every combination of {@link #INSIDE_BIASES} and {@link #SIGMAS} at {@link #PLMS_PER_HOUR}, on
     * {@code nights} seeded nights each (seeds 777 + 10000 k; the same nights for every line).
     */
    public static List<Line> lines(MovementClass cls, int nights, double hours, PrintStream out) {
        out.printf(Locale.ROOT, "%-17s %6s %9s %8s %10s %10s%n",
                "class", "PLM/h", "bias_s", "sigma_s", "within", "mean|dPLMSI|");
        List<Line> lines = new ArrayList<>();
        for (double plms : PLMS_PER_HOUR) {
            List<SyntheticNight> generated = new ArrayList<>();
            for (int k = 0; k < nights; k++) {
                generated.add(SyntheticNight.generate(SyntheticNightConfig.defaults(777 + 10000L * k)
                        .withRecordingHours(hours).withSampling(50, 0.002, SensorModel.ADXL345_4G_FULLRES)
                        .withPlmsPerHour(plms).withMovementClass(cls)));
            }
            for (double bias : INSIDE_BIASES) {
                for (double sigma : SIGMAS) {
                    int within = 0;
                    double error = 0;
                    for (int k = 0; k < nights; k++) {
                        SyntheticNight night = generated.get(k);
                        double truth = index(night, truth(night));
                        SplittableRandom rng = new SplittableRandom(31L * k + 7);
                        double moved = index(night, moved(truth(night), bias, sigma, rng));
                        error += Math.abs(moved - truth);
                        within += DetectionEvaluation.plmsIndexWithinTolerance(moved, truth) ? 1 : 0;
                    }
                    Line line = new Line(cls, plms, bias, sigma, within, nights, error / nights);
                    out.printf(Locale.ROOT, "%-17s %6.0f %9.4f %8.3f %7d/%-2d %10.2f%n", cls, plms, bias, sigma, within,
                            nights, line.meanAbsPlmsIndexError());
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    /**
     * The nights of {@link #lines} sampled at {@code rateHz} without noise or counts, every true
     * movement dated as the detector dates a strong edge on a chip's readings
     * ({@link LegMovementDetector#strongEdgeLevelG}: 2 % of its peak or the margin over the
     * noise of the readings averaged over ±0.02 s): where the distance from the rest before it
     * (after it, for the end) first reaches that level, on the chord between two samples, moved
     * out along the secant from twice that level (at most 0.1 s). The noise sets the level only:
     * what is left is the cost of dating that high on the movements' rounded feet. A movement that
     * never reaches its level is not seen. The medians are of the signed onset and end errors of
     * movements from {@link DetectionEvaluation#MIN_PEAK_G}.
     */
    public static List<LevelLine> noiseFreeLines(MovementClass cls, int nights, double hours, double rateHz,
                                                 PrintStream out) {
        out.printf(Locale.ROOT, "%-17s %6s %6s %-9s %9s %10s %12s %9s %9s%n",
                "class", "PLM/h", "Hz", "level_of", "level_mg", "within", "mean|dPLMSI|", "onset_s", "end_s");
        List<Dater> daters = List.of(new Dater("2%-peak", 0), Dater.of(SensorModel.LIS3DH_4G_HIGHRES, rateHz),
                Dater.of(SensorModel.ADXL345_4G_FULLRES, rateHz));
        List<LevelLine> lines = new ArrayList<>();
        Samples samples = new Samples();
        for (double plms : PLMS_PER_HOUR) {
            int[] within = new int[daters.size()];
            double[] error = new double[daters.size()];
            List<List<Double>> onsets = new ArrayList<>();
            List<List<Double>> ends = new ArrayList<>();
            for (int l = 0; l < daters.size(); l++) {
                onsets.add(new ArrayList<>());
                ends.add(new ArrayList<>());
            }
            for (int k = 0; k < nights; k++) {
                SyntheticNight night = SyntheticNight.generate(SyntheticNightConfig.defaults(777 + 10000L * k)
                        .withRecordingHours(hours).withSampling(rateHz, 0.002, NOISE_FREE)
                        .withPlmsPerHour(plms).withMovementClass(cls));
                List<List<LegMovement>> dated = new ArrayList<>();
                for (int l = 0; l < daters.size(); l++) {
                    dated.add(new ArrayList<>());
                }
                for (Leg leg : Leg.values()) {
                    samples.clear();
                    night.stream(leg, samples);
                    for (LegMovement m : night.truth(leg)) {
                        for (int l = 0; l < daters.size(); l++) {
                            double[] edges = datedEdges(samples, m, daters.get(l).readingNoiseG(), rateHz);
                            if (edges == null) {
                                continue;
                            }
                            dated.get(l).add(new LegMovement(leg, edges[0], edges[1] - edges[0], m.peakG()));
                            if (m.peakG() >= DetectionEvaluation.MIN_PEAK_G) {
                                onsets.get(l).add(edges[0] - m.onsetSeconds());
                                ends.get(l).add(edges[1] - m.onsetSeconds() - m.durationSeconds());
                            }
                        }
                    }
                }
                double truth = index(night, truth(night));
                for (int l = 0; l < daters.size(); l++) {
                    double measured = index(night, dated.get(l));
                    error[l] += Math.abs(measured - truth);
                    within[l] += DetectionEvaluation.plmsIndexWithinTolerance(measured, truth) ? 1 : 0;
                }
            }
            for (int l = 0; l < daters.size(); l++) {
                Dater dater = daters.get(l);
                LevelLine line = new LevelLine(cls, plms, rateHz, dater,
                        LegMovementDetector.strongEdgeLevelG(0, dater.readingNoiseG(), rateHz), within[l], nights,
                        error[l] / nights, DetectionEvaluation.median(onsets.get(l)),
                        DetectionEvaluation.median(ends.get(l)));
                out.printf(Locale.ROOT, "%-17s %6.0f %6.0f %-9s %9.1f %7d/%-2d %12.2f %+9.4f %+9.4f%n", cls, plms,
                        rateHz, dater.name(), line.noiseLevelG() * 1000, within[l], nights,
                        line.meanAbsPlmsIndexError(), line.medianOnsetErrorSeconds(), line.medianEndErrorSeconds());
                lines.add(line);
            }
        }
        return lines;
    }

    /**
     * A movement's onset and end dated on noise-free samples (see {@link #noiseFreeLines}), or
     * null when it never reaches its level or lies at the recording's edge.
     */
    static double[] datedEdges(Samples s, LegMovement m, double readingNoiseG, double rateHz) {
        double offset = m.onsetSeconds() + m.durationSeconds();
        int first = Arrays.binarySearch(s.t, 0, s.n, m.onsetSeconds());
        first = first >= 0 ? first : -first - 1;
        int last = Arrays.binarySearch(s.t, 0, s.n, offset);
        last = last >= 0 ? last : -last - 2;
        if (first < 1 || last + 1 >= s.n || last < first) {
            return null;
        }
        double level = LegMovementDetector.strongEdgeLevelG(m.peakG(), readingNoiseG, rateHz);
        double onset = s.crossing(first, last, first - 1, level);
        double end = s.crossing(last, first, last + 1, level);
        if (Double.isNaN(onset) || Double.isNaN(end)) {
            return null;
        }
        double onset2 = s.crossing(first, last, first - 1, 2 * level);
        double end2 = s.crossing(last, first, last + 1, 2 * level);
        if (!Double.isNaN(onset2)) {
            onset -= Math.min(LegMovementDetector.MAX_EXTRAPOLATION_SECONDS, onset2 - onset);
        }
        if (!Double.isNaN(end2)) {
            end += Math.min(LegMovementDetector.MAX_EXTRAPOLATION_SECONDS, end - end2);
        }
        return new double[] {onset, end};
    }

    /** One leg's samples, kept in growable arrays (a night at 100 Hz is 2.9 M samples). */
    static final class Samples implements AccelSink {
        double[] t = new double[1 << 16];
        double[] x = new double[1 << 16];
        double[] y = new double[1 << 16];
        double[] z = new double[1 << 16];
        int n;

        void clear() {
            n = 0;
        }

        @Override
        public void sample(double time, double ax, double ay, double az) {
            if (n == t.length) {
                t = Arrays.copyOf(t, 2 * n);
                x = Arrays.copyOf(x, 2 * n);
                y = Arrays.copyOf(y, 2 * n);
                z = Arrays.copyOf(z, 2 * n);
            }
            t[n] = time;
            x[n] = ax;
            y[n] = ay;
            z[n] = az;
            n++;
        }

        @Override
        public void gap(double fromSeconds, double toSeconds) {
        }

        @Override
        public void end() {
        }

        /**
         * Walking from sample {@code from} to {@code to} (either way), the time where the distance
         * from sample {@code rest} first reaches the level, on the chord from the sample before
         * (for the first sample: from the rest, at distance 0); NaN if it never does.
         */
        double crossing(int from, int to, int rest, double level) {
            int step = from <= to ? 1 : -1;
            double previousT = t[rest];
            double previousD = 0;
            for (int i = from; i != to + step; i += step) {
                double d = Math.sqrt(sq(x[i] - x[rest]) + sq(y[i] - y[rest]) + sq(z[i] - z[rest]));
                if (d >= level) {
                    return previousT + (t[i] - previousT) * (level - previousD) / (d - previousD);
                }
                previousT = t[i];
                previousD = d;
            }
            return Double.NaN;
        }

        private static double sq(double v) {
            return v * v;
        }
    }

    private static List<LegMovement> truth(SyntheticNight night) {
        List<LegMovement> all = new ArrayList<>();
        for (Leg leg : Leg.values()) {
            all.addAll(night.truth(leg));
        }
        return all;
    }

    /** Each edge moved inward by the bias plus scatter; what is left shorter than 50 ms is gone. */
    static List<LegMovement> moved(List<LegMovement> movements, double insideBias, double sigma, SplittableRandom rng) {
        List<LegMovement> out = new ArrayList<>();
        for (LegMovement m : movements) {
            double onset = m.onsetSeconds() + insideBias + sigma * rng.nextGaussian();
            double offset = m.onsetSeconds() + m.durationSeconds() - insideBias + sigma * rng.nextGaussian();
            if (offset - onset > 0.05) {
                out.add(new LegMovement(m.leg(), onset, offset - onset, m.peakG()));
            }
        }
        return out;
    }

    private static double index(SyntheticNight night, List<LegMovement> movements) {
        return DetectionEvaluation.plmsIndex(night, movements, night.hypnogram(), SleepSource.PSG_HYPNOGRAM);
    }

    public static void main(String[] args) {
        MovementClass cls = args.length > 0 ? MovementClass.valueOf(args[0]) : MovementClass.SHORT_GAP;
        int nights = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        double hours = args.length > 2 ? Double.parseDouble(args[2]) : 8;
        double rateHz = args.length > 3 ? Double.parseDouble(args[3]) : 50;
        if (nights < 1 || nights > 1000 || !(hours > 0 && hours <= 24) || !(rateHz >= 8 && rateHz <= 400)) {
            throw new IllegalArgumentException("nights 1-1000, hours (0, 24], rateHz 8-400: got " + nights + ", "
                    + hours + ", " + rateHz);
        }
        lines(cls, nights, hours, System.out);
        System.out.println();
        noiseFreeLines(cls, nights, hours, rateHz, System.out);
    }
}
