package org.plmwatch.sim.device;

/**
 * The simulator's device clock: the time of the data. A simulated or replayed sensor advances it
 * as its samples come, so at {@code --speed 1} it runs with real time and at any other speed the
 * night file, the detector, the marks and the link all see the same, data-consistent time.
 */
public final class SimClock implements MonotonicClock {

    private volatile long nowMicros;

    @Override
    public long nowMicros() {
        return nowMicros;
    }

    /** The data reached {@code micros}; earlier values are ignored (the clock never goes back). */
    public void advanceTo(long micros) {
        if (micros > nowMicros) {
            nowMicros = micros;
        }
    }
}
