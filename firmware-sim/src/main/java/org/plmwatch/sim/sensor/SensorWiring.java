package org.plmwatch.sim.sensor;

/**
 * Where the accelerometer sits on the Pi Zero 2 W: I2C1 (SDA GPIO2 header pin 3, SCL GPIO3 pin 5,
 * 3V3 pin 1, GND pin 6) and its INT1 pin on a GPIO input (BCM numbering).
 *
 * @param i2cBus        Linux I2C bus number, 1 for /dev/i2c-1
 * @param i2cAddress    7-bit device address
 * @param interruptBcm  BCM GPIO number of the line from the chip's INT1
 */
public record SensorWiring(int i2cBus, int i2cAddress, int interruptBcm) {

    /** INT1 to GPIO17, header pin 11: free on the Pi and next to the I2C pins. */
    public static final int DEFAULT_INTERRUPT_BCM = 17;

    public SensorWiring {
        if (i2cBus < 0) {
            throw new IllegalArgumentException("I2C bus " + i2cBus + " is negative; the Pi header bus is 1");
        }
        if (i2cAddress < 0x03 || i2cAddress > 0x77) {
            throw new IllegalArgumentException("I2C address 0x" + Integer.toHexString(i2cAddress)
                    + " is outside the 7-bit range 0x03-0x77");
        }
        if (interruptBcm < 0 || interruptBcm > 27) {
            throw new IllegalArgumentException("GPIO " + interruptBcm + " is not a header GPIO (BCM 0-27)");
        }
    }

    /** LIS3DH with SDO/SA0 low (Adafruit breakout default): address 0x18. */
    public static SensorWiring lis3dhDefault() {
        return new SensorWiring(1, 0x18, DEFAULT_INTERRUPT_BCM);
    }

    /** ADXL345 with SDO/ALT ADDRESS low (common breakouts): address 0x53. */
    public static SensorWiring adxl345Default() {
        return new SensorWiring(1, 0x53, DEFAULT_INTERRUPT_BCM);
    }

    /** For messages, e.g. {@code "i2c-1 address 0x18"}. */
    public String location() {
        return "i2c-" + i2cBus + " address 0x" + String.format("%02X", i2cAddress);
    }
}
