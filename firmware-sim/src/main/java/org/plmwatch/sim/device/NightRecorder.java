package org.plmwatch.sim.device;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import org.plmwatch.core.detect.DetectorConfig;
import org.plmwatch.core.detect.LegMovementDetector;
import org.plmwatch.core.detect.MovementListener;
import org.plmwatch.core.nightfile.GapReason;
import org.plmwatch.core.nightfile.MarkKind;
import org.plmwatch.core.nightfile.NightFileWriter;

/**
 * The device loop's body, fed by a sample source on one thread: stamps each FIFO batch on the
 * night file's clock, writes it ({@link NightFileWriter}), runs the on-device
 * {@link LegMovementDetector} on it (its movements become MOVEMENTS blocks as they end), feeds the
 * live tap, and between batches handles what other threads asked for (button marks, the host's
 * wall clock, stop) and what time asks for (flush, free space, battery). Nothing is allocated per
 * sample.
 *
 * <p>File time = device time + {@code fileOffsetMicros}: 0 - creation time for a new night, the old
 * data's end - the reopen time for a continued one (the outage is unknown without an RTC).
 */
final class NightRecorder {

    /** Unwinds a source when a stop (SIGTERM) was asked for; carries no stack trace. */
    static final class StopRecording extends RuntimeException {
        StopRecording() {
            super("stop requested", null, false, false);
        }
    }

    /** Unwinds a source when the battery went critical; the night is then closed and the exit status is 10. */
    static final class BatteryCritical extends RuntimeException {
        BatteryCritical() {
            super("battery low", null, false, false);
        }
    }

    private static final long BATTERY_WARNING_INTERVAL_MICROS = 60_000_000;

    private final NightFileWriter writer;
    private final Path file;
    private final long baseBytes;
    private final long fileOffsetMicros;
    private final long periodNanos;
    private final double gPerCount;
    private final double samplePeriodSeconds;
    /** Device-time schedule: free-space checks, and flushes unless {@link #realTimeFlushes} takes them over. */
    private final FlushSchedule deviceSchedule;
    /** Real-time flush schedule of a simulator running as fast as possible, else null. */
    private final FlushSchedule realTimeFlushes;
    private final FreeSpace freeSpace;
    private final long minFreeBytes;
    private final StatusLed led;
    private final PrintStream out;
    private final boolean printFlushes;
    private final BatteryMonitor battery;
    private final MonotonicClock clock;
    private final LegMovementDetector detector;
    private final long[] markScheduleMicros;
    private int nextScheduledMark;
    private MarkKind nextMark;
    private final Queue<Long> pressedMicros = new ConcurrentLinkedQueue<>();
    private final AtomicReference<long[]> pendingWallClock = new AtomicReference<>();
    private volatile boolean stopRequested;
    private volatile LiveTap liveTap;

    private final DrainStamper stamper;
    private boolean lossPending;
    private boolean haveSamples;
    private long lastSampleFileMicros;
    private long nextExpectedFileMicros;
    private long lastBatteryWarningMicros = Long.MIN_VALUE;
    private boolean storageFull;
    private boolean sensorFault;
    private long samplesWritten;
    private long movements;
    private long flushes;

    /**
     * @param flushOnRealTime count the flush interval in real time rather than device time: only
     *                        for a simulator running as fast as possible ({@link FlushSchedule})
     * @param detector        the live detector's settings for this sensor ({@link DetectorConfig#forSensor}:
     *                        the same floors the analyzer and the simulator's tables use for it)
     */
    record Settings(double sampleRateHz, double gPerCount, long flushIntervalMicros, long minFreeBytes,
                    boolean printFlushes, long[] markScheduleMicros, boolean flushOnRealTime,
                    DetectorConfig detector) {
    }

    NightRecorder(NightFileWriter writer, Path file, long fileOffsetMicros, MarkKind firstMark, Settings settings,
                  FreeSpace freeSpace, StatusLed led, PrintStream out, BatteryMonitor battery, MonotonicClock clock)
            throws IOException {
        this.writer = writer;
        this.file = file;
        this.baseBytes = file == null ? 0 : Files.size(file) - writer.bytesWritten();
        this.fileOffsetMicros = fileOffsetMicros;
        this.periodNanos = Math.round(1e9 / settings.sampleRateHz());
        this.samplePeriodSeconds = 1.0 / settings.sampleRateHz();
        this.gPerCount = settings.gPerCount();
        this.minFreeBytes = settings.minFreeBytes();
        this.printFlushes = settings.printFlushes();
        this.markScheduleMicros = settings.markScheduleMicros().clone();
        this.nextMark = firstMark;
        this.freeSpace = freeSpace;
        this.led = led;
        this.out = out;
        this.battery = battery;
        this.clock = clock;
        this.deviceSchedule = FlushSchedule.deviceTime(settings.flushIntervalMicros(), fileTime(clock.nowMicros()));
        this.realTimeFlushes = settings.flushOnRealTime()
                ? FlushSchedule.realTime(settings.flushIntervalMicros(), System::nanoTime) : null;
        this.stamper = new DrainStamper(settings.sampleRateHz());
        this.detector = new LegMovementDetector(settings.detector().withNominalRateHz(settings.sampleRateHz()),
                new MovementListener() {
                    @Override
                    public void movement(double onsetSeconds, double durationSeconds, double peakG) {
                        recordMovement(onsetSeconds, durationSeconds, peakG);
                    }
                });
    }

    // ---------------------------------------------------------------- from other threads

    void requestStop() {
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** A button press at device time {@code micros} (Pi4J's event thread). */
    void buttonPressed(long micros) {
        pressedMicros.add(micros);
    }

    /** The host's wall clock: {@code hostEpochMillis} at device time {@code monotonicMicros}. */
    void wallClockSet(long hostEpochMillis, long monotonicMicros) {
        pendingWallClock.set(new long[] {hostEpochMillis, monotonicMicros});
    }

    void liveTap(LiveTap tap) {
        liveTap = tap;
    }

    // ---------------------------------------------------------------- from the source's thread

    /** The FIFO reported that samples may be missing before the next batch. */
    void samplesLost() {
        lossPending = true;
    }

    /**
     * One FIFO drain of {@code count} samples whose newest was taken about when the drain finished,
     * at device time {@code drainDeviceMicros}: stamped by {@link DrainStamper}, then as {@link #samples}.
     */
    void drained(long drainDeviceMicros, short[] xyz, int count) throws IOException {
        if (count == 0) {
            between();
            return;
        }
        samples(stamper.firstSampleMicros(drainDeviceMicros, count, !lossPending), xyz, count);
    }

    /**
     * {@code count} samples of interleaved raw counts, the first at device time
     * {@code firstDeviceMicros}, one nominal period apart.
     */
    void samples(long firstDeviceMicros, short[] xyz, int count) throws IOException {
        between();
        if (count == 0) {
            return;
        }
        long first = firstDeviceMicros + fileOffsetMicros;
        int skip = 0;
        while (first < 0 && skip < count) {
            // taken before the night's time zero (only in the first drain): not part of this night
            skip++;
            first = firstDeviceMicros + fileOffsetMicros + (skip * periodNanos + 500) / 1000;
        }
        int offset = 3 * skip;
        count -= skip;
        if (count == 0) {
            return;
        }
        if (haveSamples && first <= lastSampleFileMicros) {
            // A drain stamped early by scheduling jitter: keep the samples contiguous instead of overlapping.
            first = nextExpectedFileMicros;
        }
        if (lossPending && haveSamples) {
            gap(nextExpectedFileMicros, first, GapReason.FIFO_OVERFLOW);
        }
        lossPending = false;
        if (sensorFault) {
            sensorFault = false;
            updateLed();
        }
        if (!storageFull) {
            writer.writeSamples(first, xyz, offset, count);
            samplesWritten += count;
        }
        for (int i = 0; i < count; i++) {
            int k = offset + 3 * i;
            detector.sample((first * 1000 + i * periodNanos) * 1e-9,
                    xyz[k] * gPerCount, xyz[k + 1] * gPerCount, xyz[k + 2] * gPerCount);
        }
        lastSampleFileMicros = first + ((count - 1) * periodNanos + 500) / 1000;
        nextExpectedFileMicros = first + (count * periodNanos + 500) / 1000;
        haveSamples = true;
        LiveTap tap = liveTap;
        if (tap != null) {
            tap.samples(first - fileOffsetMicros, periodNanos / 1000, gPerCount, xyz, offset, count);
        }
        between();
    }

    /** Samples are missing between two device times (a replayed recording's gap). */
    void gapDevice(long fromDeviceMicros, long toDeviceMicros, GapReason reason) throws IOException {
        gap(Math.max(0, fromDeviceMicros + fileOffsetMicros), Math.max(0, toDeviceMicros + fileOffsetMicros), reason);
    }

    /** The sensor failed (after the driver's retries): a FAULT block, the fault LED until samples flow again. */
    void sensorFailed(String text) throws IOException {
        writer.writeFault(nowFile(), FaultCodes.SENSOR_FAILING, text);
        lossPending = true;
        if (!sensorFault) {
            sensorFault = true;
            updateLed();
        }
        between();
    }

    /** Checks stop, marks, wall clock, battery and the flush timer; sources without samples call it too. */
    void between() throws IOException {
        if (stopRequested) {
            throw new StopRecording();
        }
        long now = clock.nowMicros();
        long[] wall = pendingWallClock.getAndSet(null);
        if (wall != null) {
            long unixMicrosAtFileZero = wall[0] * 1000 - fileTime(wall[1]);
            writer.writeTimeSet(Math.max(0, fileTime(wall[1])), unixMicrosAtFileZero);
        }
        while (nextScheduledMark < markScheduleMicros.length && markScheduleMicros[nextScheduledMark] <= now) {
            mark(markScheduleMicros[nextScheduledMark++]);
        }
        Long press;
        while ((press = pressedMicros.poll()) != null) {
            mark(press);
        }
        BatteryMonitor.State b = battery.state(now);
        if (b != BatteryMonitor.State.OK) {
            if (b == BatteryMonitor.State.CRITICAL) {
                throw new BatteryCritical();
            }
            if (lastBatteryWarningMicros == Long.MIN_VALUE || now - lastBatteryWarningMicros >= BATTERY_WARNING_INTERVAL_MICROS) {
                lastBatteryWarningMicros = now;
                writer.writeFault(nowFile(), FaultCodes.BATTERY_LOW, "battery low: the night will be closed if it stays low for 10 s");
            }
        }
        long fileNow = fileTime(now);
        if (deviceSchedule.due(fileNow)) {
            deviceSchedule.passed(fileNow);
            if (realTimeFlushes == null) {
                flush();
            }
            // Free space is checked on device time whatever the flush clock: a statvfs is cheap, and a
            // simulator at full speed must stop writing samples at the same point of the night.
            checkFreeSpace();
        }
        if (realTimeFlushes != null && realTimeFlushes.due(fileNow)) {
            realTimeFlushes.passed(fileNow);
            flush();
        }
    }

    /** Flushes (force to storage) and reports the flush when asked to. */
    void flush() throws IOException {
        writer.flush();
        flushes++;
        if (printFlushes) {
            out.println("flushed seq=" + (writer.nextSequence() - 1) + " bytes=" + (baseBytes + writer.bytesWritten()));
            out.flush();
        }
    }

    /** Below the minimum free space: flush, FAULT 2 once, samples stop (movements and marks go on). */
    private void checkFreeSpace() throws IOException {
        if (!storageFull) {
            long free = freeSpace.usableBytes();
            if (free < minFreeBytes) {
                storageFull = true;
                writer.writeFault(nowFile(), FaultCodes.STORAGE_FULL, String.format(Locale.ROOT,
                        "storage full: %d bytes free, below %d; samples stop here, movements and marks are still "
                                + "recorded. Download the nights and erase them", free, minFreeBytes));
                writer.flush();
                updateLed();
                out.println("storage-full free=" + free + " min=" + minFreeBytes);
            }
        }
    }

    /** Ends the detector (a movement in progress is written), writes the closing fault if any, END, closes. */
    void close(String closingFault) throws IOException {
        try {
            detector.end();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (closingFault != null) {
            writer.writeFault(nowFile(), FaultCodes.BATTERY_CLOSING, closingFault);
        }
        writer.close();
    }

    /** The led pattern this recorder's state calls for. */
    LedPattern ledPattern() {
        return LedPattern.select(true, sensorFault, storageFull);
    }

    boolean storageFull() {
        return storageFull;
    }

    long samplesWritten() {
        return samplesWritten;
    }

    long movements() {
        return movements;
    }

    long flushes() {
        return flushes;
    }

    long fileTime(long deviceMicros) {
        return deviceMicros + fileOffsetMicros;
    }

    // ---------------------------------------------------------------- internals

    private long nowFile() {
        return Math.max(0, Math.max(fileTime(clock.nowMicros()), haveSamples ? lastSampleFileMicros : 0));
    }

    private void gap(long fromFile, long toFile, GapReason reason) throws IOException {
        if (toFile < fromFile) {
            toFile = fromFile;
        }
        if (!storageFull) {
            writer.writeGap(nowFile(), fromFile, toFile, reason);
        }
        detector.gap(fromFile * 1e-6, toFile * 1e-6);
    }

    private void mark(long deviceMicros) throws IOException {
        writer.writeMark(Math.max(0, fileTime(deviceMicros)), nextMark);
        out.println("mark " + (nextMark == MarkKind.LIGHTS_OFF ? "lights-off" : "lights-on")
                + String.format(Locale.ROOT, " t=%.3f", fileTime(deviceMicros) * 1e-6));
        nextMark = nextMark == MarkKind.LIGHTS_OFF ? MarkKind.LIGHTS_ON : MarkKind.LIGHTS_OFF;
        led.acknowledge();
    }

    private void recordMovement(double onsetSeconds, double durationSeconds, double peakG) {
        long onset = Math.max(0, Math.round(onsetSeconds * 1e6));
        long duration = Math.max(0, Math.round(durationSeconds * 1e6));
        try {
            writer.writeMovement(nowFile(), onset, duration, peakG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        movements++;
        LiveTap tap = liveTap;
        if (tap != null) {
            tap.movement(onset - fileOffsetMicros, duration, peakG);
        }
    }

    private void updateLed() {
        led.show(ledPattern());
    }
}
