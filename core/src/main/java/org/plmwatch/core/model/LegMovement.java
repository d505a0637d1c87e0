package org.plmwatch.core.model;

import java.util.Objects;

/**
 * One monolateral leg movement: a tibialis EMG burst scored on a PSG, or a burst of ankle
 * acceleration found by the detector.
 *
 * @param leg             the leg it was seen on
 * @param onsetSeconds    onset, seconds from the night's time zero
 * @param durationSeconds onset to offset, seconds (never negative)
 * @param peakG           peak acceleration magnitude above rest, in g; {@code NaN} when the
 *                        movement did not come from an accelerometer
 */
public record LegMovement(Leg leg, double onsetSeconds, double durationSeconds, double peakG) {

    public LegMovement {
        Objects.requireNonNull(leg, "leg");
        if (!Double.isFinite(onsetSeconds)) {
            throw new IllegalArgumentException("onset must be finite, was " + onsetSeconds);
        }
        if (!(durationSeconds >= 0) || !Double.isFinite(durationSeconds)) {
            throw new IllegalArgumentException("duration must be finite and >= 0, was " + durationSeconds);
        }
    }

    /** A movement with no acceleration peak (from a PSG export). */
    public static LegMovement of(Leg leg, double onsetSeconds, double durationSeconds) {
        return new LegMovement(leg, onsetSeconds, durationSeconds, Double.NaN);
    }

    public double offsetSeconds() {
        return onsetSeconds + durationSeconds;
    }

    public boolean hasPeak() {
        return !Double.isNaN(peakG);
    }
}
