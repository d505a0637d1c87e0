package org.plmwatch.analyzer.report.html;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * An exploratory comparison of the PLMS index on nights with a diary tag against nights
 * without it: the difference of the means and a two-sided permutation p-value (labels shuffled
 * over the same nights, seeded so a report is reproducible). Nights were not randomised, so
 * this can only point at something to ask about; it never shows a cause.
 *
 * @param tag          the diary tag
 * @param with         PLMS indices of nights with the tag
 * @param without      PLMS indices of nights with a diary row but without the tag
 * @param difference   mean(with) − mean(without), NaN when too few nights
 * @param pValue       permutation p-value, NaN when too few nights
 */
public record TagComparison(String tag, double[] with, double[] without, double difference, double pValue) {

    /** Fewer nights than this on either side give "too few nights to compare". */
    public static final int MIN_NIGHTS_EACH = 3;
    static final int PERMUTATIONS = 10_000;
    static final long SEED = 20161;

    static TagComparison of(String tag, double[] with, double[] without) {
        if (with.length < MIN_NIGHTS_EACH || without.length < MIN_NIGHTS_EACH) {
            return new TagComparison(tag, with, without, Double.NaN, Double.NaN);
        }
        double observed = mean(with) - mean(without);
        double[] all = new double[with.length + without.length];
        System.arraycopy(with, 0, all, 0, with.length);
        System.arraycopy(without, 0, all, with.length, without.length);
        double total = Arrays.stream(all).sum();
        Random rnd = new Random(SEED);
        int extreme = 0;
        for (int p = 0; p < PERMUTATIONS; p++) {
            // Partial Fisher–Yates: only the first |with| places need shuffling.
            double sumWith = 0;
            for (int i = 0; i < with.length; i++) {
                int j = i + rnd.nextInt(all.length - i);
                double t = all[i];
                all[i] = all[j];
                all[j] = t;
                sumWith += all[i];
            }
            double d = sumWith / with.length - (total - sumWith) / without.length;
            if (Math.abs(d) >= Math.abs(observed) - 1e-9) {
                extreme++;
            }
        }
        return new TagComparison(tag, with, without, observed, (extreme + 1.0) / (PERMUTATIONS + 1.0));
    }

    public boolean comparable() {
        return Double.isFinite(difference);
    }

    static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : Arrays.stream(v).sum() / v.length;
    }

    static double median(double[] v) {
        return quantile(v, 0.5);
    }

    /** Linear-interpolation quantile (type 7, as R's default). */
    static double quantile(double[] v, double q) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    static double[] finite(List<Double> values) {
        List<Double> out = new ArrayList<>();
        for (Double v : values) {
            if (v != null && Double.isFinite(v)) {
                out.add(v);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
