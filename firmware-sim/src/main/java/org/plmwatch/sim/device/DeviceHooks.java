package org.plmwatch.sim.device;

import java.nio.file.Path;
import java.util.Optional;

import org.plmwatch.core.model.Leg;

/**
 * What a link server may ask of the running device program. The device program implements it;
 * the link server ({@code org.plmwatch.sim.link}) only uses it, so the two can be built and tested
 * apart. Night files live in {@link #nightsDir()} as {@code night-NNNNNN.night} (six-digit night
 * id, counting up from 1, never reused on this device).
 */
public interface DeviceHooks {

    /** Stable identity of this device (kept in the data directory across restarts). */
    String deviceId();

    String firmwareVersion();

    /** {@code lis3dh}, {@code adxl345}, {@code synthetic} or {@code replay}. */
    String sensor();

    Leg leg();

    /** Now, on the device's monotonic clock: microseconds since this program started. */
    long monotonicMicros();

    /**
     * The host set the wall clock: {@code hostEpochMillis} was the time at device time
     * {@code monotonicMicros}. The device records it in the night being recorded (TIME_SET block)
     * and uses it for night start times from then on.
     */
    void wallClockSet(long hostEpochMillis, long monotonicMicros);

    /** Wall-clock epoch milliseconds of device time zero, if the host ever set it. */
    Optional<Long> wallClockAtZeroMillis();

    /** The folder of night files. */
    Path nightsDir();

    /** Id of the night being recorded now, if any: the link serves it as "recording". */
    Optional<Integer> recordingNightId();

    /** Start or replace ({@code tap != null}) or stop ({@code null}) the live feed. */
    void liveTap(LiveTap tap);
}
