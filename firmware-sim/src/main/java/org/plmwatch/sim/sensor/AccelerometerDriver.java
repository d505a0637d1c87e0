package org.plmwatch.sim.sensor;

import java.io.Closeable;

/**
 * A MEMS accelerometer on I2C whose on-chip FIFO is drained in bursts. Implementations take their
 * bus in the constructor, check the chip's identity there and fail with expected vs actual when it
 * is the wrong chip. {@link #close()} puts the chip into power-down; the caller owns and closes the
 * bus itself.
 */
public interface AccelerometerDriver extends Closeable {

    /** The chip's name as printed on its datasheet, e.g. {@code "LIS3DH"}. */
    String chip();

    /**
     * Writes every register the driver relies on (data rate, range, FIFO in stream mode with the
     * watermark, watermark interrupt on the chip's INT1 pin) and starts measuring. Any samples
     * already in the FIFO are discarded.
     */
    void configure(SensorConfig config) throws SensorException;

    /**
     * Reads every sample the FIFO holds now and hands them to the sink, oldest first, as signed
     * counts; multiply by {@link #gPerCount()} for g. When samples may have been lost since the
     * previous drain (FIFO full at drain time, or an earlier read that failed) the sink hears
     * {@link RawSampleSink#samplesLost()} before the first sample. Allocates nothing.
     *
     * @return the number of samples handed to the sink
     * @throws SensorException when an I2C transfer still fails after the bounded retries; the
     *                         next drain then reports the possible loss
     */
    int drain(RawSampleSink sink) throws SensorException;

    /** Scale of the counts handed to the sink, in g per count, for the configured range. */
    double gPerCount();

    /** Running totals since construction. */
    DriverCounters counters();

    /** Puts the chip into power-down; does not close the bus. */
    @Override
    void close() throws SensorException;
}
