package org.plmwatch.sim.device;

/**
 * The firmware's own codes in FAULT blocks (u16, docs/FORMATS.md). Codes are never reused: a
 * report reads old files with them.
 */
public final class FaultCodes {

    /** An I2C transfer kept failing after the driver's retries; samples from then on are missing. */
    public static final int SENSOR_FAILING = 1;
    /** Free space fell below the threshold: samples stop, movements and marks are still written. */
    public static final int STORAGE_FULL = 2;
    /** The battery is low (warning, repeated once a minute until the device closes the night). */
    public static final int BATTERY_LOW = 3;
    /** The battery stayed low: the night is closed and the device shuts down (exit status 10). */
    public static final int BATTERY_CLOSING = 4;

    private FaultCodes() {
    }
}
