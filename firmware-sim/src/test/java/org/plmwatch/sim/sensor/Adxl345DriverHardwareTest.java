package org.plmwatch.sim.sensor;

import java.util.Map;

import com.pi4j.io.i2c.I2CRegisterDataReaderWriter;

/**
 * The same contract on a real ADXL345 at i2c-1 address 0x53, lying still, z up. Skipped unless
 * /dev/i2c-1 exists and DEVID answers 0xE5.
 */
class Adxl345DriverHardwareTest extends AccelerometerDriverContract {

    /** After configure(50 Hz, ±4 g, watermark 25), from the ADXL345 data sheet register map. */
    static final Map<Integer, Integer> DEFAULT_CONFIG_REGISTERS = Map.of(
            0x2C, 0x09,  // BW_RATE: LOW_POWER 0, rate 1001 (50 Hz)
            0x2D, 0x08,  // POWER_CTL: Measure
            0x2E, 0x02,  // INT_ENABLE: Watermark
            0x2F, 0x00,  // INT_MAP: everything on INT1
            0x31, 0x09,  // DATA_FORMAT: FULL_RES, active-high interrupts, right-justified, range 01 (±4 g)
            0x38, 0x99); // FIFO_CTL: FIFO_MODE 10 (stream), trigger INT1, samples 25

    @Override
    protected Bench openBench() {
        return HardwareBench.openOrAbort(SensorWiring.adxl345Default(), "ADXL345", 0x00, 0xE5);
    }

    @Override
    protected AccelerometerDriver newDriver(I2CRegisterDataReaderWriter bus) throws SensorException {
        return new Adxl345Driver(bus, SensorWiring.adxl345Default().location());
    }

    @Override
    protected String chipName() {
        return "ADXL345";
    }

    @Override
    protected Map<Integer, Integer> datasheetRegistersForDefaultConfig() {
        return DEFAULT_CONFIG_REGISTERS;
    }

    @Override
    protected Map.Entry<Integer, Integer> powerDownRegister() {
        return Map.entry(0x2D, 0x00);
    }
}
