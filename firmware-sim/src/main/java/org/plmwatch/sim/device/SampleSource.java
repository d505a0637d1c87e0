package org.plmwatch.sim.device;

import java.io.IOException;

/**
 * Where samples come from: a real accelerometer ({@link ChipSource}), a synthetic night through the
 * real LIS3DH driver ({@link SyntheticSource}) or a recording ({@link ReplaySource}). Each pushes
 * FIFO-sized batches of raw counts into the same {@link NightRecorder}.
 */
interface SampleSource extends AutoCloseable {

    /** For the header and the link: {@code lis3dh}, {@code adxl345}, {@code synthetic} or {@code replay}. */
    String sensorName();

    double sampleRateHz();

    int rangeG();

    double gPerCount();

    /** The device clock samples are stamped with. */
    MonotonicClock clock();

    /** Checks the data path (real sensors: resting magnitude over the first second). */
    void selfTest() throws StartFailure, IOException, InterruptedException;

    /**
     * Pushes batches into the recorder until the data ends (then returns) or the recorder unwinds
     * it (stop, battery).
     */
    void run(NightRecorder recorder) throws IOException, InterruptedException, StartFailure;

    @Override
    void close();
}
