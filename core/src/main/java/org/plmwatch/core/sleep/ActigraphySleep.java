package org.plmwatch.core.sleep;

import java.util.List;
import java.util.Objects;
import org.plmwatch.core.model.Hypnogram;
import org.plmwatch.core.model.LegMovement;

/**
 * Sleep/wake estimated from one ankle accelerometer.
 *
 * @param lightsOffSeconds start of the main lying period (estimated lights-off)
 * @param lightsOnSeconds  its end (estimated lights-on)
 * @param hypnogram        {@code SLEEP}/{@code WAKE} epochs from lights-off to lights-on
 * @param movements        the leg movements the estimate was made from (whole recording)
 * @param lyingFound       false when no epoch looked like lying (wrong shank axis, or the device
 *                         was put on in bed): then the whole recording is taken as time in bed
 */
public record ActigraphySleep(double lightsOffSeconds, double lightsOnSeconds, Hypnogram hypnogram,
                              List<LegMovement> movements, boolean lyingFound) {
    public ActigraphySleep {
        Objects.requireNonNull(hypnogram, "hypnogram");
        movements = List.copyOf(movements);
    }
}
