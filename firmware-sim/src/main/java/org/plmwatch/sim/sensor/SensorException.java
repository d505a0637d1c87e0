package org.plmwatch.sim.sensor;

import java.io.IOException;

/**
 * The accelerometer cannot be used: wrong chip at the address, or an I2C transfer that kept failing.
 * The message says what, where (bus and address) and how to fix it.
 */
public final class SensorException extends IOException {

    public SensorException(String message) {
        super(message);
    }

    public SensorException(String message, Throwable cause) {
        super(message, cause);
    }
}
