package org.plmwatch.core.nightfile;

import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;

/**
 * A leg movement found by the device's own detector, as stored in a MOVEMENTS block.
 *
 * @param onsetSeconds    seconds from the file's time zero
 * @param durationSeconds onset to offset
 * @param peakG           peak acceleration above rest, g
 */
public record RecordedMovement(double onsetSeconds, double durationSeconds, double peakG) {

    /** As a model movement on the given leg (the header's {@link WornOn}, or the caller's knowledge). */
    public LegMovement onLeg(Leg leg) {
        return new LegMovement(leg, onsetSeconds, durationSeconds, peakG);
    }
}
