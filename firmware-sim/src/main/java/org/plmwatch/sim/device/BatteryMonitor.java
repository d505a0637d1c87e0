package org.plmwatch.sim.device;

/**
 * The battery as the device loop sees it (hardware/power.md, "Low battery: the firmware's
 * contract"): {@link State#LOW} from the first low reading (a warning block once a minute), then
 * {@link State#CRITICAL} once it has stayed low for 10 s (close the night, exit 10).
 */
@FunctionalInterface
public interface BatteryMonitor {

    /** Low for this long means close the night (hardware/power.md). */
    long CRITICAL_AFTER_MICROS = 10_000_000;

    enum State { OK, LOW, CRITICAL }

    /** The state at device time {@code nowMicros}; called from the device loop only. */
    State state(long nowMicros);

    /** A battery that never runs low (mains, or a simulator without --low-battery-at). */
    static BatteryMonitor never() {
        return now -> State.OK;
    }

    /** The simulator's battery: low from {@code lowFromMicros} on, critical 10 s later. */
    static BatteryMonitor lowFrom(long lowFromMicros) {
        return now -> now < lowFromMicros ? State.OK
                : now - lowFromMicros < CRITICAL_AFTER_MICROS ? State.LOW : State.CRITICAL;
    }
}
