package org.plmwatch.core.accel;

/**
 * Receives accelerometer samples one at a time, in time order. The same sink is driven by the
 * device's sampling loop, by trace replay in the simulator and by the analyzer's file readers, so
 * the code behind it never sees where samples come from. Implementations must not allocate per
 * sample: a night at 50 Hz is 1.8 million calls per leg.
 */
public interface AccelSink {

    /**
     * One sample.
     *
     * @param timeSeconds seconds from the recording's time zero, from the sample's own timestamp
     *                    (never the wall clock); non-decreasing
     * @param xG          acceleration along the sensor's x axis, in g (1 g = 9.80665 m/s²)
     * @param yG          likewise y
     * @param zG          likewise z
     */
    void sample(double timeSeconds, double xG, double yG, double zG);

    /**
     * The source knows that samples are missing between two times (a FIFO overflow, a gap between
     * file blocks). Default: nothing; the detector treats a gap as the end of any movement.
     */
    default void gap(double fromSeconds, double toSeconds) {
    }

    /** No more samples will come. */
    default void end() {
    }
}
