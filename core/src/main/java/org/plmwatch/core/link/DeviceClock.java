package org.plmwatch.core.link;

import java.util.OptionalLong;

/**
 * The device's clock state, part of {@link DeviceInfo}. The device timestamps everything with its
 * monotonic clock (µs since boot); the last {@link SetTime} gives the pair that maps it to wall-clock
 * time.
 *
 * @param set                 whether a host has set the time since boot; when false the two sync
 *                            fields are 0
 * @param syncEpochMillis     host wall clock of the last SET_TIME, ms since 1970-01-01T00:00Z
 * @param syncMonotonicMicros device monotonic clock when that SET_TIME arrived
 * @param nowMonotonicMicros  device monotonic clock when this DEVICE_INFO was built
 */
public record DeviceClock(boolean set, long syncEpochMillis, long syncMonotonicMicros,
        long nowMonotonicMicros) {

    public DeviceClock {
        Fields.nonNegative("nowMonotonicMicros", nowMonotonicMicros);
        if (!set && (syncEpochMillis != 0 || syncMonotonicMicros != 0)) {
            throw new IllegalArgumentException("an unset clock has no sync pair, got syncEpochMillis="
                    + syncEpochMillis + ", syncMonotonicMicros=" + syncMonotonicMicros);
        }
    }

    public static DeviceClock unset(long nowMonotonicMicros) {
        return new DeviceClock(false, 0, 0, nowMonotonicMicros);
    }

    /** Wall-clock ms of a device monotonic time; empty while the clock is unset. */
    public OptionalLong epochMillisAt(long monotonicMicros) {
        if (!set) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(syncEpochMillis + Math.floorDiv(monotonicMicros - syncMonotonicMicros, 1000L));
    }
}
