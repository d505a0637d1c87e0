package org.plmwatch.core.sleep;

import java.util.List;
import java.util.Objects;
import org.plmwatch.core.model.Hypnogram;
import org.plmwatch.core.model.LegMovement;

/**
 * One night's sleep/wake estimated from ankle accelerometers.
 *
 * @param lightsOffSeconds   start of the night's lying period (estimated lights-off)
 * @param lightsOnSeconds    its end (estimated lights-on)
 * @param hypnogram          {@code SLEEP}/{@code WAKE} 30-s epochs from lights-off to lights-on;
 *                           time not recorded (gaps, device off the ankle) has no epoch
 * @param movements          the leg movements of the night (onset from lights-off to lights-on)
 * @param lyingFound         false when no epoch looked like lying (wrong shank axis, or the device
 *                           was put on in bed): then the whole recording, if at most a day, is
 *                           taken as time in bed
 * @param notRecordedSeconds time from lights-off to lights-on without an epoch: no samples, or
 *                           the device off the ankle
 * @param offAnkleSeconds    the part of {@code notRecordedSeconds} that had samples but no sign of
 *                           a worn device (still for {@link NightSplitConfig#offAnkleStillSeconds()})
 * @param shorterThanNight   true when the recording held no lying period of a night's length and
 *                           this, its longest, was taken instead
 */
public record ActigraphySleep(double lightsOffSeconds, double lightsOnSeconds, Hypnogram hypnogram,
                              List<LegMovement> movements, boolean lyingFound, double notRecordedSeconds,
                              double offAnkleSeconds, boolean shorterThanNight) {
    public ActigraphySleep {
        Objects.requireNonNull(hypnogram, "hypnogram");
        movements = List.copyOf(movements);
    }

    public ActigraphySleep(double lightsOffSeconds, double lightsOnSeconds, Hypnogram hypnogram,
                           List<LegMovement> movements, boolean lyingFound) {
        this(lightsOffSeconds, lightsOnSeconds, hypnogram, movements, lyingFound, 0, 0, false);
    }
}
