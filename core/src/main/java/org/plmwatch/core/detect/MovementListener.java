package org.plmwatch.core.detect;

/**
 * Receives what {@link LegMovementDetector} finds. Calls come from the thread that feeds samples,
 * in time order, and only when a movement is complete (its offset is known and no continuation
 * followed within 0.4 s), so a movement is reported about {@link DetectorConfig#quietHoldSeconds()}
 * + 0.4 s after it ended, or, when the foot came to rest in another orientation, up to
 * {@link DetectorConfig#maxHoldSeconds()} after (until it is known whether the foot comes back).
 */
public interface MovementListener {

    /**
     * One leg movement.
     *
     * @param onsetSeconds    onset, from the sample timestamps (interpolated between samples)
     * @param durationSeconds onset to offset, &gt; 0
     * @param peakG           peak dynamic acceleration |a − gravity baseline| during the movement, g
     */
    void movement(double onsetSeconds, double durationSeconds, double peakG);

    /**
     * Samples are missing between two times (reported by the source, or a time step much larger
     * than the sampling period). Any movement in progress was ended at {@code fromSeconds}.
     */
    default void gap(double fromSeconds, double toSeconds) {
    }
}
