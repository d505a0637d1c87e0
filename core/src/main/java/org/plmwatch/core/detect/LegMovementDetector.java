package org.plmwatch.core.detect;

import java.util.Arrays;
import java.util.Objects;
import org.plmwatch.core.accel.AccelSink;

/**
 * Streaming leg-movement detector for one ankle accelerometer.
 *
 * <p>Signal path, per sample: Butterworth low-pass per axis; gravity baseline (slow average of the
 * filtered vector, frozen inside movements); dynamic magnitude d = |a − baseline|; onset when d
 * exceeds the onset threshold, back-dated to where d crossed the offset threshold; offset where d
 * fell below the offset threshold, once it has stayed below for the quiet hold. Both thresholds
 * follow the noise floor: a running 20th percentile of d outside movements. A foot that
 * settles in a new orientation is recognised (it keeps still while d stays high) and ends the
 * movement; the new orientation becomes the baseline. See docs/DETECTION.md.
 *
 * <p>Time comes only from the sample timestamps. After construction nothing is allocated except
 * once, when the sample rate is known (filter history for posture changes). Not thread-safe: feed
 * it from one thread.
 */
public final class LegMovementDetector implements AccelSink {

    private static final int RATE_INTERVALS = 16;
    private static final double MIN_NOISE_G = 1e-6;
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
    private double settleUntil;

    private boolean noiseStarted;
    private double[] warmupD = new double[0];
    private int warmupCount;
    private double quietG;

    private boolean moving;
    private double onsetT;
    private double peakG;
    private double aboveSince = Double.NaN;
    private double belowSince = Double.NaN;
    private double stillSince = Double.NaN;

    private long movementCount;
    private long gapCount;
    private long rejectedSamples;

    public LegMovementDetector(DetectorConfig config, MovementListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
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
            finish(Double.isNaN(belowSince) ? prevT : belowSince);
        }
        prevT = Double.NaN;
    }

    /** The sample rate in use (estimated or configured), 0 while still estimating. */
    public double sampleRateHz() {
        return rateHz;
    }

    /** Current onset threshold, g (follows the noise floor). */
    public double onsetThresholdG() {
        return Math.max(config.onsetFloorG(), config.onsetNoiseFactor() * quietG);
    }

    /** Current offset threshold, g. */
    public double offsetThresholdG() {
        return Math.max(config.offsetFloorG(), config.offsetNoiseFactor() * quietG);
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
        if (config.lowPassHz() < 0.35 * hz) {
            fx.design(config.lowPassHz(), hz);
            fy.design(config.lowPassHz(), hz);
            fz.design(config.lowPassHz(), hz);
        } else {
            // At low rates the sensor's own bandwidth (half its output rate) is already below the
            // cut-off, and a filter near Nyquist would only add a decay tail to strong movements.
            fx.passThrough();
            fy.passThrough();
            fz.passThrough();
        }
        gapThresholdSeconds = Math.max(config.gapFactor() / hz, config.minGapSeconds());
        // Twice the nominal count leaves room for jittered, denser timestamps.
        int capacity = (int) Math.ceil((config.postureHoldSeconds() + 1) * hz * 2) + 8;
        ringT = new double[capacity];
        ringX = new double[capacity];
        ringY = new double[capacity];
        ringZ = new double[capacity];
        ringHead = 0;
        ringSize = 0;
        warmupD = new double[(int) Math.ceil(config.warmupSeconds() * hz * 2) + 8];
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
        double lx = fx.filter(x);
        double ly = fy.filter(y);
        double lz = fz.filter(z);
        double aFast = dt / (config.stillnessSeconds() + dt);
        fastX += aFast * (lx - fastX);
        fastY += aFast * (ly - fastY);
        fastZ += aFast * (lz - fastZ);
        remember(t, lx, ly, lz);

        double ex = lx - baseX;
        double ey = ly - baseY;
        double ez = lz - baseZ;
        double d = Math.sqrt(ex * ex + ey * ey + ez * ez);
        if (!noiseStarted && t >= firstT + config.warmupSeconds()) {
            startNoise(d);
        }
        if (moving && t < firstT + config.warmupSeconds() && warmupCount < warmupD.length) {
            // A movement in the warm-up still feeds the start of the noise floor: the 20th
            // percentile ignores it, and leaving it out would start the floor lower than on a
            // recording whose first burst came later.
            warmupD[warmupCount++] = d;
        }
        double on = onsetThresholdG();
        double off = offsetThresholdG();
        boolean settling = t < settleUntil;

        if (!moving) {
            if (d >= off) {
                if (Double.isNaN(aboveSince)) {
                    aboveSince = crossing(prevT, prevD, t, d, off);
                }
            } else {
                aboveSince = Double.NaN;
            }
            if (d >= on && (!settling || d >= SETTLE_ONSET_G)) {
                moving = true;
                // While settling the offset threshold is only the floor, under a cheap sensor's
                // noise, so back-dating to it would reach the first sample: date the onset where
                // the signal crossed the strong-movement threshold instead.
                onsetT = settling ? crossing(prevT, prevD, t, d, SETTLE_ONSET_G)
                        : Math.max(aboveSince, t - config.onsetBackdateLimitSeconds());
                peakG = d;
                belowSince = Double.NaN;
                stillSince = Double.NaN;
            } else {
                double aBase = dt / ((settling ? SETTLE_BASELINE_SECONDS : config.baselineSeconds()) + dt);
                baseX += aBase * (lx - baseX);
                baseY += aBase * (ly - baseY);
                baseZ += aBase * (lz - baseZ);
                if (t < firstT + config.warmupSeconds()) {
                    if (warmupCount < warmupD.length) {
                        warmupD[warmupCount++] = d;
                    }
                } else {
                    learnNoise(d, dt, config.noiseSeconds());
                }
            }
        } else {
            if (d > peakG) {
                peakG = d;
            }
            if (d < off) {
                if (Double.isNaN(belowSince)) {
                    belowSince = crossing(prevT, prevD, t, d, off);
                }
                if (t - belowSince >= config.quietHoldSeconds()) {
                    finish(belowSince);
                }
            } else {
                belowSince = Double.NaN;
            }
            if (moving) {
                double sx = lx - fastX;
                double sy = ly - fastY;
                double sz = lz - fastZ;
                boolean still = sx * sx + sy * sy + sz * sz < off * off;
                if (!still) {
                    stillSince = Double.NaN;
                } else if (Double.isNaN(stillSince)) {
                    stillSince = t;
                } else if (t - stillSince >= config.postureHoldSeconds() && d >= off) {
                    postureChange(off);
                }
            }
            if (moving && t - onsetT > config.noiseFreezeLimitSeconds()) {
                learnNoise(d, dt, config.noiseSeconds());
            }
        }
        prevT = t;
        prevD = d;
    }

    private void restart(double t, double x, double y, double z) {
        fx.reset(x);
        fy.reset(y);
        fz.reset(z);
        baseX = fastX = x;
        baseY = fastY = y;
        baseZ = fastZ = z;
        ringSize = 0;
        if (Double.isNaN(firstT)) {
            firstT = t;
        }
        settleUntil = Math.max(firstT + config.warmupSeconds(), t + SETTLE_AFTER_GAP_SECONDS);
        moving = false;
        aboveSince = belowSince = stillSince = Double.NaN;
        prevT = t;
        prevD = 0;
        remember(t, x, y, z);
    }

    /** Ends any movement at {@code endLimit} (or where it fell quiet) and reports the gap. */
    private void breakAt(double endLimit, double fromSeconds, double toSeconds) {
        if (moving) {
            finish(Double.isNaN(belowSince) ? endLimit : Math.min(belowSince, endLimit));
        }
        listener.gap(fromSeconds, toSeconds);
        gapCount++;
        prevT = Double.NaN;
    }

    private void finish(double offsetT) {
        moving = false;
        aboveSince = Double.NaN;
        belowSince = Double.NaN;
        stillSince = Double.NaN;
        double duration = offsetT - onsetT;
        if (duration > 0) {
            movementCount++;
            listener.movement(onsetT, duration, peakG);
        }
    }

    /**
     * The foot rests in a new orientation: that orientation becomes the baseline, and the movement
     * ends at the last remembered sample that still differed from it by the offset threshold.
     */
    private void postureChange(double off) {
        baseX = fastX;
        baseY = fastY;
        baseZ = fastZ;
        // If every remembered sample already matches the new orientation, the movement ended
        // before the oldest one: that is the best bound left.
        double endT = onsetT;
        double newerT = Double.NaN;
        double newerD = 0;
        for (int k = 0; k < ringSize; k++) {
            int i = Math.floorMod(ringHead - 1 - k, ringT.length);
            double ex = ringX[i] - baseX;
            double ey = ringY[i] - baseY;
            double ez = ringZ[i] - baseZ;
            double d = Math.sqrt(ex * ex + ey * ey + ez * ez);
            if (ringT[i] < onsetT) {
                break;
            }
            if (d >= off) {
                endT = Double.isNaN(newerT) ? ringT[i] : crossing(ringT[i], d, newerT, newerD, off);
                break;
            }
            newerT = ringT[i];
            newerD = d;
            endT = newerT;
        }
        finish(endT);
    }

    private void remember(double t, double lx, double ly, double lz) {
        ringT[ringHead] = t;
        ringX[ringHead] = lx;
        ringY[ringHead] = ly;
        ringZ[ringHead] = lz;
        ringHead = ringHead + 1 == ringT.length ? 0 : ringHead + 1;
        if (ringSize < ringT.length) {
            ringSize++;
        }
    }

    /**
     * Running 20th percentile of d by stochastic approximation in the log domain (multiplicative
     * steps): scale-free, O(1) memory. A low percentile is the level of the quiet signal even when
     * the leg moves most of the time (walking), and it falls four times faster than it rises.
     */
    private void learnNoise(double d, double dt, double timeConstantSeconds) {
        double c = Math.min(0.5, dt / timeConstantSeconds);
        quietG = Math.max(MIN_NOISE_G, quietG * (d < quietG ? 1 - (1 - QUIET_QUANTILE) * c : 1 + QUIET_QUANTILE * c));
    }

    /** Starts the noise floor at the warm-up's 20th percentile: a movement in the warm-up cannot lift it. */
    private void startNoise(double d) {
        double start = d;
        if (warmupCount > 0) {
            Arrays.sort(warmupD, 0, warmupCount);
            start = warmupD[(int) (QUIET_QUANTILE * (warmupCount - 1))];
        }
        quietG = Math.max(MIN_NOISE_G, start);
        noiseStarted = true;
    }

    private static double crossing(double t0, double d0, double t1, double d1, double level) {
        if (d1 == d0) {
            return t1;
        }
        double f = (level - d0) / (d1 - d0);
        return t0 + Math.min(1, Math.max(0, f)) * (t1 - t0);
    }
}
