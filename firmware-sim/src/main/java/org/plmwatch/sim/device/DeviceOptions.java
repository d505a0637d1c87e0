package org.plmwatch.sim.device;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import org.plmwatch.core.model.Leg;

/**
 * What {@code plmwatch-device} was asked to do (validated).
 *
 * @param sensor              {@code lis3dh}, {@code adxl345}, {@code synthetic} or {@code replay}
 * @param replayFile          the recording for {@code replay}
 * @param leg                 the leg the device is strapped to (and the synthetic leg streamed)
 * @param dataDir             where {@code device-id}, {@code last-night-id} and {@code nights/} live
 * @param speed               simulated sensors: data time per real time; 0 = as fast as possible
 * @param flushSeconds        device time between flushes (the power-loss bound, with the FIFO)
 * @param seed                synthetic night seed
 * @param hours               synthetic night length (0.25–24 h)
 * @param marksSeconds        simulator button presses at these device times (s), alternating
 *                            lights-off / lights-on like the real button
 * @param minFreeBytes        below this much free space samples stop (storage full)
 * @param printFlushes        print {@code flushed seq=N bytes=B} after each flush
 * @param lowBatteryAtSeconds simulator: the battery reads low from this device time (closes 10 s later)
 */
public record DeviceOptions(String sensor, Optional<Path> replayFile, Leg leg, Path dataDir, double speed,
                            double flushSeconds, long seed, double hours, List<Double> marksSeconds,
                            long minFreeBytes, boolean printFlushes, OptionalDouble lowBatteryAtSeconds) {

    public DeviceOptions {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(replayFile, "replayFile");
        Objects.requireNonNull(leg, "leg");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(lowBatteryAtSeconds, "lowBatteryAtSeconds");
        if (!List.of("lis3dh", "adxl345", "synthetic", "replay").contains(sensor)) {
            throw new IllegalArgumentException("--sensor must be lis3dh, adxl345, synthetic or replay:FILE, was " + sensor);
        }
        if (sensor.equals("replay") != replayFile.isPresent()) {
            throw new IllegalArgumentException("a replay file goes with --sensor replay:FILE only");
        }
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("--speed must be >= 0 (0 = as fast as possible), was " + speed);
        }
        if (!(flushSeconds >= 0.01 && flushSeconds <= 60)) {
            throw new IllegalArgumentException("--flush-seconds must be 0.01..60 (1-5 s on the device), was " + flushSeconds);
        }
        if (!(hours >= 0.25 && hours <= 24)) {
            throw new IllegalArgumentException("--hours must be 0.25..24, was " + hours);
        }
        marksSeconds = List.copyOf(marksSeconds);
        for (double m : marksSeconds) {
            if (!(m >= 0) || Double.isInfinite(m)) {
                throw new IllegalArgumentException("--marks times must be seconds >= 0, was " + m);
            }
        }
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("--min-free-mb must be >= 0");
        }
    }

    /** A synthetic night into {@code dataDir}, as fast as possible: the tests' and benchmarks' start. */
    public static DeviceOptions synthetic(Path dataDir, long seed, double hours) {
        return new DeviceOptions("synthetic", Optional.empty(), Leg.LEFT, dataDir, 0, 2, seed, hours, List.of(),
                16_000_000, false, OptionalDouble.empty());
    }

    public DeviceOptions withMarks(List<Double> seconds) {
        return new DeviceOptions(sensor, replayFile, leg, dataDir, speed, flushSeconds, seed, hours, seconds,
                minFreeBytes, printFlushes, lowBatteryAtSeconds);
    }

    public DeviceOptions withLowBatteryAt(double seconds) {
        return new DeviceOptions(sensor, replayFile, leg, dataDir, speed, flushSeconds, seed, hours, marksSeconds,
                minFreeBytes, printFlushes, OptionalDouble.of(seconds));
    }

    public DeviceOptions withReplay(Path file) {
        return new DeviceOptions("replay", Optional.of(file), leg, dataDir, speed, flushSeconds, seed, hours, marksSeconds,
                minFreeBytes, printFlushes, lowBatteryAtSeconds);
    }

    public DeviceOptions withMinFreeBytes(long bytes) {
        return new DeviceOptions(sensor, replayFile, leg, dataDir, speed, flushSeconds, seed, hours, marksSeconds,
                bytes, printFlushes, lowBatteryAtSeconds);
    }

    public boolean realSensor() {
        return sensor.equals("lis3dh") || sensor.equals("adxl345");
    }
}
