package org.plmwatch.sim.device;

/**
 * The device's clock: microseconds since the program started, never going back. The Pi has no RTC,
 * so this is the only time the device trusts; wall-clock time is an offset the host sets
 * ({@link DeviceHooks#wallClockSet}).
 */
@FunctionalInterface
public interface MonotonicClock {

    long nowMicros();

    /** {@code System.nanoTime} from the moment this clock is made: the device's clock. */
    static MonotonicClock system() {
        long zero = System.nanoTime();
        return () -> (System.nanoTime() - zero) / 1000;
    }
}
