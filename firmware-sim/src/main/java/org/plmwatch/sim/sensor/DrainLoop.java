package org.plmwatch.sim.sensor;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One step of the device's sampling loop: wait for the watermark interrupt, or for the fallback
 * timeout when an edge was missed (interrupt line unwired, level already high at start), then drain
 * the FIFO into the sink. The interrupt only releases a permit; all I2C traffic stays on the
 * caller's thread.
 */
public final class DrainLoop {

    private final AccelerometerDriver driver;
    private final RawSampleSink sink;
    private final Semaphore watermark = new Semaphore(0);

    public DrainLoop(AccelerometerDriver driver, RawSampleSink sink) {
        this.driver = driver;
        this.sink = sink;
    }

    /** For {@link WatermarkInterrupt}: the FIFO reached its watermark. Safe from any thread. */
    public void signalWatermark() {
        watermark.release();
    }

    /**
     * Waits up to {@code fallbackMillis} for a watermark signal, then drains whatever the FIFO
     * holds.
     *
     * @return samples drained and whether the interrupt (rather than the timer) woke us
     */
    public Drained awaitAndDrain(long fallbackMillis) throws SensorException, InterruptedException {
        boolean byInterrupt = watermark.tryAcquire(fallbackMillis, TimeUnit.MILLISECONDS);
        // Several edges during one wait mean one drain: it empties the FIFO anyway.
        watermark.drainPermits();
        return new Drained(driver.drain(sink), byInterrupt);
    }

    /**
     * @param samples     samples handed to the sink
     * @param byInterrupt true when the watermark interrupt, false when the fallback timer, woke us
     */
    public record Drained(int samples, boolean byInterrupt) {
    }
}
