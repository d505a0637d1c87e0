package org.plmwatch.core.nightfile;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The first block of a night file: who recorded and how to turn raw counts into g.
 *
 * @param deviceId         the device's own id (e.g. its serial number); up to 255 UTF-8 bytes
 * @param firmwareVersion  firmware version string; up to 255 UTF-8 bytes
 * @param sensor           sensor source: {@code lis3dh}, {@code adxl345}, {@code synthetic}, {@code replay}...
 * @param sampleRateHz     nominal output data rate
 * @param rangeG           full scale, ± g (2, 4, 8, 16)
 * @param scaleGPerLsb     g per count of the stored int16 samples (right-justified counts: LIS3DH
 *                         ±4 g high-resolution is 0.002)
 * @param wornOn           leg the device is strapped to
 * @param startUnixMicros  wall-clock time of file time zero, microseconds since 1970 UTC; empty when
 *                         the device did not know it (the Pi has no RTC); a later TIME_SET block may set it
 * @param properties       free-form key/values (ordered), e.g. {@code odr.mode=high-res}
 */
public record NightHeader(String deviceId,
                          String firmwareVersion,
                          String sensor,
                          double sampleRateHz,
                          int rangeG,
                          double scaleGPerLsb,
                          WornOn wornOn,
                          OptionalLong startUnixMicros,
                          Map<String, String> properties) {

    public NightHeader {
        checkString("deviceId", deviceId, 255);
        checkString("firmwareVersion", firmwareVersion, 255);
        checkString("sensor", sensor, 255);
        if (!(sampleRateHz >= 1 && sampleRateHz <= 10_000)) {
            throw new IllegalArgumentException("sampleRateHz must be in [1, 10000] Hz, was " + sampleRateHz);
        }
        if (rangeG <= 0 || rangeG > 0xFFFF) {
            throw new IllegalArgumentException("rangeG must be in 1..65535, was " + rangeG);
        }
        if (!(scaleGPerLsb > 0) || !Double.isFinite(scaleGPerLsb)) {
            throw new IllegalArgumentException("scaleGPerLsb must be finite and > 0, was " + scaleGPerLsb);
        }
        Objects.requireNonNull(wornOn, "wornOn");
        Objects.requireNonNull(startUnixMicros, "startUnixMicros");
        Objects.requireNonNull(properties, "properties");
        if (properties.size() > 0xFFFF) {
            throw new IllegalArgumentException("at most 65535 properties, got " + properties.size());
        }
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            checkString("property key", k, 255);
            checkString("property value of " + k, v, 0xFFFF);
            copy.put(k, v);
        });
        properties = Collections.unmodifiableMap(copy);
    }

    /** A header without properties. */
    public static NightHeader of(String deviceId, String firmwareVersion, String sensor, double sampleRateHz,
                                 int rangeG, double scaleGPerLsb, WornOn wornOn, OptionalLong startUnixMicros) {
        return new NightHeader(deviceId, firmwareVersion, sensor, sampleRateHz, rangeG, scaleGPerLsb, wornOn,
                startUnixMicros, Map.of());
    }

    /** The nominal sample period in nanoseconds, as stored in each sample block. */
    public long nominalPeriodNanos() {
        return Math.round(1e9 / sampleRateHz);
    }

    private static void checkString(String name, String value, int maxUtf8Bytes) {
        Objects.requireNonNull(value, name);
        int n = value.getBytes(StandardCharsets.UTF_8).length;
        if (n > maxUtf8Bytes) {
            throw new IllegalArgumentException(name + " is " + n + " UTF-8 bytes, at most " + maxUtf8Bytes + " fit");
        }
    }
}
