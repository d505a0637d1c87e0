package org.plmwatch.core.sleep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.model.Hypnogram;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;

/**
 * Lights-off, lights-on and sleep/wake epochs from one ankle accelerometer for a recording of one
 * night, for nights without a PSG: a {@link NightSplitter} on one leg whose {@link #result()} is
 * the recording's main night (the longest). Recordings of several nights use
 * {@link NightSplitter#nights(List)} to get every night.
 *
 * <p>Method (docs/DETECTION.md): time in bed is a period with the shank lying (gravity mostly
 * across the shank); inside it, each 30-s epoch's activity is the seconds spent in non-periodic
 * leg movements, weighted over the epochs around it with Cole–Kripke weights, and thresholded;
 * Webster's rescoring rules then smooth the result.
 */
public final class ActigraphySleepEstimator implements AccelSink {

    private final NightSplitter splitter;
    private List<ActigraphySleep> nights;

    public ActigraphySleepEstimator(SleepConfig config, Leg leg) {
        this.splitter = new NightSplitter(config, NightSplitConfig.DEFAULTS, leg, 0);
    }

    @Override
    public void sample(double timeSeconds, double xG, double yG, double zG) {
        splitter.sample(timeSeconds, xG, yG, zG);
    }

    @Override
    public void gap(double fromSeconds, double toSeconds) {
        splitter.gap(fromSeconds, toSeconds);
    }

    @Override
    public void end() {
        splitter.end();
        nights = NightSplitter.nights(List.of(splitter));
    }

    /** The main night (the one with the most time in bed); available after {@link #end()}. */
    public ActigraphySleep result() {
        if (nights == null) {
            throw new IllegalStateException("call end() after the last sample before asking for the result");
        }
        return main(nights);
    }

    /** Every night of the recording, in time order; available after {@link #end()}. */
    public List<ActigraphySleep> nights() {
        result();
        return nights;
    }

    private static ActigraphySleep main(List<ActigraphySleep> nights) {
        ActigraphySleep best = null;
        for (ActigraphySleep n : nights) {
            if (best == null || n.hypnogram().tibSeconds() > best.hypnogram().tibSeconds()) {
                best = n;
            }
        }
        return best != null ? best : new ActigraphySleep(0, 0, Hypnogram.empty(), List.of(), false);
    }

    /**
     * One estimate from both ankles, after {@code end()} on each: an epoch is lying when both
     * shanks lie, and its activity is the larger of the two legs' (each outside its own PLM-like
     * series). The main night of {@link NightSplitter#nights(List)} for the two legs.
     */
    public static ActigraphySleep bothLegs(ActigraphySleepEstimator left, ActigraphySleepEstimator right) {
        left.result();
        right.result();
        return main(NightSplitter.nights(List.of(left.splitter, right.splitter)));
    }

    /** Webster et al. (1982) rescoring, rules a and b, as used with Cole–Kripke. */
    static void rescore(boolean[] wake, SleepConfig config) {
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
