package org.plmwatch.core.sleep;

import java.util.Objects;
import org.plmwatch.core.detect.DetectorConfig;

/**
 * Settings of {@link ActigraphySleepEstimator}; defaults and sources in docs/DETECTION.md.
 *
 * @param epochSeconds              scoring epoch (30 s, as a PSG hypnogram)
 * @param shankAxis                 sensor axis along the shank: 0 = x, 1 = y, 2 = z (device mounting)
 * @param lyingMaxAxisG             an epoch is lying when |mean gravity along the shank| is below
 *                                  this (0.707 g: shank within 45° of horizontal)
 * @param lyingJoinSeconds          upright spells shorter than this inside the main lying period do
 *                                  not end it (a trip to the bathroom)
 * @param wakeThresholdSeconds      an epoch is wake when the Cole–Kripke weighted sum of movement
 *                                  seconds around it exceeds this
 * @param rescoreAfterWakeEpochs    Webster rule a: after this many wake epochs...
 * @param rescoreSleepEpochs        ...this many following sleep epochs become wake
 * @param shortSleepEpochs          Webster rule b: a sleep run this short...
 * @param shortSleepWakeEpochs      ...between at least this many wake epochs on both sides is wake
 * @param discountPeriodic          movements in a run of ≥ 4 with onset intervals 10–90 s and
 *                                  durations ≤ 10 s (likely PLMs) do not count as activity
 * @param detector                  the leg-movement detector used for activity
 */
public record SleepConfig(double epochSeconds,
                          int shankAxis,
                          double lyingMaxAxisG,
                          double lyingJoinSeconds,
                          double wakeThresholdSeconds,
                          int rescoreAfterWakeEpochs,
                          int rescoreSleepEpochs,
                          int shortSleepEpochs,
                          int shortSleepWakeEpochs,
                          boolean discountPeriodic,
                          DetectorConfig detector) {

    /**
     * Cole–Kripke weights for epochs −4 … +2 around the scored one (Cole et al. 1992, 1-min
     * epochs: 404, 598, 326, 441, 1408, 508, 350), scaled so the scored epoch weighs 1.
     */
    static final double[] WEIGHTS = {404 / 1408.0, 598 / 1408.0, 326 / 1408.0, 441 / 1408.0, 1.0, 508 / 1408.0,
            350 / 1408.0};
    static final int WEIGHTS_BEFORE = 4;

    public static final SleepConfig DEFAULTS = new SleepConfig(30, 0, 0.707, 900, 5, 8, 2, 12, 20, true,
            DetectorConfig.DEFAULTS);

    public SleepConfig {
        Objects.requireNonNull(detector, "detector");
        if (!(epochSeconds >= 1 && epochSeconds <= 300)) {
            throw new IllegalArgumentException("epochSeconds must be 1..300, was " + epochSeconds);
        }
        if (shankAxis < 0 || shankAxis > 2) {
            throw new IllegalArgumentException("shankAxis must be 0 (x), 1 (y) or 2 (z), was " + shankAxis);
        }
        if (!(lyingMaxAxisG > 0 && lyingMaxAxisG < 1)) {
            throw new IllegalArgumentException("lyingMaxAxisG must lie in (0, 1) g, was " + lyingMaxAxisG);
        }
        if (!(lyingJoinSeconds >= 0) || !(wakeThresholdSeconds > 0)) {
            throw new IllegalArgumentException("lyingJoinSeconds must be >= 0 and wakeThresholdSeconds > 0");
        }
        if (rescoreAfterWakeEpochs < 1 || rescoreSleepEpochs < 0 || shortSleepEpochs < 0 || shortSleepWakeEpochs < 1) {
            throw new IllegalArgumentException("rescoring epoch counts must be >= 0 (the wake runs >= 1)");
        }
    }
}
