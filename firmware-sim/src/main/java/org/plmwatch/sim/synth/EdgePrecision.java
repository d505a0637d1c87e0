package org.plmwatch.sim.synth;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.SleepSource;

/**
 * How exactly the edges of a class's movements must be dated for its PLMS index to stay within
 * issue 11's tolerance, without any detector: every true edge is moved inward by a bias and by
 * seeded Gaussian scatter, and the night is scored again. On the settle and gap classes one
 * 0.5-s boundary crossed makes or breaks a PLM series, so this says what the detector's own bias
 * and scatter (DetectionEvaluation's class table) cost there. Usage: docs/DETECTION.md, §6.
 *
 * <pre>java -cp core/target/classes:firmware-sim/target/classes:COMMONS_MATH3_JAR org.plmwatch.sim.synth.EdgePrecision [CLASS=SHORT_GAP] [nights=50] [hours=8]</pre>
 */
public final class EdgePrecision {

    static final double[] INSIDE_BIASES = {0, 0.0125};
    static final double[] SIGMAS = {0, 0.005, 0.010, 0.015, 0.020};
    static final double[] PLMS_PER_HOUR = {40, 100};

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
        if (nights < 1 || nights > 1000 || !(hours > 0 && hours <= 24)) {
            throw new IllegalArgumentException("nights 1-1000, hours (0, 24]: got " + nights + ", " + hours);
        }
        lines(cls, nights, hours, System.out);
    }
}
