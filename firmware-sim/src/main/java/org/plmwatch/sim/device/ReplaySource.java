package org.plmwatch.sim.device;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.core.io.accel.AccelReaders;
import org.plmwatch.core.io.accel.AccelRecording;
import org.plmwatch.core.io.accel.NightFileRecording;
import org.plmwatch.core.io.accel.ReadReport;
import org.plmwatch.core.nightfile.GapReason;

/**
 * {@code --sensor replay:FILE}: any recording {@link AccelReaders} opens (CSV, Axivity CWA, a night
 * file) replayed as the sensor, in batches of up to 25 samples like the FIFO drains. Samples keep
 * their own times: a batch ends early where a sample is more than half a period away from the
 * regular grid, and the file's gaps become GAP blocks. Counts are at the night file's own scale
 * when replaying a night file, else 1 mg per count (±16 g fits an int16 count with room).
 */
final class ReplaySource implements SampleSource {

    static final double DEFAULT_G_PER_COUNT = 0.001;
    static final int DEFAULT_RANGE_G = 16;
    private static final int BATCH = 25;

    private final Path file;
    private final AccelRecording recording;
    private final Pacer pacer;
    private final SimClock clock = new SimClock();
    private final double rateHz;
    private final long periodNanos;
    private final double gPerCount;
    private final int rangeG;
    private final short[] xyz = new short[3 * BATCH];
    private int count;
    private long batchFirstMicros;

    ReplaySource(Path file, double speed) throws StartFailure {
        this.file = file;
        this.pacer = new Pacer(speed);
        if (!Files.isReadable(file)) {
            throw new StartFailure(ExitCodes.BAD_INPUT, "replay file " + file + " cannot be read (missing or no "
                    + "permission). Fix: give --sensor replay:FILE with a CSV, .cwa or .night recording");
        }
        try {
            recording = AccelReaders.open(file);
            if (recording instanceof NightFileRecording night) {
                gPerCount = night.header().scaleGPerLsb();
                rangeG = night.header().rangeG();
            } else {
                gPerCount = DEFAULT_G_PER_COUNT;
                rangeG = DEFAULT_RANGE_G;
            }
            double rate = recording.info().nominalRateHz().orElse(Double.NaN);
            if (!(rate >= 1 && rate <= 10_000)) {
                // No rate in the header: one pass over the file (fast, fixed memory) measures it.
                ReadReport pass = recording.stream(new AccelSink() {
                    @Override
                    public void sample(double t, double x, double y, double z) {
                    }
                });
                rate = pass.meanRateHz();
                if (!(rate >= 1 && rate <= 10_000)) {
                    throw new StartFailure(ExitCodes.BAD_INPUT, "replay file " + file + ": cannot tell its sample rate ("
                            + pass.sampleCount() + " samples over " + pass.durationSeconds() + " s). Fix: add a '# rate: 50' "
                            + "line to the CSV");
                }
            }
            this.rateHz = rate;
        } catch (InputFormatException e) {
            throw new StartFailure(ExitCodes.BAD_INPUT, "replay file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StartFailure(ExitCodes.BAD_INPUT, "replay file " + file + " cannot be read: " + e.getMessage(), e);
        }
        this.periodNanos = Math.round(1e9 / rateHz);
    }

    @Override
    public String sensorName() {
        return "replay";
    }

    @Override
    public double sampleRateHz() {
        return rateHz;
    }

    @Override
    public int rangeG() {
        return rangeG;
    }

    @Override
    public double gPerCount() {
        return gPerCount;
    }

    @Override
    public MonotonicClock clock() {
        return clock;
    }

    @Override
    public void selfTest() {
        // Nothing to probe: the file was opened and its header read.
    }

    /** A one-line description for the start-up log. */
    String describe() {
        return String.format(Locale.ROOT, "%s (%s, %.2f Hz, %s g per count)", file, recording.info().description(),
                rateHz, gPerCount);
    }

    @Override
    public void run(NightRecorder recorder) throws IOException, InterruptedException, StartFailure {
        try {
            recording.stream(new AccelSink() {
                @Override
                public void sample(double t, double x, double y, double z) {
                    long micros = Math.round(t * 1e6);
                    if (count > 0 && Math.abs(micros - (batchFirstMicros + count * periodNanos / 1000)) > periodNanos / 2000) {
                        emit(recorder);
                    }
                    if (count == 0) {
                        batchFirstMicros = micros;
                    }
                    int k = 3 * count++;
                    xyz[k] = counts(x);
                    xyz[k + 1] = counts(y);
                    xyz[k + 2] = counts(z);
                    if (count == BATCH) {
                        emit(recorder);
                    }
                }

                @Override
                public void gap(double from, double to) {
                    emit(recorder);
                    try {
                        recorder.gapDevice(Math.round(from * 1e6), Math.round(to * 1e6), GapReason.OTHER);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void end() {
                    emit(recorder);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (InputFormatException e) {
            throw new StartFailure(ExitCodes.BAD_INPUT, "replay file: " + e.getMessage(), e);
        } catch (PacerInterrupted e) {
            throw e.cause;
        }
    }

    private short counts(double g) {
        long c = Math.round(g / gPerCount);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, c));
    }

    private void emit(NightRecorder recorder) {
        if (count == 0) {
            return;
        }
        int n = count;
        count = 0;
        long last = batchFirstMicros + (n - 1) * periodNanos / 1000;
        clock.advanceTo(last);
        try {
            pacer.await(last, recorder);
            recorder.samples(batchFirstMicros, xyz, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new PacerInterrupted(e);
        }
    }

    @Override
    public void close() {
    }

    private static final class PacerInterrupted extends RuntimeException {
        final InterruptedException cause;

        PacerInterrupted(InterruptedException cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
