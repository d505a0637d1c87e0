package org.plmwatch.core.detect;

import java.util.Arrays;
import java.util.Objects;
import org.plmwatch.core.accel.AccelSink;

/**
 * Streaming leg-movement detector for one ankle accelerometer.
 *
 * <p>Signal path, per sample: Butterworth low-pass per axis; gravity baseline (slow average of the
 * filtered vector, frozen inside movements); a fast measure d = |a − baseline| and a slow one (the
 * same after a further 0.25-s average) for tiny movements. Each is thresholded at a factor × its
 * running 20th-percentile noise floor, never below a floor from the chip's count and noise. Edges
 * are dated on a fraction of the movement's own amplitude (on the raw samples when it stands well
 * above their noise, on a centred average of the filtered samples when it is weak), with the
 * filter's group delay taken back. A foot at rest in another
 * orientation is either held (it comes back: one movement) or settled (it moves on from there, or
 * stays 30 s: the movement ended where it became still, and that orientation is the baseline).
 * A movement is reported 0.4 s after it ended, unless the next one starts sooner and continues it.
 * See docs/DETECTION.md.
 *
 * <p>Time comes only from the sample timestamps. After construction nothing is allocated except
 * once, when the sample rate is known (sample rings and the warm-up buffer). Not thread-safe: feed
 * it from one thread.
 */
public final class LegMovementDetector implements AccelSink {

    private static final int RATE_INTERVALS = 16;
    private static final double MIN_NOISE_G = 1e-6;
    /** Steps below this (1 µg) are float rounding, not a count of the chip. */
    private static final double MIN_COUNT_G = 1e-6;
    private static final int COUNT_LEARN_SAMPLES = 1 << 16;
    /**
     * The floors follow the noise with a 20-s time constant: learning from every 4th sample (with
     * 4 samples' step) tracks the same percentile and spares the sample path three quarters of it.
     */
    private static final int NOISE_STRIDE = 4;
    /** Baseline time constant during warm-up and after a gap: averages out the first samples. */
    private static final double SETTLE_BASELINE_SECONDS = 0.25;
    private static final double SETTLE_AFTER_GAP_SECONDS = 0.5;
    /**
     * While the noise floor is still unknown (warm-up, or just after a gap) only a movement at
     * least this strong may start: 150 mg is 7× the onset floor and far above any MEMS noise, so
     * it is a movement whatever the floor turns out to be. Without it a burst in the first two
     * seconds of a recording is lost (the real 8 Hz ankle file starts with one).
     */
    private static final double SETTLE_ONSET_G = 0.15;
    /**
     * The noise floor is this percentile of d. For three-axis Gaussian noise of σ per axis, d is
     * Maxwell-distributed and its 20th percentile is about 1.0 σ.
     */
    private static final double QUIET_QUANTILE = 0.2;
    private static final double RECENT_PEAK_SECONDS = 0.25;
    /**
     * A strong movement's end is dated where d fell to this fraction of its last amplitude: the
     * 6-Hz Butterworth's tail decays with a 37-ms time constant, so from 5 % it is ≈ 0.05 s to
     * the input's end, which the group-delay correction takes back.
     */
    private static final double END_FRACTION = 0.05;
    private static final double ONSET_REFINE_SECONDS = 0.25;
    /**
     * WASM 2016 rule 1 makes movements less than 0.5 s apart one; the scorer applies it. The
     * detector joins only below 0.4 s of dated gap, so that a true gap a little over 0.5 s, whose
     * edges carry the dating error, stays a gap (docs/DETECTION.md, step 10).
     */
    private static final double MERGE_GAP_SECONDS = 0.4;
    /** An edge moves out along the secant from twice its level by at most this (step 7). */
    public static final double MAX_EXTRAPOLATION_SECONDS = 0.1;
    /** A fast start under this × the onset threshold needs the slow measure at its offset level. */
    private static final double CONFIRM_FACTOR = 2;
    /**
     * The foot counts as still when the filtered signal varied less than the offset threshold over
     * this window: half a second, the shortest pause WASM 2016 rule 1 separates movements by.
     */
    private static final double STILL_WINDOW_SECONDS = 0.5;
    /**
     * A weak movement (one the slow measure found, or one whose filtered dating level, the edge
     * level near the noise, is at least this share of its amplitude) is dated on a centred average
     * of the remembered filtered samples instead. The slow measure is a one-pole average: it
     * crosses a fixed level early on the rise and late in the tail of the fall, by an amount that
     * depends on the movement's amplitude (ln 2 × 0.25 s only at twice the level), so tiny
     * movements came out up to 0.3 s too long or too short. And on the filtered signal a level
     * this close to the amplitude is crossed wherever the noise (3 mg, 7.8 mg counts on the
     * ADXL345) happens to take it. A centred average has no lag and no tail: its edges are those
     * of the movement, rounded symmetrically by half the window.
     */
    private static final double NOISY_EDGE_SHARE = 0.2;
    /**
     * The centred average spans this long: about the rise of a leg movement (0.1–0.3 s), where the
     * timing error noise / slope is smallest (a longer window lowers the noise as 1/√W but
     * flattens the slope as 1/(rise + W)).
     */
    private static final double SMOOTH_SECONDS = 0.2;
    /** ... its edges are dated at this fraction of the movement's amplitude in it ... */
    private static final double SMOOTH_FRACTION = 1.0 / 3;
    /**
     * ... and at least this × its noise (σ per axis). A weak end is searched back over about
     * 0.65 s after it (the quiet hold and the slow measure's lag), about three independent
     * windows: the noise's distance (Maxwell) passes 3.5 σ 0.7 % of the time, so ≈ 2 % of ends
     * are dated late by a noise bump (3 σ: 2.9 %, ≈ 9 % of ends; on the ADXL345 every row's
     * median duration error was 0.003–0.011 s larger).
     */
    private static final double SMOOTH_NOISE_FACTOR = 3.5;
    /**
     * The amplitude a weak edge is dated on is the average's peak over this long inside the
     * movement from the edge's foot (where the average leaves its noise): the rise or fall itself
     * (0.1–0.3 s) and half the window. The peak of the whole movement would not do: a shake whose
     * magnitude is modulated may end at a fraction of its peak, and its end would be dated early.
     */
    private static final double SMOOTH_AMPLITUDE_SECONDS = 0.3;

    /** Raw-sample dating: this fraction of the amplitude, when it is ≥ the margin × the raw noise. */
    private static final double RAW_FRACTION = 0.02;
    private static final double RAW_NOISE_MARGIN = 4;
    /** ... and only when that noise level is at most this fraction of the amplitude. */
    private static final double RAW_MAX_FRACTION = 0.2;
    /**
     * The raw samples are averaged, centred, over ±this (3 samples at 50 Hz, 5 at 100 Hz) before a
     * strong movement's start and end are dated on them: the average's noise is √(2h + 1) times
     * smaller, so the dating level sits lower on the movement's rounded foot, where the secant's
     * inside bias is smaller, and a centred average has no lag. On SHORT_GAP ADXL345 50-Hz nights
     * the medians of 0.2-0.4 g movements went from +0.015 s (onset) and -0.014 s (end) to +0.005
     * and -0.002 s. Not at 25 Hz and below (h = 0), where the smallest average, 3 samples, spans
     * ±0.04 s: that wide an average rounded held tilts' steep edges (median durations of held rows
     * 0.034 -> 0.05-0.08 s).
     */
    private static final double RAW_AVERAGE_HALF_SECONDS = 0.02;
    /**
     * A strong start is the start of the run of samples above its level, and a shake that passes
     * near zero early in its rise broke that run: the start was dated after the dip, 0.1-0.37 s
     * late, and a 0.5-s movement fell under WASM's 0.5 s. The run bridges dips this long when the
     * samples before the dip are the movement and not noise: on the raw samples (noise independent
     * from one to the next, the level >= 4 x it) two of them at the level; on the filtered ones
     * (noise correlated, two over the level are common) a climb to twice the level. Bridging the
     * filtered samples on two alone dated starts early (measured in docs/DETECTION.md).
     */
    private static final double DIP_BRIDGE_SECONDS = 0.1;

    private final DetectorConfig config;
    private final MovementListener listener;

    // Rate estimate: the first samples wait here until the rate (and so the filters) is known.
    private final double[] bufT = new double[RATE_INTERVALS + 1];
    private final double[] bufX = new double[RATE_INTERVALS + 1];
    private final double[] bufY = new double[RATE_INTERVALS + 1];
    private final double[] bufZ = new double[RATE_INTERVALS + 1];
    private final double[] scratch = new double[RATE_INTERVALS];
    private int bufN;
    private double rateHz;
    private double gapThresholdSeconds;

    private final Biquad fx = new Biquad();
    private final Biquad fy = new Biquad();
    private final Biquad fz = new Biquad();

    // Recent filtered samples, to find where a movement ended when a posture change is recognised.
    private double[] ringT;
    private double[] ringX;
    private double[] ringY;
    private double[] ringZ;
    // The same samples unfiltered: a strong movement's edges are dated on them (no filter tail).
    private double[] rawX;
    private double[] rawY;
    private double[] rawZ;
    // Centred averages of the filtered ring (weak edges), computed per movement, not per sample.
    private double[] smX;
    private double[] smY;
    private double[] smZ;
    private int smoothHalf;
    // The raw samples averaged over ±rawHalf samples (averageRaw()), per movement, not per sample.
    private double[] avgX;
    private double[] avgY;
    private double[] avgZ;
    private int rawHalf;
    /** Noise of the centred average / of the filtered signal (per axis). */
    private double smoothNoiseRatio = 1;
    /** Raw per-axis noise / filtered: √(Nyquist / noise bandwidth of the low-pass). */
    private double rawNoiseRatio = 1;
    // Current thresholds (updateThresholds()).
    private double onT;
    private double offT;
    private double edgeT;
    private double onST;
    /** exp(−period / 0.25 s): the peak hold's decay per nominal sample (jitter does not matter). */
    private double peakDecayPerSample;
    private double lastRawX;
    private double lastRawY;
    private double lastRawZ;
    private double countG = Double.POSITIVE_INFINITY;
    private double countSixth;
    private int countSamples;
    /** Noise floors learn on every NOISE_STRIDE-th quiet sample, with that many samples' step. */
    private int noiseTick;
    private double resolutionShiftG;
    /** The low-pass is applied (false at rates where 6 Hz is near Nyquist). */
    private boolean filtered;
    /** White noise after the slow average / after the low-pass alone (per axis). */
    private double slowNoiseRatio = 1;
    private int ringHead;
    private int ringSize;

    private double baseX;
    private double baseY;
    private double baseZ;
    private double fastX;
    private double fastY;
    private double fastZ;

    private double firstT = Double.NaN;
    private double prevT = Double.NaN;
    private double prevD;
    private double prevDs;
    private double settleUntil;
    /** Group delay of the low-pass, s: every edge is dated this much earlier. */
    private double delaySeconds;
    /** The slow measure crosses half a step's height about this late. */
    private double weakLagSeconds;

    // Running sums of the filtered signal over the last quietHold of samples (stillness test).
    private int windowSize;
    private int windowCount;
    private double winX;
    private double winY;
    private double winZ;
    private double winSq;

    private boolean noiseStarted;
    private double[] warmupD = new double[0];
    private double[] warmupS = new double[0];
    private int warmupCount;
    private double quietG;
    private double quietS;

    private boolean moving;
    /** The movement reached the fast onset threshold (else only the slow one: a tiny movement). */
    private boolean strong;
    private double onsetT;
    private double peakG;
    private double aboveSince = Double.NaN;
    private double aboveSinceS = Double.NaN;
    private double belowSince = Double.NaN;
    /**
     * Where a strong movement first fell below its offset threshold, kept while d stays under the
     * onset threshold: its end is dated from there. The tail of a movement (the filter's overshoot,
     * a last wobble of the foot) may graze the offset threshold again for a few samples; that
     * restarts the quiet hold, but it is no movement (it could not start one), and dating the end
     * after it moved the end up to 0.5 s late, which joined the next movement of a true 0.5-0.7 s
     * gap.
     */
    private double quietSince = Double.NaN;
    private double edgeEnd = Double.NaN;
    private double endLevel;
    /** Last time d fell through twice the offset threshold (the slope of a strong end near the noise). */
    private double fall2T = Double.NEGATIVE_INFINITY;
    /** fall2T as it was when quietSince was set: the fall that led to it, not a later wobble. */
    private double quietFall2T = Double.NEGATIVE_INFINITY;
    private boolean hasHeld;
    private double heldOnset;
    private double heldOffset;
    private double heldPeak;
    private double recentPeakAtEnd;
    /** The onset was dated on the filtered signal (so it moves back by the filter's delay). */
    private boolean onsetDelayed = true;
    private boolean onsetRefined;
    /** Peak of d with a 0.25-s decay: the amplitude the movement had as it ended. */
    private double recentPeak;

    // The foot rests in another orientation inside a movement: held (it will return) or settled.
    private boolean pending;
    /** A movement started whose join with the held one waits for its refined onset. */
    private boolean joinUndecided;
    private double restX;
    private double restY;
    private double restZ;
    /** Where the foot became still: the movement's end if it turns out to have settled. */
    private double restEndT;
    private double peakA;
    private boolean departed;
    private double departSince = Double.NaN;
    private double departT;
    private double peakB;
    private double prevDRest;
    /**
     * How far the foot's own motion at the rest can take the slow measure from the rest without
     * leaving it: twice the swing (2√2 × rms) of what the stillness window held beyond the noise
     * when the rest was taken. See enterPending().
     */
    private double restSwing;
    /**
     * The restSwing of the rest that became the baseline at a settle: that rest is the mean of a
     * window in which the foot may still have moved (a settling foot's shake goes on after the
     * tilt), so the baseline can lie a few mg from where the foot ends up, and the slow measure
     * alone then reached a weak start 0.5-1.5 s after the settle and reported the offset as a
     * 10-16 mg "movement" lasting up to 16 s (ADXL345, 25 Hz). A weak start must go beyond it. It
     * shrinks as the baseline follows the foot, by the baseline's own factor.
     */
    private double baseSwing;
    /** The stillness window counts only once it lies entirely after this time. */
    private double windowStartT;
    /**
     * The slow measure may start a movement only after it has been below its offset threshold
     * since the last movement: its average still decays from that movement for a while.
     */
    private boolean weakArmed;

    private long movementCount;
    private long gapCount;
    private long rejectedSamples;

    public LegMovementDetector(DetectorConfig config, MovementListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        updateThresholds();
        if (config.nominalRateHz() > 0) {
            useRate(config.nominalRateHz());
        }
    }

    public LegMovementDetector(MovementListener listener) {
        this(DetectorConfig.DEFAULTS, listener);
    }

    @Override
    public void sample(double timeSeconds, double xG, double yG, double zG) {
        if (!Double.isFinite(timeSeconds) || !Double.isFinite(xG) || !Double.isFinite(yG) || !Double.isFinite(zG)) {
            // One NaN would poison every filter for the rest of the night: drop the sample, count it.
            rejectedSamples++;
            return;
        }
        if (rateHz > 0) {
            process(timeSeconds, xG, yG, zG);
            return;
        }
        bufT[bufN] = timeSeconds;
        bufX[bufN] = xG;
        bufY[bufN] = yG;
        bufZ[bufN] = zG;
        bufN++;
        if (bufN == bufT.length) {
            flushRateBuffer();
        }
    }

    @Override
    public void gap(double fromSeconds, double toSeconds) {
        if (rateHz == 0) {
            flushRateBuffer();
        }
        if (Double.isNaN(prevT)) {
            listener.gap(fromSeconds, toSeconds);
            gapCount++;
            return;
        }
        breakAt(Math.min(prevT, fromSeconds), fromSeconds, toSeconds);
    }

    @Override
    public void end() {
        if (rateHz == 0) {
            flushRateBuffer();
        }
        if (moving) {
            if (pending) {
                finish(restEndT, peakA, true);
            } else if (Double.isNaN(belowSince)) {
                finish(prevT, peakG, false);
            } else {
                finish(belowSince, peakG, true);
            }
        }
        flushHeld();
        prevT = Double.NaN;
    }

    /** The sample rate in use (estimated or configured), 0 while still estimating. */
    public double sampleRateHz() {
        return rateHz;
    }

    /** Current onset threshold, g (follows the noise floor). */
    public double onsetThresholdG() {
        return onT;
    }

    /** Current offset threshold, g. */
    public double offsetThresholdG() {
        return offT;
    }

    /** Current onset threshold of the slow measure (tiny movements), g. */
    public double weakOnsetThresholdG() {
        return onST;
    }

    /**
     * Recomputes the thresholds from the noise floors (called whenever a floor or the count size
     * changes; the sample path only reads the fields).
     */
    private void updateThresholds() {
        double res = resolutionFloorG();
        double onFloor = config.onsetFloorG() > 2 * res ? config.onsetFloorG() : 2 * res;
        double kOn = config.onsetNoiseFactor() * quietG;
        onT = kOn > onFloor ? kOn : onFloor;
        double offFloor = config.offsetFloorG() > res ? config.offsetFloorG() : res;
        double kOff = config.offsetNoiseFactor() * quietG;
        offT = kOff > offFloor ? kOff : offFloor;
        double kEdge = config.edgeNoiseFactor() * quietG;
        edgeT = kEdge < offT ? kEdge : offT;
        // The slow floor is measured, but never taken below what white noise at the fast floor
        // would give after the slow average: a floor learnt too low (warm-up, quantisation) would
        // otherwise let noise through.
        double slow = quietS > slowNoiseRatio * quietG ? quietS : slowNoiseRatio * quietG;
        double weakFloor = config.weakOnsetFloorG() > 2 * res ? config.weakOnsetFloorG() : 2 * res;
        double kWeak = config.weakOnsetNoiseFactor() * slow;
        onST = kWeak > weakFloor ? kWeak : weakFloor;
    }

    public long movementCount() {
        return movementCount;
    }

    public long gapCount() {
        return gapCount;
    }

    /** Samples dropped because their time or acceleration was NaN or infinite. */
    public long rejectedSamples() {
        return rejectedSamples;
    }

    // ---------------------------------------------------------------------------------------

    /** Estimates the rate from the buffered samples (median interval), then replays them. */
    private void flushRateBuffer() {
        int intervals = 0;
        for (int i = 1; i < bufN; i++) {
            double dt = bufT[i] - bufT[i - 1];
            if (dt > 0) {
                scratch[intervals++] = dt;
            }
        }
        if (intervals == 0) {
            // Zero or one usable sample cannot hold a movement: drop it, estimate again later.
            bufN = 0;
            return;
        }
        Arrays.sort(scratch, 0, intervals);
        double median = intervals % 2 == 1 ? scratch[intervals / 2]
                : 0.5 * (scratch[intervals / 2 - 1] + scratch[intervals / 2]);
        useRate(Math.min(2000, Math.max(4, 1 / median)));
        int n = bufN;
        bufN = 0;
        for (int i = 0; i < n; i++) {
            process(bufT[i], bufX[i], bufY[i], bufZ[i]);
        }
    }

    private void useRate(double hz) {
        rateHz = hz;
        filtered = config.lowPassHz() < 0.35 * hz;
        if (filtered) {
            fx.design(config.lowPassHz(), hz);
            fy.design(config.lowPassHz(), hz);
            fz.design(config.lowPassHz(), hz);
            delaySeconds = fx.groupDelaySamples() / hz;
            // A 2nd-order Butterworth passes white noise over ≈ 1.11 × its cut-off.
            rawNoiseRatio = Math.sqrt(hz / 2 / (1.11 * config.lowPassHz()));
        } else {
            delaySeconds = 0;
            rawNoiseRatio = 1;
            // At low rates the sensor's own bandwidth (half its output rate) is already below the
            // cut-off, and a filter near Nyquist would only add a decay tail to strong movements.
            fx.passThrough();
            fy.passThrough();
            fz.passThrough();
        }
        gapThresholdSeconds = Math.max(config.gapFactor() / hz, config.minGapSeconds());
        weakLagSeconds = Math.log(2) * config.stillnessSeconds();
        peakDecayPerSample = Math.exp(-1 / (hz * RECENT_PEAK_SECONDS));
        updateThresholds();
        // One-pole average of time constant τ passes white noise over 1/(4τ) Hz; the low-pass over
        // 1.11 × its cut-off (or the whole band up to Nyquist when it is not applied).
        double lowPassBand = config.lowPassHz() < 0.35 * hz ? 1.11 * config.lowPassHz() : hz / 2;
        slowNoiseRatio = Math.min(1, Math.sqrt(1 / (4 * config.stillnessSeconds()) / lowPassBand));
        windowSize = Math.max(3, (int) Math.round(STILL_WINDOW_SECONDS * hz));
        // The stillness window, plus room to look back to where the foot became still; twice the
        // nominal count leaves room for jittered, denser timestamps.
        int capacity = (int) Math.ceil((Math.max(config.quietHoldSeconds(), STILL_WINDOW_SECONDS) + 2) * hz * 2)
                + windowSize + 8;
        ringT = new double[capacity];
        ringX = new double[capacity];
        ringY = new double[capacity];
        ringZ = new double[capacity];
        rawX = new double[capacity];
        rawY = new double[capacity];
        rawZ = new double[capacity];
        smX = new double[capacity];
        smY = new double[capacity];
        smZ = new double[capacity];
        avgX = new double[capacity];
        avgY = new double[capacity];
        avgZ = new double[capacity];
        // Never wider than SMOOTH_SECONDS: at 25 Hz rounding up would make it 7 samples, 0.28 s, and
        // its wider rounding of the edges put weak movements' ends 0.04 s late.
        smoothHalf = Math.max(1, (int) Math.floor(SMOOTH_SECONDS * hz / 2));
        rawHalf = rawAverageHalf(hz);
        // A boxcar of W passes white noise over 1/(2W) Hz.
        smoothNoiseRatio = Math.min(1, Math.sqrt(1 / (2 * (2 * smoothHalf + 1) / hz) / lowPassBand));
        ringHead = 0;
        ringSize = 0;
        warmupD = new double[(int) Math.ceil(config.warmupSeconds() * hz * 2) + 8];
        warmupS = new double[warmupD.length];
    }

    private void process(double t, double x, double y, double z) {
        if (Double.isNaN(prevT)) {
            restart(t, x, y, z);
            return;
        }
        double dt = t - prevT;
        if (dt < 0 || dt > gapThresholdSeconds) {
            // Missing samples, or time running backwards: either way the signal is not continuous.
            breakAt(prevT, prevT, t);
            restart(t, x, y, z);
            return;
        }
        if (countSamples < COUNT_LEARN_SAMPLES) {
            // A count shows in the first minutes (any axis that flips by one); later steps only
            // repeat it, so the search stops and costs nothing on the sample path.
            countSamples++;
            learnCount(x - lastRawX);
            learnCount(y - lastRawY);
            learnCount(z - lastRawZ);
            lastRawX = x;
            lastRawY = y;
            lastRawZ = z;
        }
        double lx = fx.filter(x);
        double ly = fy.filter(y);
        double lz = fz.filter(z);
        double aFast = dt / (config.stillnessSeconds() + dt);
        fastX += aFast * (lx - fastX);
        fastY += aFast * (ly - fastY);
        fastZ += aFast * (lz - fastZ);
        remember(t, lx, ly, lz, x, y, z);

        double ex = lx - baseX;
        double ey = ly - baseY;
        double ez = lz - baseZ;
        double d = Math.sqrt(ex * ex + ey * ey + ez * ez);
        double sx = fastX - baseX;
        double sy = fastY - baseY;
        double sz = fastZ - baseZ;
        double ds = Math.sqrt(sx * sx + sy * sy + sz * sz);
        if (!noiseStarted && t >= firstT + config.warmupSeconds()) {
            startNoise(d, ds);
        }
        if (moving && t < firstT + config.warmupSeconds() && warmupCount < warmupD.length) {
            // A movement in the warm-up still feeds the start of the noise floors: the 20th
            // percentile ignores it, and leaving it out would start them lower than on a recording
            // whose first burst came later.
            warmupD[warmupCount] = d;
            warmupS[warmupCount++] = ds;
        }
        double on = onT;
        double off = offT;
        double edge = edgeT;
        double onS = onST;
        double offS = 0.5 * onS;
        boolean settling = t < settleUntil;

        if (hasHeld && !moving
                && t - config.onsetBackdateLimitSeconds() - delaySeconds - heldOffset >= MERGE_GAP_SECONDS) {
            flushHeld();
        }
        if (!moving) {
            if (d >= edge) {
                if (Double.isNaN(aboveSince)) {
                    aboveSince = crossing(prevT, prevD, t, d, edge);
                }
            } else {
                aboveSince = Double.NaN;
            }
            if (ds >= offS) {
                if (Double.isNaN(aboveSinceS)) {
                    aboveSinceS = crossing(prevT, prevDs, t, ds, offS);
                }
            } else {
                aboveSinceS = Double.NaN;
                weakArmed = true;
            }
            // Near the floor, a single sample of noise on top of a disturbance (a partner, the
            // heartbeat) can reach the onset threshold: there the slow measure must confirm it.
            boolean strongStart = d >= on && (!settling || d >= SETTLE_ONSET_G)
                    && (d >= CONFIRM_FACTOR * on || ds >= offS);
            boolean weakStart = !settling && weakArmed && ds >= Math.max(onS, baseSwing);
            if (strongStart || weakStart) {
                moving = true;
                strong = strongStart;
                if (settling) {
                    // While settling the offset threshold is only the floor, under a cheap sensor's
                    // noise, so back-dating to it would reach the first sample: date the onset where
                    // the signal crossed the strong-movement threshold instead.
                    onsetT = crossing(prevT, prevD, t, d, SETTLE_ONSET_G);
                } else if (strong) {
                    onsetT = Math.max(aboveSince, t - config.onsetBackdateLimitSeconds());
                } else {
                    // The slow measure lags its input by about ln 2 × its time constant at half height.
                    onsetT = Math.max(aboveSinceS - weakLagSeconds, t - config.onsetBackdateLimitSeconds());
                }
                peakG = d;
                recentPeak = d;
                onsetRefined = settling;
                onsetDelayed = true;
                // Whether it continues the last movement (rule 1) is decided on the refined onset,
                // 0.25 s from now: the first date is where d last rose above the edge level, which
                // the tail of a noisy chip's last movement may have grazed up to 1 s back, and
                // joining on it merged true gaps of 0.5-0.6 s.
                joinUndecided = !onsetRefined;
                if (onsetRefined) {
                    mergeWithHeld(d);
                }
                belowSince = Double.NaN;
                quietSince = Double.NaN;
                edgeEnd = Double.NaN;
                pending = false;
                windowStartT = t;
                windowCount = 0;
                winX = winY = winZ = winSq = 0;
            } else {
                double aBase = dt / ((settling ? SETTLE_BASELINE_SECONDS : config.baselineSeconds()) + dt);
                baseSwing *= 1 - aBase;
                baseX += aBase * (lx - baseX);
                baseY += aBase * (ly - baseY);
                baseZ += aBase * (lz - baseZ);
                if (t < firstT + config.warmupSeconds()) {
                    if (warmupCount < warmupD.length) {
                        warmupD[warmupCount] = d;
                        warmupS[warmupCount++] = ds;
                    }
                } else {
                    learnNoise(d, ds, dt, config.noiseSeconds());
                }
            }
        } else {
            movingSample(t, dt, lx, ly, lz, d, ds, on, off, edge, offS);
        }
        prevT = t;
        prevD = d;
        prevDs = ds;
    }

    /** One sample inside a movement: its end, a settle into a new orientation, a held tilt. */
    private void movingSample(double t, double dt, double lx, double ly, double lz, double d, double ds,
                              double on, double off, double edge, double offS) {
        if (d > peakG) {
            peakG = d;
        }
        recentPeak = Math.max(d, recentPeak * peakDecayPerSample);
        if (prevD >= 2 * off && d < 2 * off) {
            fall2T = crossing(prevT, prevD, t, d, 2 * off);
        }
        if (!onsetRefined && t - windowStartT >= ONSET_REFINE_SECONDS && smoothDated(peakG, edge)) {
            // A weak start: dated like a weak end, on the centred average (see NOISY_EDGE_SHARE).
            onsetRefined = true;
            if (!pending) {
                double from = Math.max(onsetT - 2 * SMOOTH_SECONDS, windowStartT - config.onsetBackdateLimitSeconds());
                smoothRing(from - SMOOTH_SECONDS - MAX_EXTRAPOLATION_SECONDS);
                double foot = firstRise(smoothLevel(0), from, smX, smY, smZ);
                double amplitude = smoothPeak(foot, Math.min(foot + SMOOTH_AMPLITUDE_SECONDS, ringTimeBack(smoothHalf)));
                double level = smoothLevel(amplitude);
                double rise = firstRise(level, secantUpper(level, amplitude), from, smX, smY, smZ);
                if (rise < windowStartT) {
                    onsetT = rise;
                }
            }
        }
        if (!onsetRefined && strong && t - windowStartT >= ONSET_REFINE_SECONDS) {
            // Like the end, the start is dated at a fraction of the movement's early amplitude: the
            // filtered signal reaches the noise level too early (its response to a smooth rise starts
            // gently, before its group delay), and a fraction of the amplitude at about the delay.
            onsetRefined = true;
            if (!pending) {
                if (rawLevel(peakG) > 0) {
                    double from = onsetT - delaySeconds;
                    averageRaw(from - MAX_EXTRAPOLATION_SECONDS);
                    double level = rawDatingLevel(peakG);
                    onsetT = Math.max(from, firstRise(level, 2 * level, from, true, rawHalf == 0, avgX, avgY, avgZ));
                    onsetDelayed = false;
                } else {
                    double level = Math.max(edge, END_FRACTION * peakG);
                    onsetT = Math.max(onsetT - MAX_EXTRAPOLATION_SECONDS,
                            firstRise(level, 2 * level, onsetT - MAX_EXTRAPOLATION_SECONDS, true, false,
                                    ringX, ringY, ringZ));
                }
            }
        }
        if (joinUndecided && t - windowStartT >= ONSET_REFINE_SECONDS) {
            joinUndecided = false;
            mergeWithHeld(peakG);
        }
        if (!strong && d >= on) {
            strong = true;
        }
        // 1. Back where it started: the movement ends (a held tilt that returned is one movement).
        double dev = strong ? d : ds;
        double prevDev = strong ? prevD : prevDs;
        double offM = strong ? off : offS;
        if (dev < offM) {
            if (Double.isNaN(belowSince)) {
                belowSince = crossing(prevT, prevDev, t, dev, offM);
                if (Double.isNaN(quietSince)) {
                    quietSince = belowSince;
                    quietFall2T = fall2T;
                    edgeEnd = Double.NaN;
                    // The low-pass lets a strong movement decay exponentially: date its end where it
                    // fell to a small fraction of its last amplitude, not to the noise (that is
                    // ~0.1 s later).
                    endLevel = Math.max(edge, END_FRACTION * recentPeak);
                    recentPeakAtEnd = recentPeak;
                }
            }
            if (strong && Double.isNaN(edgeEnd) && d < endLevel) {
                edgeEnd = crossing(prevT, prevD, t, d, endLevel);
            }
            if (t - belowSince >= config.quietHoldSeconds()) {
                double end;
                double smoothed = smoothDated(recentPeakAtEnd, edge) ? smoothEnd(onsetT, ringTimeBack(smoothHalf)) : Double.NaN;
                if (smoothed > onsetT) {
                    end = smoothed;
                } else if (!strong) {
                    end = belowSince - weakLagSeconds;
                } else if (rawLevel(recentPeakAtEnd) > 0) {
                    // Only up to where the filtered signal fell quiet: later raw samples are noise.
                    averageRaw(onsetT);
                    end = lastDeparture(baseX, baseY, baseZ, rawDatingLevel(recentPeakAtEnd), onsetT, quietSince,
                            avgX, avgY, avgZ);
                    finishRaw(end, peakG);
                    return;
                } else if (endLevel > offM) {
                    end = Math.min(quietSince, lastDeparture(baseX, baseY, baseZ, endLevel, onsetT, quietSince,
                            ringX, ringY, ringZ));
                } else {
                    if (endLevel == edge) {
                        // 5 % of the amplitude lies under the edge level, near the noise: the first
                        // crossing of that level is wherever the noise lets d fall through it, up to
                        // 0.35 s late on the ADXL345 (3 mg noise, 7.8 mg counts), and such ends joined
                        // true 0.5-0.6 s gaps. The offset crossing lies above the noise: date the end
                        // there, extended to nothing along the fall from twice the offset, as
                        // tailBeyond() does at its level (the fall from 2 × edge, only a little above
                        // the offset, gave a noisy slope times up to 4, and ends up to 0.12 s late).
                        end = quietSince;
                        if (quietFall2T <= quietSince) {
                            end += Math.min(MAX_EXTRAPOLATION_SECONDS, quietSince - quietFall2T);
                        }
                    } else {
                        end = Double.isNaN(edgeEnd) ? quietSince : edgeEnd;
                    }
                }
                finish(end, peakG, true);
                return;
            }
        } else {
            belowSince = Double.NaN;
            if (!strong || d >= on) {
                quietSince = Double.NaN;
            }
        }
        // 2. Still somewhere else: a settle (ends where the foot became still) or a held tilt.
        // The window must lie after the last start (of the movement, or of leaving a rest), or the
        // quiet samples before it would pass for a foot at rest.
        boolean still = windowCount >= windowSize && t - windowStartT >= STILL_WINDOW_SECONDS
                && windowVariance() < off * off;
        if (!pending) {
            if (still && Double.isNaN(belowSince)) {
                double mx = winX / windowCount;
                double my = winY / windowCount;
                double mz = winZ / windowCount;
                if (distance(mx - baseX, my - baseY, mz - baseZ) >= offM) {
                    enterPending(mx, my, mz, offM);
                }
            }
        } else {
            double px = lx - restX;
            double py = ly - restY;
            double pz = lz - restZ;
            double dRest = Math.sqrt(px * px + py * py + pz * pz);
            if (!departed) {
                if (dRest >= edge) {
                    if (Double.isNaN(departSince)) {
                        departSince = crossing(prevT, prevDRest, t, dRest, edge);
                    }
                } else {
                    departSince = Double.NaN;
                }
                // Near the threshold the slow measure (from the rest) must confirm a departure, and
                // more firmly than a start from the baseline: the rest is the mean of half a
                // second taken at any phase of breathing, so breathing alone moves the foot up to
                // twice its swing from it, where the baseline sits in the middle of the swing.
                if (dRest >= on && (dRest >= CONFIRM_FACTOR * on
                        || distance(fastX - restX, fastY - restY, fastZ - restZ) >= Math.max(onST, restSwing))) {
                    departed = true;
                    departT = Math.max(departSince, t - config.onsetBackdateLimitSeconds());
                    peakB = dRest;
                    windowStartT = t;
                } else if (still) {
                    // Follow a slow drift of the resting orientation.
                    double a = dt / (config.baselineSeconds() + dt);
                    restX += a * (lx - restX);
                    restY += a * (ly - restY);
                    restZ += a * (lz - restZ);
                }
                if (t - restEndT > config.maxHoldSeconds()) {
                    // Settled: the movement ended where the foot became still.
                    // The rest has followed the still foot for maxHoldSeconds: no doubt left in it.
                    settleAt(restX, restY, restZ, 0);
                    finish(restEndT, peakA, true);
                    prevDRest = dRest;
                    return;
                }
            } else {
                if (dRest > peakB) {
                    peakB = dRest;
                }
                if (still) {
                    double mx = winX / windowCount;
                    double my = winY / windowCount;
                    double mz = winZ / windowCount;
                    if (distance(mx - baseX, my - baseY, mz - baseZ) >= offM
                            && departT - restEndT < MERGE_GAP_SECONDS) {
                        // It left the rest almost as soon as it got there: no pause that WASM rule 1
                        // would keep (a weak shake over a held tilt rises above the onset now and
                        // then). Still the same movement, now resting here.
                        peakG = Math.max(peakG, peakB);
                        enterPending(mx, my, mz, offM);
                    } else if (distance(mx - baseX, my - baseY, mz - baseZ) >= offM) {
                        // Not back where it started: the hold was a settle, and what followed is a
                        // movement of its own, from the settled orientation.
                        double endA = restEndT;
                        double onsetB = departT;
                        double peakOfB = peakB;
                        double rx = restX;
                        double ry = restY;
                        double rz = restZ;
                        settleAt(rx, ry, rz, restSwing);
                        finish(endA, peakA, true);
                        moving = true;
                        strong = true;
                        onsetT = onsetB;
                        onsetDelayed = true;
                        onsetRefined = true;
                        peakG = peakOfB;
                        belowSince = Double.NaN;
                        quietSince = Double.NaN;
                        edgeEnd = Double.NaN;
                        mergeWithHeld(peakOfB);
                        if (distance(mx - rx, my - ry, mz - rz) < off) {
                            // It came back to the settled orientation: it ended where it last left it.
                            finish(restingSince(rx, ry, rz, off, onsetB), peakOfB, true);
                        } else {
                            enterPending(mx, my, mz, off);
                        }
                        prevDRest = dRest;
                        return;
                    }
                }
            }
            prevDRest = dRest;
        }
        if (moving && !pending && t - onsetT > config.noiseFreezeLimitSeconds()) {
            learnNoise(d, ds, dt, config.noiseSeconds());
        }
    }

    /** The foot rests at (mx, my, mz), away from where the movement started: remember where it stopped. */
    private void enterPending(double mx, double my, double mz, double level) {
        pending = true;
        departed = false;
        restX = mx;
        restY = my;
        restZ = mz;
        restEndT = restingSince(mx, my, mz, level, onsetT);
        // The stillness test passes a window whose variance stays under the offset threshold²,
        // which a tiny movement's own shake (3-7 mg on the LIS3DH, whose offset is 2.5 mg) can do
        // at moments. The rest is then the mean of a foot still moving, and that motion alone
        // takes the slow measure up to twice its swing (2√2 × rms for a sinusoid) from the mean,
        // as breathing does (see the departure): a departure confirmed by the slow measure must
        // go beyond it. The noise's own share (3 axes of ≈ the fast floor each) is not motion:
        // the slow measure averages it down. For a true rest this is ≈ 0 and changes nothing.
        restSwing = 2 * Math.sqrt(2 * Math.max(0, windowVariance() - 3 * quietG * quietG));
        peakA = peakG;
        departSince = Double.NaN;
        prevDRest = 0;
    }

    /**
     * The largest distance of the remembered filtered samples of the last {@code seconds} from
     * (rx, ry, rz).
     */
    private double amplitudeAbout(double rx, double ry, double rz, double seconds) {
        double newest = ringT[ringIndex(0)];
        double peak = 0;
        for (int k = 0; k < ringSize; k++) {
            int i = ringIndex(k);
            if (newest - ringT[i] > seconds) {
                break;
            }
            peak = Math.max(peak, distance(ringX[i] - rx, ringY[i] - ry, ringZ[i] - rz));
        }
        return peak;
    }

    /**
     * Where the foot came to rest at (rx, ry, rz): dated like an end, but on the single raw samples
     * (not averaged: that cost further nights, docs/DETECTION.md step 7) when the movement is
     * strong enough, else on the filtered ones at {@code level}; in the filtered
     * signal's time, which finish() takes the filter delay back from. Strong enough about the
     * rest: its largest distance from it over the still window and the quarter second before.
     * The distance from the baseline held the tilt the foot settled with, and a shake of 10-30 mg
     * fading out over a 15-deg settle was dated on the raw samples, at 4 x their noise, where it
     * fell under that: up to 0.15 s early (ADXL345, 50 Hz: 10th percentile of settle ends -0.071
     * -> -0.055 s).
     */
    private double restingSince(double rx, double ry, double rz, double level, double notBefore) {
        double raw = rawLevel(amplitudeAbout(rx, ry, rz, STILL_WINDOW_SECONDS + RECENT_PEAK_SECONDS));
        return raw > 0 ? lastDeparture(rx, ry, rz, raw, notBefore - delaySeconds, rawX, rawY, rawZ) + delaySeconds
                : Math.max(notBefore, lastDeparture(rx, ry, rz, level, notBefore));
    }

    /** The resting orientation becomes the baseline (a settle), and the slow measure starts there. */
    private void settleAt(double rx, double ry, double rz, double swing) {
        baseSwing = swing;
        baseX = rx;
        baseY = ry;
        baseZ = rz;
        fastX = rx;
        fastY = ry;
        fastZ = rz;
    }

    /**
     * The last remembered time the filtered signal differed from (rx, ry, rz) by {@code level}
     * (interpolated to the crossing), not before {@code notBefore}.
     */
    private double lastDeparture(double rx, double ry, double rz, double level, double notBefore) {
        return lastDeparture(rx, ry, rz, level, notBefore, Double.POSITIVE_INFINITY, ringX, ringY, ringZ);
    }

    private double lastDeparture(double rx, double ry, double rz, double level, double notBefore,
                                 double[] xs, double[] ys, double[] zs) {
        return lastDeparture(rx, ry, rz, level, notBefore, Double.POSITIVE_INFINITY, xs, ys, zs);
    }

    /** ... looking only at samples up to {@code notAfter}. */
    private double lastDeparture(double rx, double ry, double rz, double level, double notBefore, double notAfter,
                                 double[] xs, double[] ys, double[] zs) {
        return lastDeparture(rx, ry, rz, level, 2 * level, notBefore, notAfter, xs, ys, zs);
    }

    /** ... extrapolating the slope between the crossings of {@code upper} and level (tailBeyond). */
    private double lastDeparture(double rx, double ry, double rz, double level, double upper, double notBefore,
                                 double notAfter, double[] xs, double[] ys, double[] zs) {
        double newerT = Double.NaN;
        double newerD = 0;
        for (int k = 0; k < ringSize; k++) {
            int i = ringIndex(k);
            if (ringT[i] < notBefore) {
                return notBefore;
            }
            if (ringT[i] > notAfter) {
                continue;
            }
            double dd = distance(xs[i] - rx, ys[i] - ry, zs[i] - rz);
            if (dd >= level) {
                double atLevel = Double.isNaN(newerT) ? ringT[i] : crossing(ringT[i], dd, newerT, newerD, level);
                return atLevel + tailBeyond(i, k, rx, ry, rz, level, upper, atLevel, newerT, newerD, xs, ys, zs);
            }
            newerT = ringT[i];
            newerD = dd;
        }
        return Double.isNaN(newerT) ? notBefore : Math.max(notBefore, newerT);
    }

    /**
     * An edge found at {@code level} lies a little inside the movement: the signal still had to
     * fall (or rise) from there to nothing. Extrapolating the edge's slope between the crossings
     * of 2 × level and level gives that time (exact for a straight edge, short of it for an edge
     * whose foot is rounded), at most {@link #MAX_EXTRAPOLATION_SECONDS}. The whole line, on raw and
     * filtered samples alike: half of it on the raw samples (before) hid an error of the 2 × level
     * crossing at 25 Hz (now taken on the chord) and left edges 0.01–0.03 s inside the movement at
     * 50–100 Hz, so movements a little over 0.5 s came out under it and WASM 2016 rule 2 dropped
     * them; on the filtered signal the filter rounds the foot of every edge, and half left tiny
     * movements 0.05–0.09 s short. Walks further back from sample i
     * (k steps from the newest) to the 2 × level crossing (or {@code upper}'s, a level between
     * level and the amplitude when 2 × level would lie above it); (afterT, afterD) is the sample
     * after i, below the level (afterT NaN if none).
     */
    private double tailBeyond(int i, int k, double rx, double ry, double rz, double level, double upper,
                              double atLevel, double afterT, double afterD, double[] xs, double[] ys, double[] zs) {
        double perSecond = upper == 2 * level ? 1 : level / (upper - level);
        double newerT = ringT[i];
        double newerD = distance(xs[i] - rx, ys[i] - ry, zs[i] - rz);
        for (int j = k; j < ringSize; j++) {
            int m = ringIndex(j);
            double dd = distance(xs[m] - rx, ys[m] - ry, zs[m] - rz);
            if (dd >= upper) {
                // Both crossings may lie between the same two samples (a steep edge at a low
                // rate): then the upper crossing is on the same chord, not at the sample, which
                // made the extrapolation up to a sample period too long.
                double at2 = j > k ? crossing(ringT[m], dd, newerT, newerD, upper)
                        : Double.isNaN(afterT) ? ringT[m] : crossing(ringT[m], dd, afterT, afterD, upper);
                return Math.min(MAX_EXTRAPOLATION_SECONDS, perSecond * Math.max(0, atLevel - at2));
            }
            if (atLevel - ringT[m] > MAX_EXTRAPOLATION_SECONDS) {
                return 0;
            }
            newerT = ringT[m];
            newerD = dd;
        }
        return 0;
    }

    /**
     * Walking back from the newest sample, the crossing into the run of samples with d ≥ level
     * that lasts until now (interpolated), not before {@code notBefore}.
     */
    private double firstRise(double level, double notBefore, double[] xs, double[] ys, double[] zs) {
        return firstRise(level, 2 * level, notBefore, xs, ys, zs);
    }

    /** ... extrapolating the slope between the crossings of level and {@code upper}. */
    private double firstRise(double level, double upper, double notBefore, double[] xs, double[] ys, double[] zs) {
        return firstRise(level, upper, notBefore, false, false, xs, ys, zs);
    }

    /**
     * ... for a strong start ({@code bridged}): the run may hold dips of up to
     * {@link #DIP_BRIDGE_SECONDS}, and the newest samples may lie in one; before a dip, two
     * samples at the level ({@code raw} samples) or a climb to twice it (averaged or filtered ones),
     * see there. Not without the low-pass (8-16 Hz): there 0.1 s is less than two sample periods,
     * and bridging took a single reading that flipped by a count, with the one after it, for a
     * movement.
     */
    private double firstRise(double level, double upper, double notBefore, boolean bridged, boolean raw,
                             double[] xs, double[] ys, double[] zs) {
        double bridge = bridged && filtered ? DIP_BRIDGE_SECONDS : 0;
        double perSecond = upper == 2 * level ? 1 : level / (upper - level);
        double rise2T = Double.NaN;
        double newerT = Double.NaN;
        double newerD = 0;
        double candidate = Double.NaN;
        double candidate2 = Double.NaN;
        for (int k = 0; k < ringSize; k++) {
            int i = ringIndex(k);
            if (ringT[i] < notBefore) {
                return Double.isNaN(candidate) ? notBefore : extrapolated(candidate, candidate2, perSecond);
            }
            double dd = fromBase(k, xs, ys, zs);
            if (dd < level) {
                if (Double.isNaN(newerT)) {
                    if (bridge > 0 && ringT[ringIndex(0)] - ringT[i] <= bridge) {
                        // Dated in the middle of a dip: the run is the one before it.
                        continue;
                    }
                    return ringT[i];
                }
                if (Double.isNaN(candidate)) {
                    candidate = crossing(ringT[i], dd, newerT, newerD, level);
                    // Both crossings between the same two samples: the upper one is on this chord
                    // too, not at the sample above it (see tailBeyond()).
                    candidate2 = newerD >= upper ? crossing(ringT[i], dd, newerT, newerD, upper) : rise2T;
                    if (bridge <= 0) {
                        return extrapolated(candidate, candidate2, perSecond);
                    }
                } else if (candidate - ringT[i] > bridge) {
                    return extrapolated(candidate, candidate2, perSecond);
                }
            } else if (!Double.isNaN(candidate) && (raw ? k + 1 < ringSize && fromBase(k + 1, xs, ys, zs) >= level
                    : runReaches(k, level, upper, notBefore, xs, ys, zs))) {
                // The dip was a shake passing near zero inside the rise, not its start.
                candidate = Double.NaN;
                rise2T = Double.NaN;
            }
            if (dd >= upper) {
                rise2T = Double.isNaN(newerT) || newerD >= upper ? ringT[i] : crossing(ringT[i], dd, newerT, newerD, upper);
            } else if (newerD >= upper) {
                rise2T = crossing(ringT[i], dd, newerT, newerD, upper);
            }
            newerT = ringT[i];
            newerD = dd;
        }
        return Double.isNaN(candidate) ? notBefore : extrapolated(candidate, candidate2, perSecond);
    }

    /** The run of samples at or above the level from step k back reaches {@code upper}. */
    private boolean runReaches(int k, double level, double upper, double notBefore,
                               double[] xs, double[] ys, double[] zs) {
        for (int j = k; j < ringSize; j++) {
            int m = ringIndex(j);
            if (ringT[m] < notBefore) {
                return false;
            }
            double dd = fromBase(j, xs, ys, zs);
            if (dd >= upper) {
                return true;
            }
            if (dd < level) {
                return false;
            }
        }
        return false;
    }

    /** The distance from the baseline of the remembered sample k steps back from the newest. */
    private double fromBase(int k, double[] xs, double[] ys, double[] zs) {
        int i = ringIndex(k);
        return distance(xs[i] - baseX, ys[i] - baseY, zs[i] - baseZ);
    }

    /** A rise found at the level, extrapolated to nothing as tailBeyond() does for an end. */
    private static double extrapolated(double atLevel, double rise2T, double perSecond) {
        return Double.isNaN(rise2T) ? atLevel
                : atLevel - Math.min(MAX_EXTRAPOLATION_SECONDS, perSecond * Math.max(0, rise2T - atLevel));
    }

    /**
     * A movement of this amplitude is dated on the centred average: the raw samples are too noisy
     * for it, and the edge level near the noise is a large share of it.
     */
    private boolean noisyEdge(double amplitudeG, double edge) {
        return rawLevel(amplitudeG) == 0 && edge >= NOISY_EDGE_SHARE * amplitudeG;
    }

    /**
     * The current movement's edges are dated on the centred average: it is weak, or its edge is
     * noisy. Only with the low-pass: without it (8–16 Hz) the 0.2-s window holds one to three
     * samples and averages little, and a single reading that flipped by a count, which the other
     * dating leaves without a duration, would get the window's width.
     */
    private boolean smoothDated(double amplitudeG, double edge) {
        return filtered && (!strong || noisyEdge(amplitudeG, edge));
    }

    /** The time of the remembered sample k steps back from the newest (the oldest if fewer). */
    private double ringTimeBack(int k) {
        return ringT[ringIndex(Math.min(k, ringSize - 1))];
    }

    /** The ring slot of the remembered sample k steps back from the newest. */
    private int ringIndex(int k) {
        int i = ringHead - 1 - k;
        return i < 0 ? i + ringT.length : i;
    }

    /** The centred averages of the remembered filtered samples over ±smoothHalf into smX/Y/Z. */
    private void smoothRing(double stopT) {
        smoothInto(stopT, smoothHalf, ringX, ringY, ringZ, smX, smY, smZ);
    }

    /**
     * Fills (outX, outY, outZ) with the centred averages of the remembered samples (xs, ys, zs), 2h + 1
     * of them (fewer at the ends of the ring), from the newest back to the first one before
     * {@code stopT}.
     */
    private void smoothInto(double stopT, int h, double[] xs, double[] ys, double[] zs,
                            double[] outX, double[] outY, double[] outZ) {
        double sx = 0;
        double sy = 0;
        double sz = 0;
        int n = 0;
        for (int j = 0; j <= h && j < ringSize; j++) {
            int i = ringIndex(j);
            sx += xs[i];
            sy += ys[i];
            sz += zs[i];
            n++;
        }
        for (int k = 0; k < ringSize; k++) {
            int i = ringIndex(k);
            outX[i] = sx / n;
            outY[i] = sy / n;
            outZ[i] = sz / n;
            if (ringT[i] < stopT) {
                return;
            }
            if (k + h + 1 < ringSize) {
                int a = ringIndex(k + h + 1);
                sx += xs[a];
                sy += ys[a];
                sz += zs[a];
                n++;
            }
            if (k - h >= 0) {
                int r = ringIndex(k - h);
                sx -= xs[r];
                sy -= ys[r];
                sz -= zs[r];
                n--;
            }
        }
    }

    /** The largest distance of the centred average from the baseline between two times. */
    private double smoothPeak(double from, double to) {
        double peak = 0;
        for (int k = 0; k < ringSize; k++) {
            int i = ringIndex(k);
            if (ringT[i] < from) {
                break;
            }
            if (ringT[i] <= to) {
                peak = Math.max(peak, distance(smX[i] - baseX, smY[i] - baseY, smZ[i] - baseZ));
            }
        }
        return peak;
    }

    /**
     * The upper end of the slope a weak edge is extrapolated on: twice the level, or halfway from
     * the level to the amplitude when the noise holds the level above a third of it (2 × level
     * would then lie near or above the amplitude, never be crossed, and the smallest movements,
     * dated half-way up their edges without extrapolation, came out 0.1 s short at 25 Hz).
     */
    private static double secantUpper(double level, double amplitudeG) {
        // No amplitude above the level (nothing rose out of the noise): the plain 2 × level, which
        // is then never crossed, rather than a slope of the wrong sign.
        return amplitudeG > level ? Math.min(2 * level, 0.5 * (level + amplitudeG)) : 2 * level;
    }

    /** The level a weak edge is dated at: a fraction of its amplitude, above the average's noise. */
    private double smoothLevel(double amplitudeG) {
        return Math.max(SMOOTH_NOISE_FACTOR * smoothNoiseRatio * quietG, SMOOTH_FRACTION * amplitudeG);
    }

    /**
     * A weak movement's end: where the centred average last left the baseline by its level (up to
     * {@code notAfter}, the newest sample with a whole window), extrapolated as tailBeyond() does.
     */
    private double smoothEnd(double notBefore, double notAfter) {
        smoothRing(notBefore - SMOOTH_SECONDS - MAX_EXTRAPOLATION_SECONDS);
        double foot = lastDeparture(baseX, baseY, baseZ, smoothLevel(0), notBefore, notAfter, smX, smY, smZ);
        double amplitude = smoothPeak(Math.max(notBefore, foot - SMOOTH_AMPLITUDE_SECONDS), foot);
        double level = smoothLevel(amplitude);
        return lastDeparture(baseX, baseY, baseZ, level, secantUpper(level, amplitude), notBefore, notAfter,
                smX, smY, smZ);
    }

    private static double distance(double x, double y, double z) {
        return Math.sqrt(x * x + y * y + z * z);
    }

    /** Variance (summed over the axes) of the filtered signal over the last window, g². */
    private double windowVariance() {
        double n = windowCount;
        double mx = winX / n;
        double my = winY / n;
        double mz = winZ / n;
        return Math.max(0, winSq / n - (mx * mx + my * my + mz * mz));
    }

    /** The smallest step seen between two readings of an axis: the count size of the chip. */
    private void learnCount(double step) {
        double a = Math.abs(step);
        if (a > MIN_COUNT_G && a < countG) {
            countG = a;
            countSixth = a / 6;
            resolutionShiftG = 1.2 * Math.sqrt(3) / 2 * a;
            updateThresholds();
        }
    }

    /**
     * A quiet chip whose noise is far below one count does not dither its rounding: its reading
     * sits on a count and now and then flips to the next, on each axis, which shifts the average
     * by up to half a count per axis (√3/2 count in all). Nothing below that may start a movement
     * then. With noise of a sixth of a count or more, rounding behaves like noise and the
     * measured floors cover it. The noise of a reading, that is, not of the filtered signal: the
     * low-pass averages dithered readings, and at 100 Hz the ADXL345's 3 mg per reading (0.4 of
     * its 7.8 mg count) filtered to ≈ 1.2 mg, under a sixth of a count, which set its onset
     * thresholds to the count floor (16 mg) and lost its tiny movements.
     */
    private double resolutionFloorG() {
        // The offset threshold must lie above that shift (a movement would otherwise not end), and
        // the onset thresholds at twice it, as the hysteresis of the noise factors.
        // Unfiltered (8-16 Hz), nothing averages the rounding: a single reading that flips by a
        // count reaches d at full size, whatever the noise floor reads. The 20th percentile of
        // such lumpy values depends on where gravity sits on the count grid (the posture) and
        // hovered around a sixth of a count for the ADXL345 at 8 Hz, each switch-off letting
        // count flips through as runs of false movements (162 on one night). There the floor
        // always holds; above it a noisy chip's own thresholds lie higher anyway.
        return !filtered || rawNoiseRatio * quietG < countSixth ? resolutionShiftG : 0;
    }

    private void restart(double t, double x, double y, double z) {
        lastRawX = x;
        lastRawY = y;
        lastRawZ = z;
        fx.reset(x);
        fy.reset(y);
        fz.reset(z);
        baseX = fastX = x;
        baseY = fastY = y;
        baseZ = fastZ = z;
        baseSwing = 0;
        ringSize = 0;
        windowCount = 0;
        winX = winY = winZ = winSq = 0;
        if (Double.isNaN(firstT)) {
            firstT = t;
        }
        settleUntil = Math.max(firstT + config.warmupSeconds(), t + SETTLE_AFTER_GAP_SECONDS);
        moving = false;
        pending = false;
        aboveSince = aboveSinceS = belowSince = quietSince = edgeEnd = Double.NaN;
        prevT = t;
        prevD = 0;
        prevDs = 0;
        remember(t, x, y, z, x, y, z);
    }

    /** Ends any movement at {@code endLimit} (or where it fell quiet) and reports the gap. */
    private void breakAt(double endLimit, double fromSeconds, double toSeconds) {
        if (moving) {
            if (pending) {
                finish(Math.min(restEndT, endLimit), peakA, true);
            } else if (Double.isNaN(belowSince)) {
                finish(endLimit, peakG, false);
            } else {
                finish(Math.min(belowSince, endLimit), peakG, true);
            }
        }
        flushHeld();
        listener.gap(fromSeconds, toSeconds);
        gapCount++;
        prevT = Double.NaN;
    }

    /**
     * A finished movement waits here until no later start can be dated within
     * {@link #MERGE_GAP_SECONDS} of its end: a movement that starts sooner is the same movement
     * (WASM 2016 rule 1), judged on the dated edges rather than on the quiet hold, which the
     * filter's tail would lengthen. A start is dated at most the back-dating limit before it is
     * found, so the wait is that limit after the join gap (1.4 s at the defaults). It waited only
     * while a rise was under way, but a weak start is found after the quiet hold and the slow
     * measure's lag, and its onset then dated back on the centred average: the next piece of a
     * tiny shake that passed through rest came out 0.2-0.3 s after the end it should have joined.
     */
    private void flushHeld() {
        if (hasHeld) {
            hasHeld = false;
            movementCount++;
            listener.movement(heldOnset, heldOffset - heldOnset, heldPeak);
        }
    }

    /** A movement that starts this soon after the last one ended is the same movement. */
    private void mergeWithHeld(double peak) {
        if (hasHeld && (onsetDelayed ? onsetT - delaySeconds : onsetT) - heldOffset < MERGE_GAP_SECONDS) {
            hasHeld = false;
            onsetT = heldOnset;
            onsetDelayed = false;
            onsetRefined = true;
            peakG = Math.max(peak, heldPeak);
        }
    }

    /** Ends a movement whose offset was dated on the raw samples (no filter delay in it). */
    private void finishRaw(double offsetT, double peak) {
        finish(offsetT + delaySeconds, peak, true);
    }

    /**
     * The level at which a movement of this amplitude is dated on the raw samples: a small
     * fraction of it, or 0 when that would lie within the raw noise (then the filtered signal
     * dates it).
     */
    private double rawLevel(double amplitudeG) {
        double noise = RAW_NOISE_MARGIN * rawNoiseRatio * quietG;
        return noise <= RAW_MAX_FRACTION * amplitudeG ? Math.max(noise, RAW_FRACTION * amplitudeG) : 0;
    }

    /**
     * The level a movement that rawLevel() lets be dated on the raw samples is dated at, on their
     * centred average over ±{@link #RAW_AVERAGE_HALF_SECONDS}: a small fraction of its amplitude, or
     * the margin over the average's noise.
     */
    private double rawDatingLevel(double amplitudeG) {
        return strongEdgeLevel(amplitudeG, rawNoiseRatio * quietG, rawHalf);
    }

    /**
     * The level at which a strong edge of this amplitude is dated on raw readings of this noise
     * (rms per axis) at this rate, as the detector dates it (step 7): for the tools that model
     * its dating (EdgePrecision).
     */
    public static double strongEdgeLevelG(double amplitudeG, double readingNoiseG, double rateHz) {
        return strongEdgeLevel(amplitudeG, readingNoiseG, rawAverageHalf(rateHz));
    }

    private static double strongEdgeLevel(double amplitudeG, double readingNoiseG, int half) {
        return Math.max(RAW_NOISE_MARGIN * readingNoiseG / Math.sqrt(2 * half + 1), RAW_FRACTION * amplitudeG);
    }

    /** Samples either side in the raw samples' centred average at this rate. */
    private static int rawAverageHalf(double rateHz) {
        return (int) Math.floor(RAW_AVERAGE_HALF_SECONDS * rateHz + 1e-9);
    }

    /** Fills avgX/Y/Z with the raw samples' centred averages from the newest back to {@code stopT}. */
    private void averageRaw(double stopT) {
        smoothInto(stopT, rawHalf, rawX, rawY, rawZ, avgX, avgY, avgZ);
    }

    /**
     * Ends the movement from onsetT to offsetT. Both edges were dated on the low-passed signal,
     * which lags the input by the filter's group delay: they move back by it, except an end that
     * is a gap or the end of the data (the signal stopped there, not later).
     */
    private void finish(double offsetT, double peak, boolean offsetDelayed) {
        if (!pending && !Double.isNaN(belowSince)) {
            restartSlowAverage(belowSince);
        }
        moving = false;
        pending = false;
        joinUndecided = false;
        weakArmed = false;
        aboveSince = Double.NaN;
        aboveSinceS = Double.NaN;
        belowSince = Double.NaN;
        quietSince = Double.NaN;
        edgeEnd = Double.NaN;
        double onset = onsetDelayed ? onsetT - delaySeconds : onsetT;
        double offset = offsetDelayed ? offsetT - delaySeconds : offsetT;
        double duration = offset - onset;
        // Nothing shorter than one sample period is a movement the sensor could resolve: at 8 Hz
        // a single reading that flips by a count on two axes can reach the onset threshold, and
        // its edges, dated on either side of that one reading, span a few milliseconds.
        if (duration >= 1 / rateHz) {
            flushHeld();
            hasHeld = true;
            heldOnset = onset;
            heldOffset = offset;
            heldPeak = peak;
        }
    }

    /**
     * A movement that fell quiet ends: the slow average starts again from the mean of the quiet
     * samples since {@code quietSince}. Left to decay from the movement, it still remembers it
     * for a second, and a shake's average can pass near zero and swing back on the way: that
     * armed the weak start on the memory of a strong movement and reported its echo 0.2–0.5 s
     * later as a tiny movement of its own (up to 7 a night on the ADXL345 at 100 Hz). The mean,
     * not the last sample, so that the new start carries no more noise than the average would.
     */
    private void restartSlowAverage(double quietSince) {
        double sx = 0;
        double sy = 0;
        double sz = 0;
        int n = 0;
        for (int k = 0; k < ringSize; k++) {
            int i = ringIndex(k);
            if (ringT[i] < quietSince) {
                break;
            }
            sx += ringX[i];
            sy += ringY[i];
            sz += ringZ[i];
            n++;
        }
        if (n > 0) {
            fastX = sx / n;
            fastY = sy / n;
            fastZ = sz / n;
        }
    }

    private void remember(double t, double lx, double ly, double lz, double x, double y, double z) {
        if (moving) {
            window(lx, ly, lz);
        }
        ringT[ringHead] = t;
        ringX[ringHead] = lx;
        ringY[ringHead] = ly;
        ringZ[ringHead] = lz;
        rawX[ringHead] = x;
        rawY[ringHead] = y;
        rawZ[ringHead] = z;
        ringHead = ringHead + 1 == ringT.length ? 0 : ringHead + 1;
        if (ringSize < ringT.length) {
            ringSize++;
        }
    }

    /**
     * Running sums over the last window of samples, kept only inside a movement (the stillness
     * test needs no earlier sample): adds this one, drops the one a window back.
     */
    private void window(double lx, double ly, double lz) {
        if (windowCount == windowSize) {
            int old = ringHead - windowSize;
            if (old < 0) {
                old += ringT.length;
            }
            winX -= ringX[old];
            winY -= ringY[old];
            winZ -= ringZ[old];
            winSq -= ringX[old] * ringX[old] + ringY[old] * ringY[old] + ringZ[old] * ringZ[old];
        } else {
            windowCount++;
        }
        winX += lx;
        winY += ly;
        winZ += lz;
        winSq += lx * lx + ly * ly + lz * lz;
    }

    /**
     * Running 20th percentile of d by stochastic approximation in the log domain (multiplicative
     * steps): scale-free, O(1) memory. A low percentile is the level of the quiet signal even when
     * the leg moves most of the time (walking), and it falls four times faster than it rises.
     */
    private void learnNoise(double d, double ds, double dt, double timeConstantSeconds) {
        if (++noiseTick < NOISE_STRIDE) {
            return;
        }
        noiseTick = 0;
        double c = Math.min(0.5, NOISE_STRIDE * dt / timeConstantSeconds);
        quietG = Math.max(MIN_NOISE_G, quietG * (d < quietG ? 1 - (1 - QUIET_QUANTILE) * c : 1 + QUIET_QUANTILE * c));
        quietS = Math.max(MIN_NOISE_G, quietS * (ds < quietS ? 1 - (1 - QUIET_QUANTILE) * c : 1 + QUIET_QUANTILE * c));
        updateThresholds();
    }

    /** Starts the noise floor at the warm-up's 20th percentile: a movement in the warm-up cannot lift it. */
    private void startNoise(double d, double ds) {
        double start = d;
        double startS = ds;
        if (warmupCount > 0) {
            Arrays.sort(warmupD, 0, warmupCount);
            Arrays.sort(warmupS, 0, warmupCount);
            start = warmupD[(int) (QUIET_QUANTILE * (warmupCount - 1))];
            startS = warmupS[(int) (QUIET_QUANTILE * (warmupCount - 1))];
        }
        quietG = Math.max(MIN_NOISE_G, start);
        quietS = Math.max(MIN_NOISE_G, startS);
        noiseStarted = true;
        updateThresholds();
    }

    private static double crossing(double t0, double d0, double t1, double d1, double level) {
        if (d1 == d0) {
            return t1;
        }
        double f = (level - d0) / (d1 - d0);
        return t0 + Math.min(1, Math.max(0, f)) * (t1 - t0);
    }
}
