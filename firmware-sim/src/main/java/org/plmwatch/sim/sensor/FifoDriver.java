package org.plmwatch.sim.sensor;

/**
 * What the FIFO accelerometer drivers share: draining the 32-level FIFO into a sink without
 * allocating, the loss accounting (a FIFO found full, or a sample read that failed, reaches the
 * sink once as {@code samplesLost()} before the next samples, so the recorder writes a gap) and
 * the counters. A chip says only how many samples are unread and how one sample is read and
 * decoded.
 */
abstract class FifoDriver implements AccelerometerDriver {

    static final int FIFO_LEVELS = 32;

    final RetryingRegisters regs;
    private final byte[] sampleBytes = new byte[6];
    private SensorConfig config;
    private boolean lossPending;
    private long samplesRead;
    private long fifoOverruns;

    FifoDriver(RetryingRegisters regs) {
        this.regs = regs;
    }

    /**
     * Unread samples in the FIFO; {@link #FIFO_LEVELS} or more when it is full, which in stream
     * mode means the oldest may already have been overwritten.
     */
    abstract int unreadSamples() throws SensorException;

    /** Reads the next sample's six data bytes (x, y, z, low byte first) into {@code six}. */
    abstract void readSample(byte[] six) throws SensorException;

    /** One axis of a sample: the chip's 16-bit word at {@code offset} as signed counts. */
    abstract short decode(byte[] six, int offset);

    /** The chip now runs with {@code config}; reconfiguring empties its FIFO. */
    final void configured(SensorConfig config) {
        this.config = config;
        this.lossPending = false;
    }

    final SensorConfig config() {
        if (config == null) {
            throw new IllegalStateException(regs.location() + ": configure(SensorConfig) must come before drain");
        }
        return config;
    }

    @Override
    public final int drain(RawSampleSink sink) throws SensorException {
        config();
        int count = unreadSamples();
        boolean full = count >= FIFO_LEVELS;
        if (full) {
            fifoOverruns++;
        }
        if (full || lossPending) {
            sink.samplesLost();
            lossPending = false;
        }
        for (int i = 0; i < count; i++) {
            try {
                readSample(sampleBytes);
            } catch (SensorException e) {
                lossPending = true;
                throw e;
            }
            sink.sample(decode(sampleBytes, 0), decode(sampleBytes, 2), decode(sampleBytes, 4));
            samplesRead++;
        }
        return count;
    }

    @Override
    public final DriverCounters counters() {
        return new DriverCounters(samplesRead, regs.retries(), regs.failures(), fifoOverruns);
    }
}
