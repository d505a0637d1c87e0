package org.plmwatch.core.io.accel;

import java.io.IOException;

import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.core.accel.AccelSink;

/**
 * A raw accelerometer recording on disk. Opening one reads only its header; {@link #stream} then
 * pushes every sample through a sink without holding the recording in memory, so a week at 100 Hz
 * costs no more heap than a minute. Each call to {@code stream} reads the file again from the start.
 */
public interface AccelRecording {

    /** What the header says. */
    AccelRecordingInfo info();

    /**
     * Sends every sample to the sink in file order, times in seconds from time zero (see
     * {@link AccelRecordingInfo#start()}) and acceleration in g, then calls {@code sink.end()}.
     * Times are the file's own, never resampled.
     *
     * @throws InputFormatException the file breaks its format where the reader cannot go on (text
     *                              formats: the line; binary formats skip damaged blocks instead and
     *                              report them); {@code sink.end()} is not called
     * @throws IOException          the file could not be read
     */
    ReadReport stream(AccelSink sink) throws IOException, InputFormatException;
}
