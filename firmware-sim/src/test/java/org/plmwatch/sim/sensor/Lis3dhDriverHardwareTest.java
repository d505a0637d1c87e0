package org.plmwatch.sim.sensor;

import java.util.Map;

import com.pi4j.io.i2c.I2CRegisterDataReaderWriter;

/**
 * The same contract on a real LIS3DH at i2c-1 address 0x18, lying still, z up. Skipped unless
 * /dev/i2c-1 exists and WHO_AM_I answers 0x33.
 */
class Lis3dhDriverHardwareTest extends AccelerometerDriverContract {

    /** After configure(50 Hz, ±4 g, watermark 25), from datasheet DocID17530 Rev 2 section 8. */
    static final Map<Integer, Integer> DEFAULT_CONFIG_REGISTERS = Map.of(
            0x20, 0x47,  // CTRL_REG1: ODR 0100 (50 Hz), LPen 0, Z/Y/X enabled
            0x22, 0x04,  // CTRL_REG3: I1_WTM
            0x23, 0x98,  // CTRL_REG4: BDU, FS 01 (±4 g), HR
            0x24, 0x40,  // CTRL_REG5: FIFO_EN
            0x2E, 0x99); // FIFO_CTRL_REG: FM 10 (stream), TR 0 (INT1), FTH 25

    @Override
    protected Bench openBench() {
        return HardwareBench.openOrAbort(SensorWiring.lis3dhDefault(), "LIS3DH", 0x0F, 0x33);
    }

    @Override
    protected AccelerometerDriver newDriver(I2CRegisterDataReaderWriter bus) throws SensorException {
        return new Lis3dhDriver(bus, SensorWiring.lis3dhDefault().location());
    }

    @Override
    protected String chipName() {
        return "LIS3DH";
    }

    @Override
    protected Map<Integer, Integer> datasheetRegistersForDefaultConfig() {
        return DEFAULT_CONFIG_REGISTERS;
    }

    @Override
    protected Map.Entry<Integer, Integer> powerDownRegister() {
        return Map.entry(0x20, 0x07);
    }
}
