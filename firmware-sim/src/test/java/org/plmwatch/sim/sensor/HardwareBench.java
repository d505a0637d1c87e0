package org.plmwatch.sim.sensor;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CRegisterDataReaderWriter;

/**
 * A real chip on the Pi's I2C bus. Opening aborts the test (skipped, not failed) when the bus
 * device file is missing or the expected chip does not answer at the address.
 */
final class HardwareBench implements AccelerometerDriverContract.Bench {

    private final Context pi4j;
    private final I2C i2c;
    private final int rateHz;

    private HardwareBench(Context pi4j, I2C i2c, int rateHz) {
        this.pi4j = pi4j;
        this.i2c = i2c;
        this.rateHz = rateHz;
    }

    static HardwareBench openOrAbort(SensorWiring wiring, String chip, int idRegister, int expectedId) {
        Path device = Path.of("/dev/i2c-" + wiring.i2cBus());
        if (!Files.exists(device)) {
            Assumptions.abort("no " + device + ": not a Pi with I2C enabled (raspi-config, dtparam=i2c_arm=on)");
        }
        Context pi4j = null;
        I2C i2c = null;
        try {
            pi4j = Pi4jContexts.forDevice();
            i2c = Pi4jContexts.openI2c(pi4j, wiring);
            int id = i2c.readRegister(idRegister);
            if (id != expectedId) {
                throw new IllegalStateException(String.format("identity register 0x%02X reads 0x%02X", idRegister, id));
            }
            return new HardwareBench(pi4j, i2c, SensorConfig.DEFAULT.outputDataRateHz());
        } catch (RuntimeException e) {
            if (i2c != null) {
                i2c.close();
            }
            if (pi4j != null) {
                pi4j.shutdown();
            }
            Assumptions.abort("no " + chip + " answers at " + wiring.location() + ": " + e.getMessage());
            throw e; // not reached: abort throws
        }
    }

    @Override
    public I2CRegisterDataReaderWriter bus() {
        return i2c;
    }

    @Override
    public void restFor(int samples) {
        // The real chip samples by itself; the drain loop's fallback timer waits for the data.
    }

    @Override
    public long fallbackMillis() {
        return 2L * 1000 * SensorConfig.DEFAULT.watermarkSamples() / rateHz;
    }

    @Override
    public void close() {
        i2c.close();
        pi4j.shutdown();
    }
}
