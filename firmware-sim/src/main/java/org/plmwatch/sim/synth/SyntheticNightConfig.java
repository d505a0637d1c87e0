package org.plmwatch.sim.synth;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * What a synthetic night looks like. Defaults and their sources are in docs/DETECTION.md.
 *
 * @param seed                    every random choice follows from it
 * @param start                   local date-time of time zero
 * @param recordingHours          recording length
 * @param lightsOffSeconds        the patient lies down (walking before), on the 30-s grid
 * @param lightsOnBeforeEndSeconds the patient gets up this long before the recording ends
 * @param sleepOnsetLatencySeconds wake in bed after lights-off, mean
 * @param wakeBoutsPerHour        wake bouts inside the sleep period (1–10 min each)
 * @param rateHz                  nominal sample rate
 * @param jitterSeconds           rms timestamp jitter (clipped to ±0.45 of the period)
 * @param sensor                  noise and quantisation
 * @param plmsPerHour             periodic movements per hour of sleep, in episodes
 * @param isolatedPerHour         non-periodic movements per hour of sleep
 * @param turnoversPerHour        posture changes in sleep (both legs)
 * @param fidgetsPerHour          movements per hour of wake in bed
 * @param bilateralFraction       share of PLMs seen on both legs at once
 * @param minPeakG                smallest movement peak, g (log-uniform to maxPeakG)
 * @param maxPeakG                largest movement peak, g
 * @param maxTiltDegrees          PLMs and isolated movements tilt the foot by 0..this, held with
 *                                the movement's envelope (dorsiflexion)
 * @param movementClass           what the night stresses ({@link MovementClass#STANDARD}: the
 *                                original mix, sample for sample)
 */
public record SyntheticNightConfig(long seed,
                                   LocalDateTime start,
                                   double recordingHours,
                                   double lightsOffSeconds,
                                   double lightsOnBeforeEndSeconds,
                                   double sleepOnsetLatencySeconds,
                                   double wakeBoutsPerHour,
                                   double rateHz,
                                   double jitterSeconds,
                                   SensorModel sensor,
                                   double plmsPerHour,
                                   double isolatedPerHour,
                                   double turnoversPerHour,
                                   double fidgetsPerHour,
                                   double bilateralFraction,
                                   double minPeakG,
                                   double maxPeakG,
                                   double maxTiltDegrees,
                                   MovementClass movementClass) {

    public SyntheticNightConfig {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(movementClass, "movementClass");
        if (!(recordingHours >= 0.25) || recordingHours > 24) {
            throw new IllegalArgumentException("recordingHours must be 0.25..24, was " + recordingHours);
        }
        if (!(lightsOffSeconds >= 0) || !(lightsOnBeforeEndSeconds >= 0)
                || lightsOffSeconds + lightsOnBeforeEndSeconds + 600 > recordingHours * 3600) {
            throw new IllegalArgumentException("lights-off (" + lightsOffSeconds + " s) and lights-on ("
                    + lightsOnBeforeEndSeconds + " s before the end) must leave at least 10 min in bed");
        }
        if (!(sleepOnsetLatencySeconds >= 0) || !(wakeBoutsPerHour >= 0)) {
            throw new IllegalArgumentException("sleep onset latency and wake bouts must be >= 0");
        }
        if (!(rateHz >= 4 && rateHz <= 2000)) {
            throw new IllegalArgumentException("rateHz must be 4..2000, was " + rateHz);
        }
        if (!(jitterSeconds >= 0)) {
            throw new IllegalArgumentException("jitterSeconds must be >= 0, was " + jitterSeconds);
        }
        if (!(plmsPerHour >= 0 && plmsPerHour <= 200) || !(isolatedPerHour >= 0) || !(turnoversPerHour >= 0)
                || !(fidgetsPerHour >= 0)) {
            throw new IllegalArgumentException("event rates must be >= 0 (PLMS at most 200/h)");
        }
        if (!(bilateralFraction >= 0 && bilateralFraction <= 1)) {
            throw new IllegalArgumentException("bilateralFraction must be 0..1, was " + bilateralFraction);
        }
        if (!(maxTiltDegrees >= 0 && maxTiltDegrees <= 45)) {
            throw new IllegalArgumentException("maxTiltDegrees must be 0..45, was " + maxTiltDegrees);
        }
        if (!(minPeakG > 0) || !(maxPeakG >= minPeakG) || maxPeakG > 3) {
            throw new IllegalArgumentException("peaks must satisfy 0 < min <= max <= 3 g, was " + minPeakG + ".." + maxPeakG);
        }
    }

    /** An 8-hour night at 50 Hz on a LIS3DH, 40 PLMS/h. */
    public static SyntheticNightConfig defaults(long seed) {
        return new SyntheticNightConfig(seed, LocalDateTime.of(2026, 1, 15, 22, 30), 8, 600, 300, 900, 0.5,
                50, 0.002, SensorModel.LIS3DH_4G_HIGHRES, 40, 6, 3, 90, 0.3, 0.03, 1.0, 10, MovementClass.STANDARD);
    }

    /** The same night starting at another wall-clock time (several nights of one week, a night that must not overlap). */
    public SyntheticNightConfig withStart(LocalDateTime newStart) {
        return new SyntheticNightConfig(seed, newStart, recordingHours, lightsOffSeconds, lightsOnBeforeEndSeconds,
                sleepOnsetLatencySeconds, wakeBoutsPerHour, rateHz, jitterSeconds, sensor, plmsPerHour,
                isolatedPerHour, turnoversPerHour, fidgetsPerHour, bilateralFraction, minPeakG, maxPeakG, maxTiltDegrees, movementClass);
    }

    public SyntheticNightConfig withRecordingHours(double hours) {
        return new SyntheticNightConfig(seed, start, hours, lightsOffSeconds, lightsOnBeforeEndSeconds,
                sleepOnsetLatencySeconds, wakeBoutsPerHour, rateHz, jitterSeconds, sensor, plmsPerHour,
                isolatedPerHour, turnoversPerHour, fidgetsPerHour, bilateralFraction, minPeakG, maxPeakG, maxTiltDegrees, movementClass);
    }

    public SyntheticNightConfig withTiming(double lightsOff, double lightsOnBeforeEnd, double sleepOnsetLatency) {
        return new SyntheticNightConfig(seed, start, recordingHours, lightsOff, lightsOnBeforeEnd,
                sleepOnsetLatency, wakeBoutsPerHour, rateHz, jitterSeconds, sensor, plmsPerHour,
                isolatedPerHour, turnoversPerHour, fidgetsPerHour, bilateralFraction, minPeakG, maxPeakG, maxTiltDegrees, movementClass);
    }

    public SyntheticNightConfig withSampling(double rate, double jitter, SensorModel sensorModel) {
        return new SyntheticNightConfig(seed, start, recordingHours, lightsOffSeconds, lightsOnBeforeEndSeconds,
                sleepOnsetLatencySeconds, wakeBoutsPerHour, rate, jitter, sensorModel, plmsPerHour,
                isolatedPerHour, turnoversPerHour, fidgetsPerHour, bilateralFraction, minPeakG, maxPeakG, maxTiltDegrees, movementClass);
    }

    public SyntheticNightConfig withPlmsPerHour(double plms) {
        return new SyntheticNightConfig(seed, start, recordingHours, lightsOffSeconds, lightsOnBeforeEndSeconds,
                sleepOnsetLatencySeconds, wakeBoutsPerHour, rateHz, jitterSeconds, sensor, plms,
                isolatedPerHour, turnoversPerHour, fidgetsPerHour, bilateralFraction, minPeakG, maxPeakG, maxTiltDegrees, movementClass);
    }

    public SyntheticNightConfig withSeed(long newSeed) {
        return new SyntheticNightConfig(newSeed, start, recordingHours, lightsOffSeconds, lightsOnBeforeEndSeconds,
                sleepOnsetLatencySeconds, wakeBoutsPerHour, rateHz, jitterSeconds, sensor, plmsPerHour,
                isolatedPerHour, turnoversPerHour, fidgetsPerHour, bilateralFraction, minPeakG, maxPeakG, maxTiltDegrees, movementClass);
    }

    public SyntheticNightConfig withEvents(double isolated, double turnovers, double fidgets, double bilateral) {
        return new SyntheticNightConfig(seed, start, recordingHours, lightsOffSeconds, lightsOnBeforeEndSeconds,
                sleepOnsetLatencySeconds, wakeBoutsPerHour, rateHz, jitterSeconds, sensor, plmsPerHour,
                isolated, turnovers, fidgets, bilateral, minPeakG, maxPeakG, maxTiltDegrees, movementClass);
    }

    public SyntheticNightConfig withMaxTiltDegrees(double degrees) {
        return new SyntheticNightConfig(seed, start, recordingHours, lightsOffSeconds, lightsOnBeforeEndSeconds,
                sleepOnsetLatencySeconds, wakeBoutsPerHour, rateHz, jitterSeconds, sensor, plmsPerHour,
                isolatedPerHour, turnoversPerHour, fidgetsPerHour, bilateralFraction, minPeakG, maxPeakG, degrees, movementClass);
    }

    /** The same night with its PLMs and isolated movements (or an added disturbance) of one class. */
    public SyntheticNightConfig withMovementClass(MovementClass cls) {
        return new SyntheticNightConfig(seed, start, recordingHours, lightsOffSeconds, lightsOnBeforeEndSeconds,
                sleepOnsetLatencySeconds, wakeBoutsPerHour, rateHz, jitterSeconds, sensor, plmsPerHour,
                isolatedPerHour, turnoversPerHour, fidgetsPerHour, bilateralFraction, minPeakG, maxPeakG, maxTiltDegrees,
                cls);
    }
}
