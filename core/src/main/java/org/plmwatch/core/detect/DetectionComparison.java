package org.plmwatch.core.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.util.SortedDoubles;

/**
 * Compares detected leg movements with the true ones of the same leg, in the manner of YASA's
 * {@code compare_detection}.
 *
 * <p>Matching rule: true movements are taken in onset order; each is paired with the still
 * unpaired detection whose onset is nearest to its own, among detections that overlap it in time
 * and whose onset lies within ±{@code onsetToleranceSeconds}. Pairs are one-to-one.
 *
 * <p>True movements with a peak below {@code minPeakG} are optional: a detection paired with one
 * is neither a true nor a false positive, and missing one is not a false negative. Every unpaired
 * detection is a false positive, whatever its peak.
 */
public final class DetectionComparison {

    /** Default onset tolerance, s: twice the quiet hold, well inside the 10 s minimum IMI. */
    public static final double DEFAULT_ONSET_TOLERANCE_SECONDS = 1.0;

    /** A true movement and the detection paired with it. */
    public record Match(LegMovement truth, LegMovement detected) {
        public double onsetErrorSeconds() {
            return detected.onsetSeconds() - truth.onsetSeconds();
        }

        public double durationErrorSeconds() {
            return detected.durationSeconds() - truth.durationSeconds();
        }
    }

    /**
     * The outcome. Precision is 1 when nothing was detected, recall is 1 when nothing was there to
     * find; the medians are NaN when no pair counted.
     */
    public record Result(int truePositives, int falsePositives, int falseNegatives,
                         double precision, double recall, double f1,
                         double medianAbsOnsetErrorSeconds, double medianAbsDurationErrorSeconds,
                         List<Match> matches) {
        public Result {
            matches = List.copyOf(matches);
        }
    }

    private DetectionComparison() {
    }

    public static Result compare(List<LegMovement> truth, List<LegMovement> detected, double minPeakG) {
        return compare(truth, detected, minPeakG, DEFAULT_ONSET_TOLERANCE_SECONDS);
    }

    public static Result compare(List<LegMovement> truth, List<LegMovement> detected,
                                 double minPeakG, double onsetToleranceSeconds) {
        // minPeakG 0 counts every true movement: PSG movements carry no peak (NaN).
        return compare(truth, detected, m -> minPeakG <= 0 || m.peakG() >= minPeakG, onsetToleranceSeconds);
    }

    /**
     * The same matching, with the counted true movements chosen by a predicate (for example one
     * class of movement in a synthetic night); the others are optional.
     */
    public static Result compare(List<LegMovement> truth, List<LegMovement> detected,
                                 Predicate<LegMovement> counts, double onsetToleranceSeconds) {
        if (!(onsetToleranceSeconds >= 0)) {
            throw new IllegalArgumentException("onset tolerance must be >= 0 s, was " + onsetToleranceSeconds);
        }
        List<LegMovement> t = new ArrayList<>(truth);
        t.sort(Comparator.comparingDouble(LegMovement::onsetSeconds));
        List<LegMovement> d = new ArrayList<>(detected);
        d.sort(Comparator.comparingDouble(LegMovement::onsetSeconds));
        double[] dOnsets = new double[d.size()];
        for (int i = 0; i < dOnsets.length; i++) {
            dOnsets[i] = d.get(i).onsetSeconds();
        }
        boolean[] used = new boolean[d.size()];
        List<Match> counted = new ArrayList<>();
        int optionalPaired = 0;
        int fn = 0;
        for (LegMovement m : t) {
            boolean optional = !counts.test(m);
            int lo = SortedDoubles.lowerBound(dOnsets, m.onsetSeconds() - onsetToleranceSeconds);
            int best = -1;
            double bestErr = Double.POSITIVE_INFINITY;
            for (int i = lo; i < dOnsets.length && dOnsets[i] <= m.onsetSeconds() + onsetToleranceSeconds; i++) {
                LegMovement c = d.get(i);
                boolean overlaps = c.onsetSeconds() <= m.offsetSeconds() && m.onsetSeconds() <= c.offsetSeconds();
                double err = Math.abs(c.onsetSeconds() - m.onsetSeconds());
                if (!used[i] && overlaps && err < bestErr) {
                    best = i;
                    bestErr = err;
                }
            }
            if (best >= 0) {
                used[best] = true;
                if (optional) {
                    optionalPaired++;
                } else {
                    counted.add(new Match(m, d.get(best)));
                }
            } else if (!optional) {
                fn++;
            }
        }
        int tp = counted.size();
        int fp = d.size() - tp - optionalPaired;
        double precision = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        double[] onsetErr = new double[tp];
        double[] durErr = new double[tp];
        for (int i = 0; i < tp; i++) {
            onsetErr[i] = Math.abs(counted.get(i).onsetErrorSeconds());
            durErr[i] = Math.abs(counted.get(i).durationErrorSeconds());
        }
        return new Result(tp, fp, fn, precision, recall, f1, median(onsetErr), median(durErr), counted);
    }


    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
