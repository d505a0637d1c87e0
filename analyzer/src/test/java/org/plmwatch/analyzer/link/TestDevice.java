package org.plmwatch.analyzer.link;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.plmwatch.core.model.Leg;
import org.plmwatch.sim.device.DeviceHooks;
import org.plmwatch.sim.device.LiveTap;

/** A device for link tests: nights in a folder, a clock, and a live tap the test drives. */
public final class TestDevice implements DeviceHooks {

    private final String deviceId;
    private final Path nightsDir;
    private final long startNanos = System.nanoTime();
    private volatile Integer recordingNightId;
    private volatile Long wallClockAtZeroMillis;
    private volatile LiveTap tap;
    private final java.util.concurrent.CompletableFuture<LiveTap> firstTap = new java.util.concurrent.CompletableFuture<>();
    final List<long[]> wallClockSets = new CopyOnWriteArrayList<>();

    public TestDevice(String deviceId, Path nightsDir) {
        this.deviceId = deviceId;
        this.nightsDir = nightsDir;
    }

    public void recording(Integer nightId) {
        recordingNightId = nightId;
    }

    public LiveTap tap() {
        return tap;
    }

    /** Completes when a host first starts the live feed. */
    public java.util.concurrent.CompletableFuture<LiveTap> firstTap() {
        return firstTap;
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public String firmwareVersion() {
        return "0.1.0-test";
    }

    @Override
    public String sensor() {
        return "synthetic";
    }

    @Override
    public Leg leg() {
        return Leg.LEFT;
    }

    @Override
    public long monotonicMicros() {
        return (System.nanoTime() - startNanos) / 1000;
    }

    @Override
    public void wallClockSet(long hostEpochMillis, long monotonicMicros) {
        wallClockSets.add(new long[] {hostEpochMillis, monotonicMicros});
        wallClockAtZeroMillis = hostEpochMillis - monotonicMicros / 1000;
    }

    @Override
    public Optional<Long> wallClockAtZeroMillis() {
        return Optional.ofNullable(wallClockAtZeroMillis);
    }

    @Override
    public Path nightsDir() {
        return nightsDir;
    }

    @Override
    public Optional<Integer> recordingNightId() {
        return Optional.ofNullable(recordingNightId);
    }

    @Override
    public void liveTap(LiveTap tap) {
        this.tap = tap;
        if (tap != null) {
            firstTap.complete(tap);
        }
    }
}
