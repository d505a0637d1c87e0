package org.plmwatch.core.detect;

/**
 * Settings of {@link LegMovementDetector}. Every default and its source is listed in
 * docs/DETECTION.md; the constructor rejects values that cannot work and says which.
 *
 * @param nominalRateHz             sample rate in Hz, or 0 to estimate it from the median of the
 *                                  first 16 sample intervals
 * @param lowPassHz                 per-axis Butterworth low-pass cut-off; lowered to 0.35 × the
 *                                  sample rate when the rate is too low for it
 * @param baselineSeconds           time constant of the gravity baseline, tracked only outside
 *                                  movements
 * @param stillnessSeconds          time constant of the fast orientation average used to tell a
 *                                  foot at rest in a new posture from a moving one
 * @param onsetFloorG               lowest onset threshold, g (a quiet, quantised sensor stays below)
 * @param offsetFloorG              lowest offset threshold, g
 * @param onsetNoiseFactor          onset threshold = median + this × (90th percentile − median) of
 *                                  the quiet signal
 * @param offsetNoiseFactor         offset threshold, same form; must be below the onset factor
 * @param noiseSeconds              time constant of the noise-floor (quantile) trackers
 * @param noiseFreezeLimitSeconds   the noise floor is not updated inside a movement, unless the
 *                                  movement has lasted this long (so a noisier sensor cannot
 *                                  lock the detector in one endless movement)
 * @param quietHoldSeconds          a movement ends once the signal stayed below the offset
 *                                  threshold this long; its offset is back-dated to the crossing
 * @param postureHoldSeconds        inside a movement, a foot that keeps still this long in a new
 *                                  orientation is a posture change: the movement ends where the
 *                                  signal last differed from the new orientation, and the new
 *                                  orientation becomes the gravity baseline
 * @param onsetBackdateLimitSeconds the onset is back-dated to the offset-threshold crossing, but
 *                                  never more than this before the onset-threshold crossing
 * @param gapFactor                 a time step larger than this × the nominal period is a gap
 * @param minGapSeconds             ... and never a step shorter than this (timestamp jitter)
 * @param warmupSeconds             after the first sample: only strong onsets (>= 150 mg), fast
 *                                  baseline; the noise floor starts from the 20th percentile of d
 *                                  over this time
 */
public record DetectorConfig(double nominalRateHz,
                             double lowPassHz,
                             double baselineSeconds,
                             double stillnessSeconds,
                             double onsetFloorG,
                             double offsetFloorG,
                             double onsetNoiseFactor,
                             double offsetNoiseFactor,
                             double noiseSeconds,
                             double noiseFreezeLimitSeconds,
                             double quietHoldSeconds,
                             double postureHoldSeconds,
                             double onsetBackdateLimitSeconds,
                             double gapFactor,
                             double minGapSeconds,
                             double warmupSeconds) {

    public static final DetectorConfig DEFAULTS = new DetectorConfig(
            0, 6.0, 5.0, 0.25, 0.020, 0.010, 8.0, 4.0, 20.0, 15.0, 0.5, 2.0, 1.0, 5.0, 0.25, 2.0);

    public DetectorConfig {
        if (!(nominalRateHz == 0 || (nominalRateHz >= 4 && nominalRateHz <= 2000))) {
            throw new IllegalArgumentException("nominalRateHz must be 0 (estimate) or 4..2000 Hz, was " + nominalRateHz);
        }
        positive("lowPassHz", lowPassHz);
        positive("baselineSeconds", baselineSeconds);
        positive("stillnessSeconds", stillnessSeconds);
        positive("onsetFloorG", onsetFloorG);
        positive("offsetFloorG", offsetFloorG);
        if (!(onsetFloorG > offsetFloorG)) {
            throw new IllegalArgumentException("onsetFloorG (" + onsetFloorG + ") must exceed offsetFloorG ("
                    + offsetFloorG + "): onset and offset thresholds form a hysteresis");
        }
        positive("offsetNoiseFactor", offsetNoiseFactor);
        if (!(onsetNoiseFactor > offsetNoiseFactor)) {
            throw new IllegalArgumentException("onsetNoiseFactor (" + onsetNoiseFactor
                    + ") must exceed offsetNoiseFactor (" + offsetNoiseFactor + ")");
        }
        positive("noiseSeconds", noiseSeconds);
        positive("noiseFreezeLimitSeconds", noiseFreezeLimitSeconds);
        positive("quietHoldSeconds", quietHoldSeconds);
        if (!(postureHoldSeconds > stillnessSeconds * 4)) {
            throw new IllegalArgumentException("postureHoldSeconds (" + postureHoldSeconds
                    + ") must exceed 4 × stillnessSeconds (" + stillnessSeconds + ") so the orientation has settled");
        }
        if (!(onsetBackdateLimitSeconds >= 0) || !Double.isFinite(onsetBackdateLimitSeconds)) {
            throw new IllegalArgumentException("onsetBackdateLimitSeconds must be >= 0, was " + onsetBackdateLimitSeconds);
        }
        if (!(gapFactor >= 2) || !Double.isFinite(gapFactor)) {
            throw new IllegalArgumentException("gapFactor must be >= 2 (periods), was " + gapFactor);
        }
        positive("minGapSeconds", minGapSeconds);
        if (!(warmupSeconds >= 0) || !Double.isFinite(warmupSeconds)) {
            throw new IllegalArgumentException("warmupSeconds must be >= 0, was " + warmupSeconds);
        }
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, was " + v);
        }
    }

    /** The defaults with a known sample rate (skips the rate estimate). */
    public DetectorConfig withNominalRateHz(double hz) {
        return new DetectorConfig(hz, lowPassHz, baselineSeconds, stillnessSeconds, onsetFloorG, offsetFloorG,
                onsetNoiseFactor, offsetNoiseFactor, noiseSeconds, noiseFreezeLimitSeconds, quietHoldSeconds,
                postureHoldSeconds, onsetBackdateLimitSeconds, gapFactor, minGapSeconds, warmupSeconds);
    }
}
