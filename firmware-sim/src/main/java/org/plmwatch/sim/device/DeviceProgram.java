package org.plmwatch.sim.device;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.detect.DetectorConfig;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.nightfile.MarkKind;
import org.plmwatch.core.nightfile.NightFileFormatException;
import org.plmwatch.core.nightfile.NightFileReader;
import org.plmwatch.core.nightfile.NightFileWriter;
import org.plmwatch.core.nightfile.NightHeader;
import org.plmwatch.core.nightfile.StatusEvent;
import org.plmwatch.core.nightfile.WornOn;
import org.plmwatch.sim.sensor.SensorException;
import org.plmwatch.sim.synth.SyntheticNight;
import org.plmwatch.sim.synth.SyntheticNightConfig;

/**
 * The device program: self-test, then one night from the sensor source through the on-device
 * detector into a night file, until the data ends (simulator), a stop (SIGTERM) or a low battery.
 * It is also the {@link DeviceHooks} a link server uses ({@link #hooks()}); those methods are safe
 * from any thread.
 *
 * <p>Nights: {@code DATA/nights/night-NNNNNN.night}. On start, if the newest night has no END
 * block (power cut, crash, SIGKILL) it is continued ({@link NightFileWriter#openForAppend}: torn tail
 * cut, RESTART gap); otherwise a new night gets the next id from {@code DATA/last-night-id}.
 *
 * <p>The status LED and the Pi4J context outlive {@link #run()}: after a fault the program goes on
 * serving the link so the nights can be downloaded, and the patient must see the fault pattern all
 * that time, not a dark LED. {@link #close()} (program end: SIGTERM or normal exit) switches it off.
 */
public final class DeviceProgram implements DeviceHooks, AutoCloseable {

    private final DeviceOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private final NightStore store;
    private volatile FreeSpace freeSpace;
    private volatile MonotonicClock clock = MonotonicClock.system();
    private volatile NightRecorder recorder;
    private volatile Integer recordingNightId;
    private volatile LiveTap liveTap;
    private volatile boolean stopRequested;
    private volatile long[] wallClock;
    private String deviceId;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile int exitCode = ExitCodes.INTERNAL;
    /** Set by {@link #run()}, released by {@link #close()}. */
    private volatile StatusLed led;
    private volatile Context pi4j;
    /** A test's LED for the simulated sensors (else the logging one). */
    private StatusLed simulatorLed;

    public DeviceProgram(DeviceOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
        NightStore s;
        try {
            s = new NightStore(options.dataDir());
        } catch (IOException e) {
            s = null;   // reported by the storage self-test in run()
        }
        this.store = s;
        this.freeSpace = FreeSpace.of(options.dataDir());
    }

    /** Replaces the free-space figure (tests give a quota). Call before {@link #run()}. */
    public DeviceProgram withFreeSpace(FreeSpace space) {
        this.freeSpace = space;
        return this;
    }

    /** The simulator's LED instead of {@link LoggingStatusLed} (tests: a GPIO LED on Pi4J's mock). Call before {@link #run()}. */
    DeviceProgram withSimulatorLed(StatusLed statusLed) {
        this.simulatorLed = statusLed;
        return this;
    }

    /** What a link server may use; valid before, during and after {@link #run()}. */
    public DeviceHooks hooks() {
        return this;
    }

    /** SIGTERM: close the night, switch the LED off and exit 0 (within systemd's 10 s stop timeout). */
    public void installShutdownHook() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (finished.getCount() == 0) {
                return;   // run() has ended; main is exiting with its own status
            }
            requestStop();
            try {
                if (finished.await(8, TimeUnit.SECONDS)) {
                    close();   // halt() skips main's own close
                    Runtime.getRuntime().halt(exitCode);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(ExitCodes.INTERNAL);
        }, "plmwatch-shutdown"));
    }

    /** Asks the recording loop to close the night and return; safe from any thread. */
    public void requestStop() {
        stopRequested = true;
        NightRecorder r = recorder;
        if (r != null) {
            r.requestStop();
        }
    }

    /**
     * Records one night; returns the exit status ({@link ExitCodes}). The LED keeps what it shows
     * (the fault pattern after a failure) until {@link #close()}.
     */
    public int run() {
        SampleSource source = null;
        try {
            SelfTest.clock(clock);
            SelfTest.storage(options.dataDir(), freeSpace, options.minFreeBytes());
            if (store == null) {
                throw StartFailure.selfTest("cannot create " + options.dataDir().resolve("nights"));
            }
            deviceId();
            BatteryMonitor battery;
            if (options.realSensor()) {
                pi4j = openPi4j();
                try {
                    led = new GpioStatusLed(DeviceGpio.led(pi4j, GpioDDigitalOutputProvider.ID));
                    battery = DeviceGpio.battery(DeviceGpio.lowBatteryLine(pi4j, GpioDDigitalInputProvider.ID));
                    source = new ChipSource(options.sensor(), pi4j, clock);
                    DeviceGpio.onPress(DeviceGpio.button(pi4j, GpioDDigitalInputProvider.ID), clock, this::buttonPressed);
                } catch (RuntimeException e) {
                    throw i2cFirst(DeviceGpio.unusable(e));
                }
            } else {
                led = simulatorLed != null ? simulatorLed : new LoggingStatusLed(out);
                battery = options.lowBatteryAtSeconds().isPresent()
                        ? BatteryMonitor.lowFrom(Math.round(options.lowBatteryAtSeconds().getAsDouble() * 1e6))
                        : BatteryMonitor.never();
                source = simulatedSource();
                clock = source.clock();
            }
            source.selfTest();
            return exitCode = record(source, led, battery);
        } catch (StartFailure e) {
            err.println("plmwatch-device: " + e.getMessage());
            if (led != null) {
                led.show(LedPattern.FAULT);
            }
            return exitCode = e.exitCode();
        } catch (IOException | UncheckedIOException e) {
            err.println("plmwatch-device: storage error, the night may be incomplete: " + e.getMessage()
                    + ". Fix: check the data directory's file system (" + options.dataDir() + ")");
            if (led != null) {
                led.show(LedPattern.FAULT);
            }
            return exitCode = ExitCodes.INTERNAL;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return exitCode = ExitCodes.INTERNAL;
        } finally {
            recordingNightId = null;
            if (source != null) {
                source.close();
            }
            out.flush();
            finished.countDown();
        }
    }

    /**
     * Program end: the LED off, its thread and the GPIO lines released. Safe from any thread and
     * more than once; after {@link #run()} has returned (or before it started).
     */
    @Override
    public synchronized void close() {
        StatusLed l = led;
        led = null;
        if (l != null) {
            l.close();
        }
        Context c = pi4j;
        pi4j = null;
        if (c != null) {
            c.shutdown();
        }
        out.flush();
    }

    /**
     * Pi4J's native libraries and context before the I2C check, so on a Pi whose I2C is not enabled
     * the LED exists to show the fault when ChipSource refuses the missing bus.
     */
    private Context openPi4j() throws StartFailure {
        try {
            return DeviceGpio.openContext(out);
        } catch (StartFailure gpio) {
            throw i2cFirst(gpio);
        }
    }

    /**
     * Where Pi4J cannot start either (a PC; a board without /dev/gpiochip0), a missing I2C bus is
     * what the user is told first, as on a Pi whose I2C is not enabled, and the GPIO cause after it.
     */
    private static StartFailure i2cFirst(StartFailure gpio) {
        try {
            ChipSource.requireI2cBus();
        } catch (StartFailure i2c) {
            return new StartFailure(i2c.exitCode(), i2c.getMessage() + ". Also "
                    + gpio.getMessage().replaceFirst("^self-test failed: ", ""), gpio);
        }
        return gpio;
    }

    private SampleSource simulatedSource() throws StartFailure {
        if (options.sensor().equals("replay")) {
            ReplaySource replay = new ReplaySource(options.replayFile().orElseThrow(), options.speed());
            out.println("replaying " + replay.describe());
            return replay;
        }
        SyntheticNightConfig config = syntheticConfig(options.seed(), options.hours());
        if (wallClock == null) {
            // A simulated night knows its own date: act as if the host had set the clock at its
            // start (device time 0 is the data's time 0), so two simulated ankles share one clock.
            wallClockSet(config.start().atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli(), 0);
        }
        try {
            return new SyntheticSource(SyntheticNight.generate(config), options.leg(), options.speed());
        } catch (SensorException e) {
            throw StartFailure.selfTest(e.getMessage());
        }
    }

    /**
     * The generator's default night (50 Hz LIS3DH, 40 PLMS/h); nights under 2 h get lights-off,
     * lights-on and sleep latency scaled down (10 %, 5 %, 10 % of the night) so they keep time in bed.
     */
    public static SyntheticNightConfig syntheticConfig(long seed, double hours) {
        SyntheticNightConfig c = SyntheticNightConfig.defaults(seed);
        if (hours < 2) {
            double s = hours * 3600;
            c = c.withTiming(0.1 * s, 0.05 * s, 0.1 * s);
        }
        return c.withRecordingHours(hours);
    }

    private int record(SampleSource source, StatusLed led, BatteryMonitor battery)
            throws IOException, InterruptedException, StartFailure {
        OpenNight night = openNight(source);
        long[] marks = new long[options.marksSeconds().size()];
        for (int i = 0; i < marks.length; i++) {
            marks[i] = Math.round(options.marksSeconds().get(i) * 1e6);
        }
        java.util.Arrays.sort(marks);
        NightRecorder.Settings settings = new NightRecorder.Settings(source.sampleRateHz(), source.gPerCount(),
                Math.round(options.flushSeconds() * 1e6), options.minFreeBytes(), options.printFlushes(), marks,
                options.speed() == 0 && !(source instanceof ChipSource), DetectorConfig.forSensor(source.sensorName()));
        NightRecorder r = new NightRecorder(night.writer, night.path, night.fileOffsetMicros, night.nextMark, settings,
                freeSpace, led, out, battery, clock);
        r.liveTap(liveTap);
        long[] wall = wallClock;
        if (wall != null) {
            r.wallClockSet(wall[0], wall[1]);
        }
        recorder = r;
        if (stopRequested) {
            r.requestStop();
        }
        recordingNightId = night.id;
        out.println("recording night=" + night.id + " file=" + night.path + " sensor=" + source.sensorName()
                + " continued=" + night.continued + " device=" + deviceId);
        out.flush();
        led.show(r.ledPattern());
        int code = ExitCodes.OK;
        String closing = null;
        try {
            source.run(r);
        } catch (NightRecorder.StopRecording e) {
            // SIGTERM: close cleanly below
        } catch (NightRecorder.BatteryCritical e) {
            closing = "closing: battery low (low for 10 s); the night is closed and the device powers off";
            code = ExitCodes.LOW_BATTERY;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        r.close(closing);
        recorder = null;
        led.show(LedPattern.DARK);
        out.println("closed night=" + night.id + " samples=" + r.samplesWritten() + " movements=" + r.movements()
                + " flushes=" + r.flushes() + (r.storageFull() ? " storage-full" : "") + " exit=" + code);
        return code;
    }

    private record OpenNight(int id, Path path, NightFileWriter writer, long fileOffsetMicros, MarkKind nextMark,
                             boolean continued) {
    }

    private OpenNight openNight(SampleSource source) throws IOException {
        Optional<Integer> newest = store.newestNightId();
        if (newest.isPresent()) {
            Path path = store.nightPath(newest.get());
            if (!NightStore.endedCleanly(path)) {
                try {
                    MarkKind next = nextMarkAfter(path);
                    NightFileWriter w = NightFileWriter.openForAppend(path);
                    if (w.truncatedBytes() > 0) {
                        out.println("continued night=" + newest.get() + " cut torn tail bytes=" + w.truncatedBytes());
                    }
                    return new OpenNight(newest.get(), path, w, w.resumeTimeMicros() - clock.nowMicros(), next, true);
                } catch (NightFileFormatException e) {
                    err.println("plmwatch-device: night " + newest.get() + " cannot be continued (" + e.getMessage()
                            + "); starting a new night");
                }
            }
        }
        int id = store.allocateNightId();
        Path path = store.nightPath(id);
        long zeroDevice = clock.nowMicros();
        long[] wall = wallClock;
        OptionalLong start = wall == null ? OptionalLong.empty()
                : OptionalLong.of(wall[0] * 1000 - wall[1] + zeroDevice);
        NightHeader header = new NightHeader(deviceId, version(), source.sensorName(), source.sampleRateHz(),
                source.rangeG(), source.gPerCount(), options.leg() == Leg.LEFT ? WornOn.LEFT : WornOn.RIGHT, start,
                properties(source));
        NightFileWriter w = NightFileWriter.create(path, header);
        NightStore.forceDirectory(path.getParent());
        return new OpenNight(id, path, w, -zeroDevice, MarkKind.LIGHTS_OFF, false);
    }

    private Map<String, String> properties(SampleSource source) {
        return switch (source.sensorName()) {
            case "synthetic" -> Map.of("synthetic.seed", Long.toString(options.seed()),
                    "synthetic.hours", Double.toString(options.hours()));
            case "replay" -> Map.of("replay.file", options.replayFile().map(p -> p.getFileName().toString()).orElse(""));
            default -> Map.of("fifo.watermark", "25");
        };
    }

    /** The button alternates lights-off / lights-on across a restart: the next kind after the file's last mark. */
    private static MarkKind nextMarkAfter(Path night) {
        try {
            List<StatusEvent.Mark> marks = NightFileReader.strict().read(night, new AccelSink() {
                @Override
                public void sample(double t, double x, double y, double z) {
                }
            }).statuses(StatusEvent.Mark.class);
            return marks.isEmpty() || marks.get(marks.size() - 1).kind() != MarkKind.LIGHTS_OFF
                    ? MarkKind.LIGHTS_OFF : MarkKind.LIGHTS_ON;
        } catch (NightFileFormatException e) {
            return MarkKind.LIGHTS_OFF;
        }
    }

    private void buttonPressed(long micros) {
        NightRecorder r = recorder;
        if (r != null) {
            r.buttonPressed(micros);
        }
    }

    // ---------------------------------------------------------------- DeviceHooks

    @Override
    public synchronized String deviceId() {
        if (deviceId == null) {
            try {
                if (store == null) {
                    throw new IOException("the data directory " + options.dataDir() + " cannot be created");
                }
                deviceId = store.deviceId();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return deviceId;
    }

    @Override
    public String firmwareVersion() {
        return DeviceProgram.version();
    }

    /** The jar's implementation version, or {@code dev} in a development build. */
    public static String version() {
        String v = DeviceProgram.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String sensor() {
        return options.sensor();
    }

    @Override
    public Leg leg() {
        return options.leg();
    }

    @Override
    public long monotonicMicros() {
        return clock.nowMicros();
    }

    @Override
    public void wallClockSet(long hostEpochMillis, long monotonicMicros) {
        wallClock = new long[] {hostEpochMillis, monotonicMicros};
        NightRecorder r = recorder;
        if (r != null) {
            r.wallClockSet(hostEpochMillis, monotonicMicros);
        }
    }

    @Override
    public Optional<Long> wallClockAtZeroMillis() {
        long[] w = wallClock;
        return w == null ? Optional.empty() : Optional.of(w[0] - w[1] / 1000);
    }

    @Override
    public Path nightsDir() {
        return options.dataDir().resolve("nights");
    }

    @Override
    public Optional<Integer> recordingNightId() {
        return Optional.ofNullable(recordingNightId);
    }

    @Override
    public void liveTap(LiveTap tap) {
        liveTap = tap;
        NightRecorder r = recorder;
        if (r != null) {
            r.liveTap(tap);
        }
    }
}
