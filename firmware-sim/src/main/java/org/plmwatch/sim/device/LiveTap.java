package org.plmwatch.sim.device;

/**
 * The live feed of a recording device: raw samples as they are drained from the sensor, and leg
 * movements as the on-device detector finishes them. Called on the device loop's thread: an
 * implementation must return quickly and copy what it keeps (the arrays are reused).
 */
public interface LiveTap {

    /**
     * @param firstSampleMicros device monotonic time of {@code xyz[offset]}
     * @param samplePeriodMicros nominal period
     * @param gPerCount          scale of the raw counts
     * @param xyz                interleaved x, y, z raw counts
     * @param offset             index of the first sample's x in {@code xyz}
     * @param count              number of samples (3 × count values)
     */
    void samples(long firstSampleMicros, long samplePeriodMicros, double gPerCount, short[] xyz, int offset, int count);

    /** A leg movement the on-device detector just finished, times on the device clock. */
    void movement(long onsetMicros, long durationMicros, double peakG);
}
