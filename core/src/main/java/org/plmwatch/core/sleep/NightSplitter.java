package org.plmwatch.core.sleep;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.detect.LegMovementDetector;
import org.plmwatch.core.detect.MovementListener;
import org.plmwatch.core.model.Epoch;
import org.plmwatch.core.model.Hypnogram;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.Stage;

/**
 * Cuts one ankle's recording into nights, in one streaming pass whose memory does not grow with
 * the recording: samples feed a leg-movement detector and the sums of the current 30-s epoch; each
 * finished epoch (lying, upright, or not recorded) moves a small state machine; only the epochs and
 * movements of the lying period in progress are kept, and each finished period that is long
 * enough becomes a night. {@link #nights(List)} then puts one or two legs together and scores each
 * night's sleep/wake. The device path, {@code score}, {@code report} and {@code batch} all use it.
 *
 * <p>The rules (docs/DETECTION.md §2): a night is a lying period (shank within 45° of horizontal)
 * of at least {@link NightSplitConfig#minNightSeconds()}; upright spells of at most
 * {@link SleepConfig#lyingJoinSeconds()} and gaps of at most
 * {@link NightSplitConfig#maxGapJoinSeconds()} inside it do not end it; shorter lying periods are
 * naps. Time is taken only from sample timestamps: a jump in time is a gap (not recorded), never
 * a run of empty epochs. Recorded but perfectly still stretches inside a lying period of at least
 * {@link NightSplitConfig#offAnkleStillSeconds()} count as the device off the ankle.
 */
public final class NightSplitter implements AccelSink {

    static final byte NONE = 0;
    static final byte UPRIGHT = 1;
    static final byte LYING = 2;
    static final byte OFF = 3;

    /** A lying period in progress: per-epoch states from its first lying epoch on. */
    private static final class Period {
        final long start;
        byte[] states = new byte[256];
        int length;
        int lastLying = -1;
        long uprightSince;
        long gapSince;
        final List<LegMovement> movements = new ArrayList<>();

        Period(long start) {
            this.start = start;
        }

        void set(int i, byte s) {
            if (i >= states.length) {
                states = Arrays.copyOf(states, Math.max(i + 1, states.length * 2));
            }
            states[i] = s;
            length = Math.max(length, i + 1);
        }
    }

    /**
     * A finished lying period of one leg.
     *
     * @param start      first epoch index (epochs of {@link SleepConfig#epochSeconds()} from time zero)
     * @param states     per epoch: {@link #NONE}, {@link #UPRIGHT}, {@link #LYING} or {@link #OFF}
     * @param lyingFound false for the whole-recording fallback
     */
    record LegNight(long start, byte[] states, List<LegMovement> movements, boolean lyingFound) {
        long end() {
            return start + states.length;
        }

        byte state(long epoch) {
            return epoch < start || epoch >= end() ? NONE : states[(int) (epoch - start)];
        }
    }

    private final SleepConfig config;
    private final NightSplitConfig split;
    private final Leg leg;
    private final double offsetSeconds;
    private final LegMovementDetector detector;
    private final double epochSeconds;
    private final long maxNightEpochs;
    private final long joinEpochs;
    private final long gapJoinEpochs;

    private long epoch = Long.MIN_VALUE;
    private double sumAxis;
    private double sumNorm;
    private double covered;
    private int count;
    private double lastT = Double.NaN;
    private long lastStepped = Long.MIN_VALUE;
    private Period open;
    /** Every epoch of the first day, in case nothing in the recording lies; dropped after a day. */
    private Period whole;
    private LegNight bestShort;
    private final List<LegNight> nights = new ArrayList<>();
    private final ArrayDeque<LegMovement> recent = new ArrayDeque<>();
    private double firstSeconds = Double.NaN;
    private double lastSeconds = Double.NaN;
    private long movementCount;
    private boolean ended;

    /**
     * @param offsetSeconds added to every sample time: where this recording's time zero lies on the
     *                      clock shared with the other leg (epochs are on that clock)
     */
    public NightSplitter(SleepConfig config, NightSplitConfig split, Leg leg, double offsetSeconds) {
        this.config = Objects.requireNonNull(config, "config");
        this.split = Objects.requireNonNull(split, "split");
        this.leg = Objects.requireNonNull(leg, "leg");
        if (!Double.isFinite(offsetSeconds)) {
            throw new IllegalArgumentException("offsetSeconds must be finite, was " + offsetSeconds);
        }
        this.offsetSeconds = offsetSeconds;
        this.epochSeconds = config.epochSeconds();
        this.maxNightEpochs = (long) Math.ceil(split.maxNightSeconds() / epochSeconds);
        this.joinEpochs = Math.round(config.lyingJoinSeconds() / epochSeconds);
        this.gapJoinEpochs = Math.round(split.maxGapJoinSeconds() / epochSeconds);
        this.detector = new LegMovementDetector(config.detector(), new MovementListener() {
            @Override
            public void movement(double onsetSeconds, double durationSeconds, double peakG) {
                onMovement(new LegMovement(NightSplitter.this.leg, onsetSeconds, durationSeconds, peakG));
            }
        });
    }

    public Leg leg() {
        return leg;
    }

    @Override
    public void sample(double timeSeconds, double xG, double yG, double zG) {
        double t = timeSeconds + offsetSeconds;
        detector.sample(t, xG, yG, zG);
        if (!Double.isFinite(t) || !Double.isFinite(xG) || !Double.isFinite(yG) || !Double.isFinite(zG)) {
            return;
        }
        long e = (long) Math.floor(t / epochSeconds);
        if (e < epoch) {
            lastT = Double.NaN; // time went back: the detector treats it as a gap; finished epochs stay
            return;
        }
        if (e != epoch) {
            if (epoch != Long.MIN_VALUE) {
                finishEpoch();
            } else {
                whole = new Period(e); // from the first sample, so its movements are kept too
            }
            epoch = e;
            sumAxis = 0;
            sumNorm = 0;
            covered = 0;
            count = 0;
        }
        double dt = t - lastT;
        if (dt > 0 && dt <= split.maxSampleStepSeconds()) {
            covered += dt;
        }
        lastT = t;
        sumAxis += config.shankAxis() == 0 ? xG : config.shankAxis() == 1 ? yG : zG;
        sumNorm += Math.sqrt(xG * xG + yG * yG + zG * zG);
        count++;
        if (Double.isNaN(firstSeconds)) {
            firstSeconds = t;
        }
        lastSeconds = t;
    }

    @Override
    public void gap(double fromSeconds, double toSeconds) {
        detector.gap(fromSeconds + offsetSeconds, toSeconds + offsetSeconds);
        lastT = Double.NaN; // the time up to the next sample is not recorded
    }

    @Override
    public void end() {
        if (ended) {
            return;
        }
        detector.end();
        if (epoch != Long.MIN_VALUE) {
            finishEpoch();
        }
        if (open != null) {
            close();
        }
        ended = true;
    }

    /** Leg movements the detector reported over the whole recording (most are not in any night). */
    public long movementCount() {
        return movementCount;
    }

    /** Samples the detector dropped (NaN or infinite values). */
    public long rejectedSamples() {
        return detector.rejectedSamples();
    }

    /** Time of the first and last sample on the shared clock; NaN when there was none. */
    public double firstSampleSeconds() {
        return firstSeconds;
    }

    public double lastSampleSeconds() {
        return lastSeconds;
    }

    // ------------------------------------------------------------------ streaming state machine

    private void onMovement(LegMovement m) {
        movementCount++;
        if (whole != null) {
            whole.movements.add(m);
        }
        if (open != null && m.onsetSeconds() >= open.start * epochSeconds) {
            open.movements.add(m);
        } else {
            recent.add(m);
        }
    }

    private void finishEpoch() {
        byte s;
        if (count == 0 || covered < epochSeconds / 2) {
            s = NONE;
        } else {
            s = Math.abs(sumAxis / count) < config.lyingMaxAxisG() * (sumNorm / count) ? LYING : UPRIGHT;
        }
        step(epoch, s);
    }

    private void step(long e, byte s) {
        long missing = lastStepped == Long.MIN_VALUE ? 0 : Math.max(0, e - lastStepped - 1);
        lastStepped = e;
        if (whole != null) {
            long i = e - whole.start;
            if (i >= maxNightEpochs || i < 0) {
                whole = null; // longer than a day: no whole-recording fallback, and nothing kept for it
            } else {
                whole.set((int) i, s);
            }
        }
        if (open != null) {
            open.gapSince += missing + (s == NONE ? 1 : 0);
            if (open.gapSince > gapJoinEpochs || e - open.start >= maxNightEpochs) {
                close(); // a long gap ends the period; so does a day of lying (memory stays bounded)
            }
        }
        if (open != null) {
            int i = (int) (e - open.start);
            open.set(i, s);
            if (s == LYING) {
                open.lastLying = i;
                open.uprightSince = 0;
                open.gapSince = 0;
            } else if (s == UPRIGHT && ++open.uprightSince > joinEpochs) {
                close();
            }
        } else if (s == LYING) {
            open = new Period(e);
            open.set(0, s);
            open.lastLying = 0;
            double from = e * epochSeconds;
            for (LegMovement m : recent) {
                if (m.onsetSeconds() >= from) {
                    open.movements.add(m);
                }
            }
            recent.clear();
        }
        // Movements are reported when they end; keep the last few minutes' for a period about to open.
        double keepFrom = (e - 20) * epochSeconds;
        while (!recent.isEmpty() && recent.peekFirst().onsetSeconds() < keepFrom) {
            recent.pollFirst();
        }
    }

    private void close() {
        Period p = open;
        open = null;
        if (p.lastLying < 0) {
            return;
        }
        LegNight n = window(p.start, Arrays.copyOf(p.states, p.lastLying + 1), p.movements, true);
        if (n == null) {
            return;
        }
        if (n.states().length * epochSeconds >= split.minNightSeconds()) {
            nights.add(n);
        } else if (bestShort == null || n.states().length > bestShort.states().length) {
            bestShort = n;
        }
    }

    /**
     * First and last epoch of the night: lying ones when a lying period was found, else any worn
     * one; null when there is none.
     */
    private static int[] wornSpan(byte[] states, boolean lyingFound) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < states.length; i++) {
            if (lyingFound ? states[i] == LYING : states[i] == LYING || states[i] == UPRIGHT) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        return first < 0 ? null : new int[] {first, last};
    }

    /**
     * Marks still stretches as off the ankle, then trims the period to its first and last worn
     * lying epoch; null when nothing worn is left.
     */
    private LegNight window(long start, byte[] states, List<LegMovement> movements, boolean lyingFound) {
        markOffAnkle(start, states, movements);
        int[] span = wornSpan(states, lyingFound);
        if (span == null) {
            return null;
        }
        int first = span[0];
        int last = span[1];
        long s = start + first;
        byte[] kept = Arrays.copyOfRange(states, first, last + 1);
        return new LegNight(s, kept, inWindow(movements, s * epochSeconds, (s + kept.length) * epochSeconds), lyingFound);
    }

    private void markOffAnkle(long start, byte[] states, List<LegMovement> movements) {
        long still = Math.round(split.offAnkleStillSeconds() / epochSeconds);
        if (still <= 0) {
            return;
        }
        boolean[] moved = new boolean[states.length];
        for (LegMovement m : movements) {
            long e0 = Math.max(start, (long) Math.floor(m.onsetSeconds() / epochSeconds));
            long e1 = Math.min(start + states.length - 1, (long) Math.floor(m.offsetSeconds() / epochSeconds));
            for (long e = e0; e <= e1; e++) {
                moved[(int) (e - start)] = true;
            }
        }
        int i = 0;
        while (i < states.length) {
            if (states[i] == NONE || moved[i]) {
                i++;
                continue;
            }
            int from = i;
            while (i < states.length && states[i] != NONE && !moved[i]) {
                i++;
            }
            if (i - from >= still) {
                Arrays.fill(states, from, i, OFF);
            }
        }
    }

    private static List<LegMovement> inWindow(List<LegMovement> ms, double from, double to) {
        List<LegMovement> out = new ArrayList<>();
        for (LegMovement m : ms) {
            if (m.onsetSeconds() >= from && m.onsetSeconds() < to) {
                out.add(m);
            }
        }
        return out;
    }

    /** This leg's nights; if none, its longest shorter lying period; if none, the first day whole. */
    private List<LegNight> candidates() {
        if (!ended) {
            throw new IllegalStateException("call end() after the last sample before asking for nights");
        }
        if (!nights.isEmpty()) {
            return nights;
        }
        if (bestShort != null) {
            return List.of(bestShort);
        }
        if (whole != null && whole.length > 0) {
            LegNight w = window(whole.start, Arrays.copyOf(whole.states, whole.length), whole.movements, false);
            return w == null ? List.of() : List.of(w);
        }
        return List.of();
    }

    private boolean onlyShort() {
        return nights.isEmpty();
    }

    // ------------------------------------------------------------------ nights of one or two legs

    /**
     * The nights of one or two legs (at most one splitter per leg, each after {@code end()}), in
     * time order. With two legs a night is where both shanks lie (the overlap of each leg's lying
     * period), its epochs are recorded where both legs were, and an epoch's activity is the busier
     * leg's. A lying period seen on one leg only is scored from that leg when the other leg has no
     * samples then, and left out otherwise. With no lying period of a night's length, the longest
     * shorter one is the only night ({@link ActigraphySleep#shorterThanNight()}); with no lying at
     * all, a recording of at most a day is taken whole ({@code lyingFound} false), a longer one has
     * no night.
     */
    public static List<ActigraphySleep> nights(List<NightSplitter> legs) {
        if (legs.isEmpty() || legs.size() > 2 || (legs.size() == 2 && legs.get(0).leg == legs.get(1).leg)) {
            throw new IllegalArgumentException("give one splitter per leg, one or two legs");
        }
        NightSplitter a = legs.get(0);
        List<ActigraphySleep> out = new ArrayList<>();
        if (legs.size() == 1) {
            for (LegNight n : a.candidates()) {
                out.add(score(a.config, n.start(), n.states(), List.of(n.movements()), n.lyingFound(), a.onlyShort()));
            }
            return out;
        }
        NightSplitter b = legs.get(1);
        if (a.config.epochSeconds() != b.config.epochSeconds()) {
            throw new IllegalArgumentException("both legs need the same epoch length");
        }
        List<LegNight> na = a.candidates();
        List<LegNight> nb = b.candidates();
        boolean[] pairedB = new boolean[nb.size()];
        for (LegNight x : na) {
            boolean paired = false;
            for (int j = 0; j < nb.size(); j++) {
                LegNight y = nb.get(j);
                if (x.start() < y.end() && y.start() < x.end()) {
                    paired = true;
                    pairedB[j] = true;
                    ActigraphySleep s = both(a.config, x, y, a.onlyShort() && b.onlyShort());
                    if (s != null) {
                        out.add(s);
                    }
                }
            }
            if (!paired && !b.recordedDuring(x)) {
                out.add(score(a.config, x.start(), x.states(), List.of(x.movements()), x.lyingFound(), a.onlyShort()));
            }
        }
        for (int j = 0; j < nb.size(); j++) {
            if (!pairedB[j] && !a.recordedDuring(nb.get(j))) {
                LegNight y = nb.get(j);
                out.add(score(b.config, y.start(), y.states(), List.of(y.movements()), y.lyingFound(), b.onlyShort()));
            }
        }
        out.sort(Comparator.comparingDouble(ActigraphySleep::lightsOffSeconds));
        return out;
    }

    private boolean recordedDuring(LegNight n) {
        return !Double.isNaN(firstSeconds) && firstSeconds < n.end() * epochSeconds
                && lastSeconds >= n.start() * epochSeconds;
    }

    /** Where both shanks lie: the overlap, with an epoch recorded only where both legs were. */
    private static ActigraphySleep both(SleepConfig config, LegNight x, LegNight y, boolean shorter) {
        long from = Math.max(x.start(), y.start());
        long to = Math.min(x.end(), y.end());
        boolean lyingFound = x.lyingFound() && y.lyingFound();
        byte[] states = new byte[(int) (to - from)];
        for (long e = from; e < to; e++) {
            byte sx = x.state(e);
            byte sy = y.state(e);
            byte s;
            if (sx == OFF || sy == OFF) {
                s = OFF;
            } else if (sx == NONE || sy == NONE) {
                s = NONE;
            } else if (sx == LYING && sy == LYING) {
                s = LYING;
            } else {
                s = UPRIGHT;
            }
            states[(int) (e - from)] = s;
        }
        int[] span = wornSpan(states, lyingFound);
        if (span == null) {
            return null;
        }
        int first = span[0];
        int last = span[1];
        long s = from + first;
        byte[] kept = Arrays.copyOfRange(states, first, last + 1);
        double ep = config.epochSeconds();
        return score(config, s, kept, List.of(inWindow(x.movements(), s * ep, (s + kept.length) * ep),
                inWindow(y.movements(), s * ep, (s + kept.length) * ep)), lyingFound, shorter);
    }

    /**
     * Sleep/wake inside one night: per recorded epoch, seconds of non-periodic movement (the busier
     * leg's), Cole–Kripke weighted over the recorded epochs around it, thresholded, then Webster's
     * rescoring. Epochs not recorded or off the ankle get no stage and are not time in bed.
     */
    static ActigraphySleep score(SleepConfig config, long start, byte[] states, List<List<LegMovement>> perLeg,
                                 boolean lyingFound, boolean shorterThanNight) {
        double ep = config.epochSeconds();
        int n = states.length;
        double[] active = new double[n];
        List<LegMovement> all = new ArrayList<>();
        for (List<LegMovement> ms : perLeg) {
            double[] a = activity(config, start, n, ms);
            for (int i = 0; i < n; i++) {
                active[i] = Math.max(active[i], a[i]);
            }
            all.addAll(ms);
        }
        all.sort(Comparator.comparingDouble(LegMovement::onsetSeconds));
        int[] idx = new int[n];
        int m = 0;
        int off = 0;
        for (int i = 0; i < n; i++) {
            if (states[i] == LYING || states[i] == UPRIGHT) {
                idx[m++] = i;
            } else if (states[i] == OFF) {
                off++;
            }
        }
        boolean[] wake = new boolean[m];
        for (int k = 0; k < m; k++) {
            double s = 0;
            for (int w = 0; w < SleepConfig.WEIGHTS.length; w++) {
                int e = idx[k] + w - SleepConfig.WEIGHTS_BEFORE;
                if (e >= 0 && e < n && (states[e] == LYING || states[e] == UPRIGHT)) {
                    s += SleepConfig.WEIGHTS[w] * active[e];
                }
            }
            wake[k] = s > config.wakeThresholdSeconds();
        }
        ActigraphySleepEstimator.rescore(wake, config);
        List<Epoch> epochs = new ArrayList<>(m);
        for (int k = 0; k < m; k++) {
            epochs.add(new Epoch((start + idx[k]) * ep, ep, wake[k] ? Stage.WAKE : Stage.SLEEP));
        }
        return new ActigraphySleep(start * ep, (start + n) * ep, new Hypnogram(epochs), all, lyingFound,
                (n - m) * ep, off * ep, shorterThanNight && lyingFound);
    }

    /** Seconds of each epoch covered by movement, leaving out PLM-like series (one leg). */
    private static double[] activity(SleepConfig config, long start, int epochs, List<LegMovement> sortedByOnset) {
        double ep = config.epochSeconds();
        double[] active = new double[epochs];
        List<LegMovement> pooled = ActigraphySleepEstimator.pool(sortedByOnset);
        boolean[] periodic = config.discountPeriodic() ? ActigraphySleepEstimator.periodic(pooled)
                : new boolean[pooled.size()];
        for (int k = 0; k < pooled.size(); k++) {
            if (periodic[k]) {
                continue;
            }
            LegMovement mv = pooled.get(k);
            long e0 = Math.max(start, (long) Math.floor(mv.onsetSeconds() / ep));
            long e1 = Math.min(start + epochs - 1, (long) Math.floor(mv.offsetSeconds() / ep));
            for (long e = e0; e <= e1; e++) {
                double overlap = Math.min(mv.offsetSeconds(), (e + 1) * ep) - Math.max(mv.onsetSeconds(), e * ep);
                active[(int) (e - start)] += Math.max(0, overlap);
            }
        }
        return active;
    }
}
