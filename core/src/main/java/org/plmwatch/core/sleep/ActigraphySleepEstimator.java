package org.plmwatch.core.sleep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.detect.LegMovementCollector;
import org.plmwatch.core.detect.LegMovementDetector;
import org.plmwatch.core.model.Epoch;
import org.plmwatch.core.model.Hypnogram;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.Stage;

/**
 * Lights-off, lights-on and sleep/wake epochs from one ankle accelerometer, for nights without a
 * PSG. Streaming: samples feed a leg-movement detector and per-epoch gravity sums (no allocation
 * per sample; arrays grow per epoch); the night is scored at {@link #end()}.
 *
 * <p>Method (docs/DETECTION.md): time in bed is the longest period with the shank lying (gravity
 * mostly across the shank); inside it, each 30-s epoch's activity is the seconds spent in
 * non-periodic leg movements, weighted over the epochs around it with Cole–Kripke weights, and
 * thresholded; Webster's rescoring rules then smooth the result.
 */
public final class ActigraphySleepEstimator implements AccelSink {

    private final SleepConfig config;
    private final LegMovementCollector movements;
    private final LegMovementDetector detector;
    private double[] sumAxis = new double[1024];
    private double[] sumNorm = new double[1024];
    private int[] count = new int[1024];
    private int epochs;
    private ActigraphySleep result;

    public ActigraphySleepEstimator(SleepConfig config, Leg leg) {
        this.config = Objects.requireNonNull(config, "config");
        this.movements = new LegMovementCollector(leg);
        this.detector = new LegMovementDetector(config.detector(), movements);
    }

    @Override
    public void sample(double timeSeconds, double xG, double yG, double zG) {
        detector.sample(timeSeconds, xG, yG, zG);
        if (!(timeSeconds >= 0)) {
            return; // epochs start at time zero
        }
        int e = (int) (timeSeconds / config.epochSeconds());
        if (e >= sumAxis.length) {
            grow(e + 1);
        }
        double axis = config.shankAxis() == 0 ? xG : config.shankAxis() == 1 ? yG : zG;
        sumAxis[e] += axis;
        sumNorm[e] += Math.sqrt(xG * xG + yG * yG + zG * zG);
        count[e]++;
        if (e >= epochs) {
            epochs = e + 1;
        }
    }

    @Override
    public void gap(double fromSeconds, double toSeconds) {
        detector.gap(fromSeconds, toSeconds);
    }

    @Override
    public void end() {
        detector.end();
        result = score();
    }

    /** The estimate; available after {@link #end()}. */
    public ActigraphySleep result() {
        if (result == null) {
            throw new IllegalStateException("call end() after the last sample before asking for the result");
        }
        return result;
    }

    private void grow(int min) {
        int n = Math.max(min, sumAxis.length * 2);
        sumAxis = Arrays.copyOf(sumAxis, n);
        sumNorm = Arrays.copyOf(sumNorm, n);
        count = Arrays.copyOf(count, n);
    }

    /**
     * One estimate from both ankles, after {@code end()} on each: an epoch is lying when both
     * shanks lie, and its activity is the larger of the two legs' (each outside its own PLM-like
     * series). Both must use the same epoch length.
     */
    public static ActigraphySleep bothLegs(ActigraphySleepEstimator left, ActigraphySleepEstimator right) {
        left.result();
        right.result();
        if (left.config.epochSeconds() != right.config.epochSeconds()) {
            throw new IllegalArgumentException("both legs need the same epoch length, were "
                    + left.config.epochSeconds() + " and " + right.config.epochSeconds() + " s");
        }
        boolean[] l = left.lyingEpochs();
        boolean[] r = right.lyingEpochs();
        boolean[] lying = new boolean[Math.max(l.length, r.length)];
        for (int i = 0; i < lying.length; i++) {
            // A leg without data for the epoch leaves the decision to the other.
            lying[i] = (i >= l.length || l[i]) && (i >= r.length || r[i]);
        }
        double[] a = activity(left.config, lying.length, left.movements.movements());
        double[] b = activity(left.config, lying.length, right.movements.movements());
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.max(a[i], b[i]);
        }
        List<LegMovement> all = new ArrayList<>(left.movements.movements());
        all.addAll(right.movements.movements());
        all.sort(Comparator.comparingDouble(LegMovement::onsetSeconds));
        return score(left.config, lying, a, all);
    }

    /** Per epoch: does the shank's long axis carry little of gravity? Epochs without samples repeat the last. */
    private boolean[] lyingEpochs() {
        boolean[] lying = new boolean[epochs];
        boolean last = false;
        for (int i = 0; i < epochs; i++) {
            if (count[i] > 0) {
                last = Math.abs(sumAxis[i] / count[i]) < config.lyingMaxAxisG() * (sumNorm[i] / count[i]);
            }
            lying[i] = last;
        }
        return lying;
    }

    private ActigraphySleep score() {
        boolean[] lying = lyingEpochs();
        List<LegMovement> all = movements.movements();
        return score(config, lying, activity(config, lying.length, all), all);
    }

    /** Seconds of each epoch covered by movement, leaving out PLM-like series (one leg). */
    private static double[] activity(SleepConfig config, int epochs, List<LegMovement> sortedByOnset) {
        double ep = config.epochSeconds();
        double[] active = new double[epochs];
        List<LegMovement> pooled = pool(sortedByOnset);
        boolean[] periodic = config.discountPeriodic() ? periodic(pooled) : new boolean[pooled.size()];
        for (int k = 0; k < pooled.size(); k++) {
            if (periodic[k]) {
                continue;
            }
            LegMovement m = pooled.get(k);
            int e0 = Math.max(0, (int) (m.onsetSeconds() / ep));
            int e1 = Math.min(epochs - 1, (int) (m.offsetSeconds() / ep));
            for (int e = e0; e <= e1; e++) {
                double overlap = Math.min(m.offsetSeconds(), (e + 1) * ep) - Math.max(m.onsetSeconds(), e * ep);
                active[e] += Math.max(0, overlap);
            }
        }
        return active;
    }

    private static ActigraphySleep score(SleepConfig config, boolean[] lying, double[] active, List<LegMovement> all) {
        double ep = config.epochSeconds();
        int epochs = lying.length;
        if (epochs == 0) {
            return new ActigraphySleep(0, 0, Hypnogram.empty(), all, false);
        }
        // The longest lying period, joining short upright spells.
        int join = (int) Math.round(config.lyingJoinSeconds() / ep);
        int bestFrom = -1;
        int bestTo = -1;
        int i = 0;
        while (i < epochs) {
            if (!lying[i]) {
                i++;
                continue;
            }
            int from = i;
            int to = i;
            int j = i;
            while (j < epochs) {
                if (lying[j]) {
                    to = j;
                    j++;
                } else if (j - to <= join) {
                    j++;
                } else {
                    break;
                }
            }
            if (bestFrom < 0 || to - from > bestTo - bestFrom) {
                bestFrom = from;
                bestTo = to;
            }
            i = to + 1;
        }
        boolean lyingFound = bestFrom >= 0;
        if (!lyingFound) {
            bestFrom = 0;
            bestTo = epochs - 1;
        }
        // Cole–Kripke weighted activity, thresholded, inside time in bed.
        int n = bestTo - bestFrom + 1;
        boolean[] wake = new boolean[n];
        for (int k = 0; k < n; k++) {
            double s = 0;
            for (int w = 0; w < SleepConfig.WEIGHTS.length; w++) {
                int e = bestFrom + k + w - SleepConfig.WEIGHTS_BEFORE;
                if (e >= bestFrom && e <= bestTo) {
                    s += SleepConfig.WEIGHTS[w] * active[e];
                }
            }
            wake[k] = s > config.wakeThresholdSeconds();
        }
        rescore(wake, config);
        List<Epoch> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(new Epoch((bestFrom + k) * ep, ep, wake[k] ? Stage.WAKE : Stage.SLEEP));
        }
        return new ActigraphySleep(bestFrom * ep, (bestTo + 1) * ep, new Hypnogram(out), all, lyingFound);
    }

    /** Webster et al. (1982) rescoring, rules a and b, as used with Cole–Kripke. */
    private static void rescore(boolean[] wake, SleepConfig config) {
        int n = wake.length;
        boolean[] a = wake.clone();
        int run = 0;
        for (int k = 0; k < n; k++) {
            if (wake[k]) {
                run++;
            } else {
                if (run >= config.rescoreAfterWakeEpochs()) {
                    for (int j = k; j < Math.min(n, k + config.rescoreSleepEpochs()) && !wake[j]; j++) {
                        a[j] = true;
                    }
                }
                run = 0;
            }
        }
        int k = 0;
        while (k < n) {
            if (a[k]) {
                k++;
                continue;
            }
            int from = k;
            while (k < n && !a[k]) {
                k++;
            }
            int len = k - from;
            if (len <= config.shortSleepEpochs()
                    && wakeRun(a, from - 1, -1) >= config.shortSleepWakeEpochs()
                    && wakeRun(a, k, 1) >= config.shortSleepWakeEpochs()) {
                Arrays.fill(wake, from, k, true);
            }
        }
        for (int j = 0; j < n; j++) {
            wake[j] |= a[j];
        }
    }

    private static int wakeRun(boolean[] a, int start, int step) {
        int len = 0;
        for (int j = start; j >= 0 && j < a.length && a[j]; j += step) {
            len++;
        }
        return len;
    }

    /**
     * Movements sorted by onset, with those that overlap or lie less than 0.5 s apart (on either
     * leg) joined, as scoring rules 1 and 4 would: one burst of activity, counted once.
     */
    static List<LegMovement> pool(List<LegMovement> sortedByOnset) {
        List<LegMovement> out = new ArrayList<>();
        for (LegMovement m : sortedByOnset) {
            int last = out.size() - 1;
            if (last >= 0 && m.onsetSeconds() < out.get(last).offsetSeconds() + 0.5) {
                LegMovement p = out.get(last);
                double offset = Math.max(p.offsetSeconds(), m.offsetSeconds());
                out.set(last, new LegMovement(p.leg(), p.onsetSeconds(), offset - p.onsetSeconds(),
                        Math.max(p.peakG(), m.peakG())));
            } else {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Marks movements that belong to a run of at least 4 with onset-to-onset intervals of 10–90 s
     * and durations of at most 10 s: the shape of a PLM series (WASM 2016), which happens in sleep
     * and must not turn it into wake.
     */
    static boolean[] periodic(List<LegMovement> ms) {
        int n = ms.size();
        boolean[] out = new boolean[n];
        int from = 0;
        for (int k = 1; k <= n; k++) {
            boolean continues = k < n && ms.get(k).durationSeconds() <= 10 && ms.get(k - 1).durationSeconds() <= 10
                    && ms.get(k).onsetSeconds() - ms.get(k - 1).onsetSeconds() >= 10
                    && ms.get(k).onsetSeconds() - ms.get(k - 1).onsetSeconds() <= 90;
            if (!continues) {
                if (k - from >= 4) {
                    Arrays.fill(out, from, k, true);
                }
                from = k;
            }
        }
        return out;
    }
}
