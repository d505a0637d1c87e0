package org.plmwatch.core.link;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import org.plmwatch.core.model.Leg;

/**
 * DEVICE_INFO (0x81), device → host: the answer to {@link Hello}.
 *
 * @param deviceId          stable id of this device (e.g. the Pi's serial number)
 * @param firmwareVersion   firmware version string
 * @param sensor            accelerometer driver in use: {@code lis3dh}, {@code adxl345},
 *                          {@code synthetic}, {@code replay}
 * @param legs              the leg(s) this device records; empty when not configured yet
 * @param freeStorageBytes  free bytes on the data partition
 * @param totalStorageBytes size of the data partition
 * @param clock             clock state
 */
public record DeviceInfo(String deviceId, String firmwareVersion, String sensor, Set<Leg> legs,
        long freeStorageBytes, long totalStorageBytes, DeviceClock clock) implements Message {

    public DeviceInfo {
        Fields.text("deviceId", deviceId);
        Fields.text("firmwareVersion", firmwareVersion);
        Fields.text("sensor", sensor);
        legs = Set.copyOf(legs);
        Fields.nonNegative("freeStorageBytes", freeStorageBytes);
        Fields.nonNegative("totalStorageBytes", totalStorageBytes);
        if (freeStorageBytes > totalStorageBytes) {
            throw new IllegalArgumentException("freeStorageBytes " + freeStorageBytes
                    + " exceeds totalStorageBytes " + totalStorageBytes);
        }
        Objects.requireNonNull(clock, "clock");
    }

    @Override
    public MessageType type() {
        return MessageType.DEVICE_INFO;
    }

    @Override
    public void encodeBody(BodyWriter w) {
        w.string(deviceId);
        w.string(firmwareVersion);
        w.string(sensor);
        int mask = 0;
        for (Leg leg : legs) {
            mask |= 1 << Fields.legCode(leg);
        }
        w.u8(mask);
        w.i64(freeStorageBytes);
        w.i64(totalStorageBytes);
        w.u8(clock.set() ? 1 : 0);
        w.i64(clock.syncEpochMillis());
        w.i64(clock.syncMonotonicMicros());
        w.i64(clock.nowMonotonicMicros());
    }

    public static DeviceInfo decodeBody(BodyReader r) {
        String id = r.string("deviceId");
        String fw = r.string("firmwareVersion");
        String sensor = r.string("sensor");
        int mask = r.u8("legs");
        if ((mask & ~3) != 0) {
            throw new MalformedMessageException("DEVICE_INFO legs mask 0x" + Integer.toHexString(mask)
                    + " has bits other than 0 (left) and 1 (right)");
        }
        Set<Leg> legs = EnumSet.noneOf(Leg.class);
        if ((mask & 1) != 0) {
            legs.add(Leg.LEFT);
        }
        if ((mask & 2) != 0) {
            legs.add(Leg.RIGHT);
        }
        long free = r.i64("freeStorageBytes");
        long total = r.i64("totalStorageBytes");
        int clockFlags = r.u8("clockFlags");
        if ((clockFlags & ~1) != 0) {
            throw new MalformedMessageException("DEVICE_INFO clock flags 0x"
                    + Integer.toHexString(clockFlags) + " has bits other than bit 0 (set)");
        }
        DeviceClock clock = new DeviceClock(clockFlags == 1, r.i64("syncEpochMillis"),
                r.i64("syncMonotonicMicros"), r.i64("nowMonotonicMicros"));
        return new DeviceInfo(id, fw, sensor, legs, free, total, clock);
    }
}
