package org.plmwatch.core.detect;

/**
 * Settings of {@link LegMovementDetector}. Every default and its source is listed in
 * docs/DETECTION.md; the constructor rejects values that cannot work and says which.
 *
 * <p>Two measures of movement are thresholded. The fast one is d = |a − baseline| after the
 * low-pass; it finds and dates every movement that clearly stands out of the noise. The slow one
 * is the same difference after a further average over {@code stillnessSeconds}; it finds tiny
 * movements (a tilt of half a degree) that the fast one cannot tell from noise. Each threshold is
 * a factor × its measured noise floor (a running 20th percentile, ≈ 1 σ per axis), but never
 * below a floor that comes from the chip ({@link #forChip}).
 *
 * @param nominalRateHz             sample rate in Hz, or 0 to estimate it from the median of the
 *                                  first 16 sample intervals
 * @param lowPassHz                 per-axis Butterworth low-pass cut-off; not applied when the
 *                                  rate is too low for it
 * @param baselineSeconds           time constant of the gravity baseline, tracked only outside
 *                                  movements
 * @param stillnessSeconds          time constant of the slow measure (the fast orientation average)
 * @param onsetFloorG               lowest onset threshold of the fast measure, g
 * @param offsetFloorG              lowest offset threshold of the fast measure, g
 * @param onsetNoiseFactor          fast onset threshold = this × the fast noise floor (or its floor)
 * @param offsetNoiseFactor         fast offset threshold, same form; below the onset factor
 * @param weakOnsetFloorG           lowest onset threshold of the slow measure, g; its offset
 *                                  threshold is half of its onset threshold
 * @param weakOnsetNoiseFactor      slow onset threshold = this × the slow noise floor (or its floor)
 * @param edgeNoiseFactor           the edge level, this × the fast noise floor (at most the offset
 *                                  threshold): a start is first dated where the fast measure rose
 *                                  above it, and an end on the filtered signal no lower than it;
 *                                  the final edges are dated on a fraction of the movement's own
 *                                  amplitude (docs/DETECTION.md, steps 7 and 8)
 * @param noiseSeconds              time constant of the noise-floor (quantile) trackers
 * @param noiseFreezeLimitSeconds   the noise floor is not updated inside a movement, unless the
 *                                  movement has lasted this long (so a noisier sensor cannot
 *                                  lock the detector in one endless movement)
 * @param quietHoldSeconds          a movement ends once the signal stayed below the offset
 *                                  threshold this long (the foot counts as still somewhere else
 *                                  after a fixed 0.5-s window, WASM 2016's shortest pause)
 * @param maxHoldSeconds            a foot that holds still in another orientation is one movement
 *                                  with what follows if it returns to where it started within this
 *                                  long; otherwise it settled there: the movement ended where it
 *                                  became still and that orientation becomes the baseline
 * @param onsetBackdateLimitSeconds the onset is back-dated to the edge crossing, but never more
 *                                  than this before the onset-threshold crossing
 * @param gapFactor                 a time step larger than this × the nominal period is a gap
 * @param minGapSeconds             ... and never a step shorter than this (timestamp jitter)
 * @param warmupSeconds             after the first sample: only strong onsets (>= 150 mg), fast
 *                                  baseline; the noise floors start from the 20th percentiles of
 *                                  this time
 */
public record DetectorConfig(double nominalRateHz,
                             double lowPassHz,
                             double baselineSeconds,
                             double stillnessSeconds,
                             double onsetFloorG,
                             double offsetFloorG,
                             double onsetNoiseFactor,
                             double offsetNoiseFactor,
                             double weakOnsetFloorG,
                             double weakOnsetNoiseFactor,
                             double edgeNoiseFactor,
                             double noiseSeconds,
                             double noiseFreezeLimitSeconds,
                             double quietHoldSeconds,
                             double maxHoldSeconds,
                             double onsetBackdateLimitSeconds,
                             double gapFactor,
                             double minGapSeconds,
                             double warmupSeconds) {

    /** ST LIS3DH, ±4 g, high resolution: 2 mg per count, 220 µg/√Hz (1.1 mg rms at 50 Hz). */
    public static final double LIS3DH_COUNT_G = 0.002;
    public static final double LIS3DH_NOISE_RMS_G = 0.0011;
    /**
     * Analog Devices ADXL345 as the device's driver sets it up (±4 g, FULL_RES): 3.9 mg per count,
     * 3.0 mg rms (z axis, 100-Hz bandwidth, which the noise never falls below).
     */
    public static final double ADXL345_COUNT_G = 0.0039;
    public static final double ADXL345_NOISE_RMS_G = 0.0030;

    /**
     * The device's chip, the LIS3DH. A recording from another sensor still gets thresholds from its
     * own measured noise; only the floor under them is the LIS3DH's.
     */
    public static final DetectorConfig DEFAULTS = forChip(LIS3DH_COUNT_G, LIS3DH_NOISE_RMS_G);

    /**
     * The settings for a device's sensor, by the name its night header and the link give it
     * ({@code lis3dh}, {@code adxl345}): the device, the simulator and the analyzer all take their
     * floors from here. Any other name (a synthetic night, which runs through the LIS3DH driver, a
     * replay, a foreign recording) gets {@link #DEFAULTS}: its thresholds follow its own measured
     * noise, over the LIS3DH's floor.
     */
    public static DetectorConfig forSensor(String sensor) {
        return "adxl345".equalsIgnoreCase(sensor) ? ADXL345 : DEFAULTS;
    }

    private static final DetectorConfig ADXL345 = forChip(ADXL345_COUNT_G, ADXL345_NOISE_RMS_G);

    /**
     * Settings whose threshold floors follow from the chip's count size and rms noise per axis:
     * the measured-noise thresholds govern above them. See docs/DETECTION.md for the derivation.
     */
    public static DetectorConfig forChip(double countG, double noiseRmsG) {
        if (!(countG >= 0) || !(noiseRmsG >= 0) || !Double.isFinite(countG + noiseRmsG) || countG + noiseRmsG == 0) {
            throw new IllegalArgumentException("a chip needs a count size >= 0 and noise >= 0 g, not both 0; was "
                    + countG + ", " + noiseRmsG);
        }
        double perAxis = readingErrorG(countG, noiseRmsG);
        double onsetFloor = Math.max(PHYSIOLOGICAL_FLOOR_G, 3 * perAxis);
        double weakFloor = Math.max(PHYSIOLOGICAL_FLOOR_G, 1.5 * perAxis);
        return new DetectorConfig(0, 6.0, 5.0, 0.25, onsetFloor, onsetFloor / 2, 8.0, 4.0, weakFloor, 6.0, 2.5,
                20.0, 15.0, 0.3, 30.0, 1.0, 5.0, 0.25, 2.0);
    }

    /** Per-axis rms error of one reading: white noise plus rounding to the count (uniform, count/√12). */
    public static double readingErrorG(double countG, double noiseRmsG) {
        return Math.sqrt(noiseRmsG * noiseRmsG + countG * countG / 12);
    }

    /**
     * Nothing below this is taken for a leg movement, however quiet the chip: the ballistocardiogram,
     * breathing and a partner's movements reach the ankle at up to ≈ 4 mg (docs/DETECTION.md).
     */
    static final double PHYSIOLOGICAL_FLOOR_G = 0.005;

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
        positive("weakOnsetFloorG", weakOnsetFloorG);
        positive("weakOnsetNoiseFactor", weakOnsetNoiseFactor);
        positive("edgeNoiseFactor", edgeNoiseFactor);
        positive("noiseSeconds", noiseSeconds);
        positive("noiseFreezeLimitSeconds", noiseFreezeLimitSeconds);
        positive("quietHoldSeconds", quietHoldSeconds);
        if (!(maxHoldSeconds >= quietHoldSeconds) || !Double.isFinite(maxHoldSeconds)) {
            throw new IllegalArgumentException("maxHoldSeconds (" + maxHoldSeconds
                    + ") must be at least quietHoldSeconds (" + quietHoldSeconds + ")");
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

    /** The same settings with a known sample rate (skips the rate estimate). */
    public DetectorConfig withNominalRateHz(double hz) {
        return new DetectorConfig(hz, lowPassHz, baselineSeconds, stillnessSeconds, onsetFloorG, offsetFloorG,
                onsetNoiseFactor, offsetNoiseFactor, weakOnsetFloorG, weakOnsetNoiseFactor, edgeNoiseFactor,
                noiseSeconds, noiseFreezeLimitSeconds, quietHoldSeconds, maxHoldSeconds, onsetBackdateLimitSeconds,
                gapFactor, minGapSeconds, warmupSeconds);
    }
}
