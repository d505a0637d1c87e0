package org.plmwatch.sim.sensor;

import com.pi4j.exception.Pi4JException;
import com.pi4j.io.i2c.I2CRegisterDataReaderWriter;

/**
 * Register access with a bounded number of attempts. A loose jumper or a brown-out makes single I2C
 * transfers fail (Pi4J throws unchecked {@link Pi4JException}s, short reads return fewer bytes);
 * one more attempt usually succeeds. Every retry and every final failure is counted so the night's
 * log shows how healthy the bus was. Not thread-safe: one drain loop owns a driver.
 */
final class RetryingRegisters {

    /** First attempt plus two retries: a transfer at 400 kHz takes well under a millisecond. */
    static final int MAX_ATTEMPTS = 3;

    private final I2CRegisterDataReaderWriter bus;
    private final String location;
    private final byte[] subAddress = new byte[1];
    private final byte[] one = new byte[1];
    private long retries;
    private long failures;

    RetryingRegisters(I2CRegisterDataReaderWriter bus, String location) {
        if (bus == null) {
            throw new IllegalArgumentException("no I2C bus given for the accelerometer at " + location);
        }
        this.bus = bus;
        this.location = location;
    }

    String location() {
        return location;
    }

    long retries() {
        return retries;
    }

    long failures() {
        return failures;
    }

    int readByte(int register, String name) throws SensorException {
        readBlock(register, one, 1, name);
        return one[0] & 0xFF;
    }

    /**
     * Reads {@code length} bytes starting at {@code register} in one I2C transaction. The
     * register byte is sent as given, so chips that need a flag in it (LIS3DH auto-increment,
     * bit 7) get it from the caller.
     */
    void readBlock(int register, byte[] into, int length, String name) throws SensorException {
        subAddress[0] = (byte) register;
        Pi4JException last = null;
        int lastCount = -1;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (attempt > 1) {
                retries++;
            }
            try {
                // The byte[] sub-address overload avoids the per-call array LinuxFsI2C makes for int.
                int count = bus.readRegister(subAddress, into, 0, length);
                if (count == length) {
                    return;
                }
                lastCount = count;
                last = null;
            } catch (Pi4JException e) {
                last = e;
            }
        }
        failures++;
        String what = last != null ? last.getMessage() : "got " + lastCount + " of " + length + " bytes";
        throw new SensorException(location + ": reading " + name + " (0x" + hex(register & 0x7F) + ") failed "
                + MAX_ATTEMPTS + " times (" + what + "); check the wiring (SDA GPIO2 pin 3, SCL GPIO3 pin 5,"
                + " 3V3 pin 1, GND pin 6) and that the sensor is powered", last);
    }

    void writeByte(int register, int value, String name) throws SensorException {
        Pi4JException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (attempt > 1) {
                retries++;
            }
            try {
                bus.writeRegister(register, (byte) value);
                return;
            } catch (Pi4JException e) {
                last = e;
            }
        }
        failures++;
        throw new SensorException(location + ": writing 0x" + hex(value) + " to " + name + " (0x" + hex(register)
                + ") failed " + MAX_ATTEMPTS + " times (" + last.getMessage() + "); check the wiring (SDA GPIO2"
                + " pin 3, SCL GPIO3 pin 5, 3V3 pin 1, GND pin 6) and that the sensor is powered", last);
    }

    static String hex(int value) {
        return String.format("%02X", value & 0xFF);
    }
}
