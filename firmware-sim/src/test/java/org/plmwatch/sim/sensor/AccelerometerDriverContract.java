package org.plmwatch.sim.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.pi4j.io.i2c.I2CRegisterDataReaderWriter;

/**
 * What every accelerometer driver must do, run against a register-map fake and, when one is
 * wired, the real chip. Subclasses say which chip and which bench.
 */
abstract class AccelerometerDriverContract {

    /** A bus with a chip on it, and a way to let a chip at rest produce samples. */
    interface Bench extends AutoCloseable {
        I2CRegisterDataReaderWriter bus();

        /** The sensor lies still, z up, for {@code samples} output-data-rate ticks. */
        void restFor(int samples);

        /** How long a drain step waits for the interrupt before draining anyway. */
        long fallbackMillis();

        @Override
        void close();
    }

    protected Bench bench;

    /** Opens the bench, or aborts the test (JUnit Assumptions) when its hardware is absent. */
    protected abstract Bench openBench() throws Exception;

    protected abstract AccelerometerDriver newDriver(I2CRegisterDataReaderWriter bus) throws SensorException;

    protected abstract String chipName();

    /** Register values after {@code configure(SensorConfig.DEFAULT)}, from the datasheet. */
    protected abstract Map<Integer, Integer> datasheetRegistersForDefaultConfig();

    /** The power/data-rate register and its value in power-down / standby. */
    protected abstract Map.Entry<Integer, Integer> powerDownRegister();

    @BeforeEach
    void openBenchForTest() throws Exception {
        bench = openBench();
    }

    @AfterEach
    void closeBench() {
        if (bench != null) {
            bench.close();
        }
    }

    @Test
    void identityCheckPassesOnTheRightChip() throws Exception {
        try (AccelerometerDriver driver = newDriver(bench.bus())) {
            assertEquals(chipName(), driver.chip());
        }
    }

    @Test
    void configureWritesTheDatasheetRegisterValues() throws Exception {
        try (AccelerometerDriver driver = newDriver(bench.bus())) {
            driver.configure(SensorConfig.DEFAULT);
            for (Map.Entry<Integer, Integer> e : datasheetRegistersForDefaultConfig().entrySet()) {
                int read = bench.bus().readRegister(e.getKey());
                assertEquals(e.getValue().intValue(), read, String.format(
                        "register 0x%02X: expected 0x%02X, read 0x%02X", e.getKey(), e.getValue(), read));
            }
        }
    }

    @Test
    void restingSensorReadsOneG() throws Exception {
        try (AccelerometerDriver driver = newDriver(bench.bus())) {
            driver.configure(SensorConfig.DEFAULT);
            RecordingSink sink = new RecordingSink();
            DrainLoop loop = new DrainLoop(driver, sink);
            bench.restFor(30);
            for (int step = 0; step < 10 && sink.samples().size() < 25; step++) {
                loop.awaitAndDrain(bench.fallbackMillis());
            }
            assertTrue(sink.samples().size() >= 25, "samples drained: " + sink.samples().size());
            double g = driver.gPerCount();
            for (RecordingSink.Event e : sink.samples()) {
                double magnitudeG = Math.sqrt(e.x() * e.x() + e.y() * e.y() + e.z() * e.z()) * g;
                // Datasheet zero-g offsets and sensitivity tolerances stay well inside ±0.1 g.
                assertEquals(1.0, magnitudeG, 0.1, "|a| of a sensor at rest, in g: " + e);
            }
        }
    }

    @Test
    void closePutsTheChipIntoPowerDown() throws Exception {
        AccelerometerDriver driver = newDriver(bench.bus());
        driver.configure(SensorConfig.DEFAULT);
        driver.close();
        Map.Entry<Integer, Integer> power = powerDownRegister();
        assertEquals(power.getValue().intValue(), bench.bus().readRegister(power.getKey()));
    }
}
