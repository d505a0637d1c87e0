package org.plmwatch.sim.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.i2c.I2C;
import org.plmwatch.sim.sensor.AccelerometerDriver;
import org.plmwatch.sim.sensor.Adxl345Driver;
import org.plmwatch.sim.sensor.DrainLoop;
import org.plmwatch.sim.sensor.Lis3dhDriver;
import org.plmwatch.sim.sensor.Pi4jContexts;
import org.plmwatch.sim.sensor.SensorConfig;
import org.plmwatch.sim.sensor.SensorException;
import org.plmwatch.sim.sensor.SensorWiring;
import org.plmwatch.sim.sensor.WatermarkInterrupt;

/**
 * {@code --sensor lis3dh|adxl345} on the Pi: the driver over Pi4J's linuxfs I2C, drained by a
 * {@link DrainLoop} on the FIFO watermark interrupt (GPIO17) with a 1 s timer fallback.
 *
 * <p>Time stamps: there is no time in the FIFO, so a drain is stamped when it finishes (the newest
 * sample was taken at most one period before) and sample {@code i} of {@code n} at
 * {@code drainTime − (n − 1 − i) × period}, smoothed over contiguous drains by
 * {@link DrainStamper} so scheduling jitter neither makes false gaps nor lets the chip's
 * few-percent oscillator error accumulate.
 */
final class ChipSource implements SampleSource {

    static final Path I2C_BUS = Path.of("/dev/i2c-1");
    private static final long FALLBACK_MILLIS = 1000;
    private static final long RETRY_AFTER_FAILURE_MILLIS = 500;

    private final String kind;
    private final MonotonicClock clock;
    private final I2C bus;
    private final DigitalInput interruptLine;
    private final AccelerometerDriver driver;
    private final DrainLoop loop;
    private final WatermarkInterrupt interrupt;
    private final BatchBuffer batch = new BatchBuffer();

    ChipSource(String kind, Context context, MonotonicClock clock) throws StartFailure {
        this.kind = kind;
        this.clock = clock;
        SensorWiring wiring = kind.equals("adxl345") ? SensorWiring.adxl345Default() : SensorWiring.lis3dhDefault();
        requireI2cBus();
        try {
            this.bus = Pi4jContexts.openI2c(context, wiring);
        } catch (RuntimeException e) {
            throw StartFailure.selfTest("cannot open the " + kind + " at " + wiring.location() + ": " + e.getMessage()
                    + ". Fix: check the wiring (hardware/README.md) and `i2cdetect -y 1`");
        }
        try {
            this.driver = kind.equals("adxl345") ? new Adxl345Driver(bus, wiring.location())
                    : new Lis3dhDriver(bus, wiring.location());
            driver.configure(SensorConfig.DEFAULT);
        } catch (SensorException e) {
            bus.close();
            throw StartFailure.selfTest(e.getMessage());
        }
        this.interruptLine = Pi4jContexts.openInterruptLine(context, wiring);
        this.batch.clear();
        this.loop = new DrainLoop(driver, batch);
        this.interrupt = new WatermarkInterrupt(interruptLine, loop::signalWatermark);
    }

    /** Refuses clearly on a computer without the Pi's I2C bus, before Pi4J is asked for it. */
    static void requireI2cBus() throws StartFailure {
        if (!Files.exists(I2C_BUS)) {
            throw StartFailure.selfTest("no I2C bus " + I2C_BUS + " on this computer, so no accelerometer can be "
                    + "reached. Fix: on a PC use --sensor synthetic or --sensor replay:FILE; on the Pi enable I2C "
                    + "(dtparam=i2c_arm=on in /boot/firmware/config.txt, set by hardware/pi-os/install.sh) and reboot");
        }
    }

    @Override
    public String sensorName() {
        return kind;
    }

    @Override
    public double sampleRateHz() {
        return SensorConfig.DEFAULT.outputDataRateHz();
    }

    @Override
    public int rangeG() {
        return SensorConfig.DEFAULT.rangeG();
    }

    @Override
    public double gPerCount() {
        return driver.gPerCount();
    }

    @Override
    public MonotonicClock clock() {
        return clock;
    }

    /** Drains for a second and checks the resting magnitude, then empties the FIFO for the night. */
    @Override
    public void selfTest() throws StartFailure, IOException, InterruptedException {
        short[] first = new short[3 * 2 * BatchBuffer.CAPACITY];
        int n = 0;
        long until = clock.nowMicros() + 1_000_000;
        while (clock.nowMicros() < until && n + BatchBuffer.CAPACITY <= first.length / 3) {
            batch.clear();
            loop.awaitAndDrain(FALLBACK_MILLIS);
            System.arraycopy(batch.xyz, 0, first, 3 * n, 3 * batch.count);
            n += batch.count;
        }
        SelfTest.restingMagnitude(driver.chip(), first, n, driver.gPerCount());
        driver.configure(SensorConfig.DEFAULT);
    }

    @Override
    public void run(NightRecorder recorder) throws IOException, InterruptedException {
        while (true) {
            batch.clear();
            try {
                loop.awaitAndDrain(FALLBACK_MILLIS);
            } catch (SensorException e) {
                recorder.sensorFailed(e.getMessage());
                Thread.sleep(RETRY_AFTER_FAILURE_MILLIS);
                continue;
            }
            long drainMicros = clock.nowMicros();
            if (batch.lost) {
                recorder.samplesLost();
            }
            recorder.drained(drainMicros, batch.xyz, batch.count);
        }
    }

    @Override
    public void close() {
        interrupt.close();
        try {
            driver.close();
        } catch (SensorException e) {
            // powering down failed: the chip keeps sampling until the Pi powers off, harmless
        }
        bus.close();
    }
}
