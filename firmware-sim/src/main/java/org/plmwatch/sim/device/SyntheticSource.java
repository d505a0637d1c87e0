package org.plmwatch.sim.device;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.model.Leg;
import org.plmwatch.sim.sensor.Lis3dhDriver;
import org.plmwatch.sim.sensor.RegisterMapFake;
import org.plmwatch.sim.sensor.SensorConfig;
import org.plmwatch.sim.sensor.SensorException;
import org.plmwatch.sim.synth.SyntheticNight;

/**
 * {@code --sensor synthetic}: a {@link SyntheticNight} (LIS3DH ±4 g, 2 mg counts, the chip's noise)
 * played into a {@link RegisterMapFake} LIS3DH one output-data-rate tick at a time, drained by the
 * real {@link Lis3dhDriver} when the fake raises its watermark interrupt, and stamped like the
 * device stamps a drain ({@link DrainStamper}), the drain time being the newest sample's (jittered)
 * time. So driver set-up, FIFO read-out and count decoding run as on
 * the Pi. Data time drives the {@link SimClock}; {@link Pacer} sets the speed.
 */
final class SyntheticSource implements SampleSource {

    private final SyntheticNight night;
    private final Leg leg;
    private final Pacer pacer;
    private final SimClock clock = new SimClock();
    private final RegisterMapFake chip = RegisterMapFake.lis3dh();
    private final Lis3dhDriver driver;
    private final BatchBuffer batch = new BatchBuffer();
    private final double countsPerG;
    private double latestSeconds;

    SyntheticSource(SyntheticNight night, Leg leg, double speed) throws SensorException {
        this.night = night;
        this.leg = leg;
        this.pacer = new Pacer(speed);
        this.driver = new Lis3dhDriver(chip, "simulated i2c-1 address 0x18");
        driver.configure(SensorConfig.DEFAULT);
        if (night.config().rateHz() != SensorConfig.DEFAULT.outputDataRateHz()) {
            throw new IllegalArgumentException("the synthetic night must be sampled at the chip's "
                    + SensorConfig.DEFAULT.outputDataRateHz() + " Hz, was " + night.config().rateHz());
        }
        this.countsPerG = 1.0 / driver.gPerCount();
    }

    @Override
    public String sensorName() {
        return "synthetic";
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

    @Override
    public void selfTest() {
        // The synthetic patient may be walking in the first second; identity was checked by the driver.
    }

    @Override
    public void run(NightRecorder recorder) throws IOException, InterruptedException {
        try {
            night.stream(leg, new AccelSink() {
                @Override
                public void sample(double t, double x, double y, double z) {
                    chip.produce(word(x), word(y), word(z));
                    latestSeconds = t;
                    if (chip.int1High()) {
                        drain(recorder);
                    }
                }

                @Override
                public void end() {
                    drain(recorder);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (Interrupted e) {
            throw e.cause;
        }
    }

    /** A LIS3DH high-resolution output word: 12-bit counts, left-justified (the fake holds register words). */
    private short word(double g) {
        long counts = Math.round(g * countsPerG);
        counts = Math.max(-2048, Math.min(2047, counts));
        return (short) (counts << 4);
    }

    private void drain(NightRecorder recorder) {
        try {
            batch.clear();
            driver.drain(batch);
            long drainMicros = Math.round(latestSeconds * 1e6);
            clock.advanceTo(drainMicros);
            pacer.await(drainMicros, recorder);
            if (batch.lost) {
                recorder.samplesLost();
            }
            recorder.drained(drainMicros, batch.xyz, batch.count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new Interrupted(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.close();
        } catch (SensorException e) {
            // the simulated chip cannot fail to power down
        }
    }

    /** Carries an interrupt out of the generator's callback. */
    private static final class Interrupted extends RuntimeException {
        final InterruptedException cause;

        Interrupted(InterruptedException cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
