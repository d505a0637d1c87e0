/**
 * Readers for raw accelerometer recordings: the project's CSV format, common CSV exports, Axivity
 * CWA (AX3, AX6) and the device's own night files ({@link org.plmwatch.core.io.accel.NightFileRecording}). {@link org.plmwatch.core.io.accel.AccelReaders#open} picks the reader by content
 * and reads only the header; {@link org.plmwatch.core.io.accel.AccelRecording#stream} then pushes
 * samples one at a time into a {@link org.plmwatch.core.accel.AccelSink} (seconds from time zero, g),
 * with a fixed amount of memory however long the recording. Text errors are
 * {@link org.plmwatch.core.io.InputFormatException}s naming the line; damaged CWA blocks are skipped,
 * reported in the {@link org.plmwatch.core.io.accel.ReadReport} by byte offset and signalled to the
 * sink as gaps.
 */
package org.plmwatch.core.io.accel;
