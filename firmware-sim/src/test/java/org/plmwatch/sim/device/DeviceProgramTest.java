package org.plmwatch.sim.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.detect.DetectionComparison;
import org.plmwatch.core.detect.DetectorConfig;
import org.plmwatch.core.detect.LegMovementCollector;
import org.plmwatch.core.detect.LegMovementDetector;
import org.plmwatch.core.io.accel.AccelReaders;
import org.plmwatch.core.io.accel.AccelRecording;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.nightfile.MarkKind;
import org.plmwatch.core.nightfile.NightFileContents;
import org.plmwatch.core.nightfile.NightFileReader;
import org.plmwatch.core.nightfile.RecordedMovement;
import org.plmwatch.core.nightfile.StatusEvent;
import org.plmwatch.sim.synth.SyntheticNight;

/** The device program in-process: a whole synthetic night, storage full, marks, LED, battery, self-test, replay. */
class DeviceProgramTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private DeviceProgram program(DeviceOptions options) {
        return new DeviceProgram(options, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private List<String> out() {
        return outBytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static NightFileContents read(Path night, AccelSink sink) throws Exception {
        return NightFileReader.strict().read(night, sink);
    }

    private static final AccelSink NOTHING = new AccelSink() {
        @Override
        public void sample(double t, double x, double y, double z) {
        }
    };

    @Test
    void anEightHourSyntheticNightReadsBackWithTheGeneratorsMovementsAndTheDeviceAgreesWithTheHost() throws Exception {
        long seed = 42;
        Path data = tmp.resolve("data");
        DeviceProgram p = program(DeviceOptions.synthetic(data, seed, 8));
        AtomicLong tapped = new AtomicLong();
        AtomicLong tappedMovements = new AtomicLong();
        p.hooks().liveTap(new LiveTap() {
            @Override
            public void samples(long first, long period, double gPerCount, short[] xyz, int offset, int count) {
                tapped.addAndGet(count);
            }

            @Override
            public void movement(long onsetMicros, long durationMicros, double peakG) {
                tappedMovements.incrementAndGet();
            }
        });
        assertEquals(ExitCodes.OK, p.run(), errBytes.toString(StandardCharsets.UTF_8));
        Path night = data.resolve("nights/night-000001.night");

        // Host side: the analyzer's path, AccelReaders + the detector.
        AccelRecording rec = AccelReaders.open(night);
        LegMovementCollector host = new LegMovementCollector(Leg.LEFT);
        double[] rest = {0, 0};
        LegMovementDetector detector = new LegMovementDetector(DetectorConfig.DEFAULTS.withNominalRateHz(50), host);
        rec.stream(new AccelSink() {
            @Override
            public void sample(double t, double x, double y, double z) {
                detector.sample(t, x, y, z);
                if (t < 1) {   // physics: the first second (standing) reads |a| = 1 g
                    rest[0] += Math.sqrt(x * x + y * y + z * z);
                    rest[1]++;
                }
            }

            @Override
            public void gap(double from, double to) {
                detector.gap(from, to);
            }

            @Override
            public void end() {
                detector.end();
            }
        });
        assertEquals(1.0, rest[0] / rest[1], 0.1, "resting |a| in g");
        SyntheticNight truthNight = SyntheticNight.generate(DeviceProgram.syntheticConfig(seed, 8));
        List<LegMovement> truth = truthNight.truth(Leg.LEFT);
        DetectionComparison.Result vsTruth = DetectionComparison.compare(truth, host.movements(), 0.05);
        String what = "TP " + vsTruth.truePositives() + " FP " + vsTruth.falsePositives() + " FN " + vsTruth.falseNegatives();
        assertTrue(vsTruth.truePositives() > 150, what);
        assertTrue(vsTruth.f1() >= 0.95, "F1 " + vsTruth.f1() + " " + what);
        assertTrue(vsTruth.medianAbsOnsetErrorSeconds() <= 0.3, "onset " + vsTruth.medianAbsOnsetErrorSeconds());
        assertTrue(vsTruth.medianAbsDurationErrorSeconds() <= 0.5, "duration " + vsTruth.medianAbsDurationErrorSeconds());

        // Device side: the movement blocks the on-device detector wrote while recording.
        NightFileContents c = read(night, NOTHING);
        List<LegMovement> device = new ArrayList<>();
        for (RecordedMovement m : c.movements()) {
            device.add(m.onLeg(Leg.LEFT));
        }
        DetectionComparison.Result deviceVsHost = DetectionComparison.compare(host.movements(), device, 0, 0.1);
        List<LegMovement> unpaired = new ArrayList<>(host.movements());
        deviceVsHost.matches().forEach(m -> unpaired.remove(m.truth()));
        List<LegMovement> unpairedDevice = new ArrayList<>(device);
        deviceVsHost.matches().forEach(m -> unpairedDevice.remove(m.detected()));
        assertEquals(host.movements().size(), device.size(), "as many movements on the device as on the host; host only "
                + unpaired + ", device only " + unpairedDevice + ", host gaps " + host.gaps());
        assertEquals(1.0, deviceVsHost.f1(), 1e-9, "every movement pairs within 0.1 s");
        assertTrue(deviceVsHost.medianAbsOnsetErrorSeconds() <= 0.005, "onset " + deviceVsHost.medianAbsOnsetErrorSeconds());
        assertTrue(deviceVsHost.medianAbsDurationErrorSeconds() <= 0.005);
        assertEquals(8 * 3600 * 50, c.sampleCount(), 1);
        assertEquals(c.sampleCount(), tapped.get(), "the live tap saw every sample");
        assertEquals(device.size(), tappedMovements.get(), "and every movement");
        assertTrue(c.report().clean() && c.report().endedCleanly(), c.report().summary());
        System.out.printf("8-h synthetic night: %d bytes (%.0f B/h), F1 %.3f (%s), onset %.3f s, duration %.3f s, "
                        + "%d device movements = host%n", Files.size(night), Files.size(night) / 8.0, vsTruth.f1(), what,
                vsTruth.medianAbsOnsetErrorSeconds(), vsTruth.medianAbsDurationErrorSeconds(), device.size());
    }

    @Test
    void whenStorageRunsFullSamplesStopButTheFileStaysValidAndMovementsAreKept() throws Exception {
        Path data = tmp.resolve("full");
        long minFree = 16_000_000;
        long quota = minFree + 120_000;   // 120 kB for nights: about 20 min of samples
        DeviceProgram p = program(DeviceOptions.synthetic(data, 5, 1)).withFreeSpace(() -> quota - bytesUnder(data));
        assertEquals(ExitCodes.OK, p.run());
        assertTrue(out().contains("led pattern=storage-full"), String.join("\n", out()));
        NightFileContents c = read(data.resolve("nights/night-000001.night"), NOTHING);
        List<StatusEvent.Fault> faults = c.statuses(StatusEvent.Fault.class);
        assertEquals(1, faults.size());
        assertEquals(FaultCodes.STORAGE_FULL, faults.get(0).code());
        double fullAt = faults.get(0).timeSeconds();
        assertTrue(fullAt > 600 && fullAt < 3000, "full after about 120 kB: " + fullAt);
        long samplesBefore = Math.round(fullAt * 50);
        assertEquals(samplesBefore, c.sampleCount(), 60, "samples stop at the fault");
        long after = c.movements().stream().filter(m -> m.onsetSeconds() > fullAt + 5).count();
        assertTrue(after >= 5, "movements after storage full are still recorded: " + after);
        assertTrue(c.report().clean() && c.report().endedCleanly(), c.report().summary());
    }

    private static long bytesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    @Test
    void marksAlternateLikeTheButtonAndTheLedLogsOnlyChanges() throws Exception {
        Path data = tmp.resolve("marks");
        assertEquals(ExitCodes.OK, program(DeviceOptions.synthetic(data, 3, 0.25).withMarks(List.of(100.0, 300.0, 500.0))).run());
        NightFileContents c = read(data.resolve("nights/night-000001.night"), NOTHING);
        List<StatusEvent.Mark> marks = c.statuses(StatusEvent.Mark.class);
        assertEquals(List.of(MarkKind.LIGHTS_OFF, MarkKind.LIGHTS_ON, MarkKind.LIGHTS_OFF),
                marks.stream().map(StatusEvent.Mark::kind).toList());
        assertEquals(List.of(100.0, 300.0, 500.0), marks.stream().map(StatusEvent.Mark::timeSeconds).toList());
        List<String> led = out().stream().filter(l -> l.startsWith("led ")).toList();
        assertEquals(List.of("led pattern=recording", "led flash=mark-acknowledged", "led flash=mark-acknowledged",
                "led flash=mark-acknowledged", "led pattern=dark"), led);
    }

    @Test
    void aLowBatteryClosesTheNightAndExitsTen() throws Exception {
        Path data = tmp.resolve("battery");
        assertEquals(ExitCodes.LOW_BATTERY, program(DeviceOptions.synthetic(data, 4, 0.25).withLowBatteryAt(200)).run());
        NightFileContents c = read(data.resolve("nights/night-000001.night"), NOTHING);
        List<Integer> codes = c.statuses(StatusEvent.Fault.class).stream().map(StatusEvent.Fault::code).toList();
        assertEquals(List.of(FaultCodes.BATTERY_LOW, FaultCodes.BATTERY_CLOSING), codes);
        assertTrue(c.report().endedCleanly());
        assertEquals(210 * 50, c.sampleCount(), 50, "samples until 10 s after the first low reading");
    }

    @Test
    void aRealSensorOnAPcFailsTheSelfTestWithExitFourAndSaysWhatToDo() {
        assumeFalse(Files.exists(Path.of("/dev/i2c-1")), "this computer has an I2C bus");
        DeviceOptions o = DeviceOptions.synthetic(tmp.resolve("pc"), 1, 1);
        o = new DeviceOptions("lis3dh", Optional.empty(), Leg.LEFT, o.dataDir(), 1, 2, 1, 8, List.of(), o.minFreeBytes(),
                false, o.lowBatteryAtSeconds());
        assertEquals(ExitCodes.SELF_TEST_FAILED, program(o).run());
        String err = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(err.contains("no I2C bus /dev/i2c-1") && err.contains("use --sensor synthetic"), err);
    }

    @Test
    void storageBelowTheThresholdAtStartFailsTheSelfTest() {
        DeviceProgram p = program(DeviceOptions.synthetic(tmp.resolve("small"), 1, 0.25)).withFreeSpace(() -> 1_000_000);
        assertEquals(ExitCodes.SELF_TEST_FAILED, p.run());
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("storage full"));
    }

    @Test
    void aNightFileReplaysAsTheSensorAndAnUnreadableFileIsExitThree() throws Exception {
        Path first = tmp.resolve("first");
        assertEquals(ExitCodes.OK, program(DeviceOptions.synthetic(first, 9, 0.25)).run());
        Path source = first.resolve("nights/night-000001.night");
        Path second = tmp.resolve("second");
        assertEquals(ExitCodes.OK, program(DeviceOptions.synthetic(second, 9, 0.25).withReplay(source)).run());
        NightFileContents a = read(source, NOTHING);
        NightFileContents b = read(second.resolve("nights/night-000001.night"), NOTHING);
        assertEquals("replay", b.header().sensor());
        assertEquals(a.header().scaleGPerLsb(), b.header().scaleGPerLsb());
        assertEquals(a.sampleCount(), b.sampleCount());
        assertEquals(a.movements().size(), b.movements().size(), "the same samples give the same movements");

        Path garbage = tmp.resolve("garbage.csv");
        Files.writeString(garbage, "this is not a recording\n");
        assertEquals(ExitCodes.BAD_INPUT, program(DeviceOptions.synthetic(tmp.resolve("third"), 9, 0.25).withReplay(garbage)).run());
        assertEquals(ExitCodes.BAD_INPUT,
                program(DeviceOptions.synthetic(tmp.resolve("fourth"), 9, 0.25).withReplay(tmp.resolve("missing.csv"))).run());
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("missing.csv"));
    }

    @Test
    void theRealAnkleTraceReplaysWithItsSevenBursts() throws Exception {
        Path shared = Path.of(System.getProperty("plmwatch.shared.data", "../shared/data"));
        Path csv = shared.resolve("accel/ankle-imu-bursts.csv");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(csv), "shared data absent: " + csv);
        Path data = tmp.resolve("ankle");
        assertEquals(ExitCodes.OK, program(DeviceOptions.synthetic(data, 1, 0.25).withReplay(csv)).run(),
                errBytes.toString(StandardCharsets.UTF_8));
        NightFileContents c = read(data.resolve("nights/night-000001.night"), NOTHING);
        // 53 s at ~8.3 Hz holding 7 deliberate movements of ~1.5 s (shared/data/README.md)
        assertEquals(7, c.movements().size(), c.movements().toString());
        for (RecordedMovement m : c.movements()) {
            assertTrue(m.durationSeconds() > 0.5 && m.durationSeconds() < 3, m.toString());
        }
        assertEquals("replay", c.header().sensor());
        assertEquals(8.3, c.header().sampleRateHz(), 0.2);
    }

    @Test
    void theHostsWallClockGivesTheNightItsStartAndHooksReportTheDevice() throws Exception {
        Path data = tmp.resolve("clock");
        DeviceProgram p = program(DeviceOptions.synthetic(data, 2, 0.25));
        long hostMillis = 1_768_516_200_000L;
        p.hooks().wallClockSet(hostMillis, 0);
        assertEquals(Optional.of(hostMillis), p.hooks().wallClockAtZeroMillis());
        String id = p.hooks().deviceId();
        assertTrue(id.matches("plmw-[0-9a-f]{8}"), id);
        assertEquals(Optional.empty(), p.hooks().recordingNightId());
        assertEquals(ExitCodes.OK, p.run());
        AccelRecording rec = AccelReaders.open(data.resolve("nights/night-000001.night"));
        assertEquals(Optional.of(LocalDateTime.ofInstant(Instant.ofEpochMilli(hostMillis), ZoneId.systemDefault())),
                rec.info().start());
        assertEquals(id, rec.info().metadata().get("deviceId"));
        assertEquals(id, program(DeviceOptions.synthetic(data, 2, 0.25)).hooks().deviceId(), "the id is kept");
        assertEquals(data.resolve("nights"), p.hooks().nightsDir());
    }

    @Test
    void nightIdsAreNeverReusedEvenAfterNightsAreErased() throws Exception {
        NightStore store = new NightStore(tmp.resolve("ids"));
        assertEquals(1, store.allocateNightId());
        Files.write(store.nightPath(1), new byte[] {1});
        assertEquals(2, store.allocateNightId());
        Files.delete(store.nightPath(1));
        assertEquals(3, store.allocateNightId());
        assertNotEquals(store.deviceId(), "");
        assertEquals(store.deviceId(), new NightStore(tmp.resolve("ids")).deviceId());
        assertFalse(store.newestNightId().isPresent());
    }
}
