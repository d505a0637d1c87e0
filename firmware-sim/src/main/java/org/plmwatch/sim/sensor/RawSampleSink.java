package org.plmwatch.sim.sensor;

/**
 * Receives raw accelerometer samples straight from a driver's FIFO drain, oldest first. Counts are
 * signed and right-justified; the driver's {@link AccelerometerDriver#gPerCount()} turns them into
 * g. The device loop stamps times and forwards to the recorder and detector; implementations must
 * not allocate per sample.
 */
public interface RawSampleSink {

    /** One sample, in counts. */
    void sample(short xCounts, short yCounts, short zCounts);

    /**
     * Samples may be missing just before the next {@link #sample}: the FIFO was full when drained
     * (stream mode then overwrites the oldest entries) or an earlier read failed. The recorder
     * writes this as a gap instead of hiding it.
     */
    void samplesLost();
}
