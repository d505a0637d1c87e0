package org.plmwatch.sim.device;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.detect.DetectorConfig;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.nightfile.MarkKind;
import org.plmwatch.core.nightfile.NightFileWriter;
import org.plmwatch.core.nightfile.NightHeader;
import org.plmwatch.core.nightfile.WornOn;
import org.plmwatch.sim.sensor.Lis3dhDriver;
import org.plmwatch.sim.sensor.RegisterMapFake;
import org.plmwatch.sim.sensor.SensorConfig;
import org.plmwatch.sim.synth.SyntheticNight;

/**
 * Measures the device loop on a synthetic night:
 * <ol>
 * <li>CPU time per sample of the whole loop (LIS3DH register-map fake → real driver decode →
 * recorder → on-device detector → night file, flushed every 2 s as on the device, and once an hour to
 * show the flushes' share), with the night's samples
 * generated beforehand so the generator's cost is not counted (ThreadMXBean CPU time of the loop
 * thread, user + system, so the fdatasync calls count);</li>
 * <li>bytes written per hour;</li>
 * <li>the device program in a child JVM with {@code -Xmx32m --speed 0 --hours H}: exit status, peak
 * RSS (VmHWM from /proc, polled) and peak heap used (from the GC log).</li>
 * </ol>
 * {@code java -cp CLASSPATH org.plmwatch.sim.device.DeviceLoopBenchmark [hours=8] [seed=1] [loop-only]}
 * ({@code loop-only} skips the child JVM, which cannot be started under qemu-user without
 * binfmt_misc: hardware/check-on-arm.sh).
 */
public final class DeviceLoopBenchmark {

    private DeviceLoopBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double hours = args.length > 0 ? Double.parseDouble(args[0]) : 8;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Path dir = Files.createTempDirectory("plmwatch-bench");
        try {
            loop(dir, hours, seed, 2_000_000);
            loop(dir, hours, seed, 3_600_000_000L);
            if (!(args.length > 2 && args[2].equals("loop-only"))) {
                childJvm(dir, hours, seed);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void loop(Path dir, double hours, long seed, long flushMicros) throws Exception {
        SyntheticNight night = SyntheticNight.generate(DeviceProgram.syntheticConfig(seed, hours));
        int n = (int) Math.floor(night.recordingSeconds() * night.config().rateHz());
        short[] words = new short[3 * n];
        double[] times = new double[n];
        int[] k = {0};
        night.stream(Leg.LEFT, new AccelSink() {
            @Override
            public void sample(double t, double x, double y, double z) {
                int i = k[0]++;
                times[i] = t;
                words[3 * i] = word(x);
                words[3 * i + 1] = word(y);
                words[3 * i + 2] = word(z);
            }
        });
        RegisterMapFake chip = RegisterMapFake.lis3dh();
        Lis3dhDriver driver = new Lis3dhDriver(chip, "benchmark");
        driver.configure(SensorConfig.DEFAULT);
        Path file = dir.resolve("bench-" + flushMicros + ".night");
        NightFileWriter writer = NightFileWriter.create(file, NightHeader.of("bench", "dev", "synthetic", 50, 4,
                driver.gPerCount(), WornOn.LEFT, OptionalLong.empty()));
        SimClock clock = new SimClock();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        NightRecorder recorder = new NightRecorder(writer, file, 0, MarkKind.LIGHTS_OFF,
                new NightRecorder.Settings(50, driver.gPerCount(), flushMicros, 0, false, new long[0], false,
                        DetectorConfig.forSensor(driver.chip())),
                () -> Long.MAX_VALUE, new LoggingStatusLed(quiet), quiet, BatteryMonitor.never(), clock);
        BatchBuffer batch = new BatchBuffer();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            chip.produce(words[3 * i], words[3 * i + 1], words[3 * i + 2]);
            if (chip.int1High() || i == n - 1) {
                batch.clear();
                driver.drain(batch);
                long drain = Math.round(times[i] * 1e6);
                clock.advanceTo(drain);
                if (batch.lost) {
                    recorder.samplesLost();
                }
                recorder.drained(drain, batch.xyz, batch.count);
            }
        }
        recorder.close(null);
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        long wall = System.nanoTime() - wall0;
        long bytes = Files.size(file);
        System.out.printf(Locale.ROOT, "device loop, flush every %.0f s: %d samples (%.2f h at 50 Hz), CPU %.0f ns/sample "
                        + "(%.2f s CPU, %.2f s wall, %d flushes), %d movements%n", flushMicros / 1e6, n, hours, (double) cpu / n, cpu / 1e9, wall / 1e9,
                recorder.flushes(), recorder.movements());
        System.out.printf(Locale.ROOT, "night file: %d bytes, %.0f bytes/hour (raw 16-bit: 1080000 B/h)%n", bytes,
                bytes / hours);
    }

    private static short word(double g) {
        long counts = Math.max(-2048, Math.min(2047, Math.round(g / 0.002)));
        return (short) (counts << 4);
    }

    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private static void childJvm(Path dir, double hours, long seed) throws IOException, InterruptedException {
        Path data = dir.resolve("child");
        Path gcLog = dir.resolve("gc.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-XX:+UseSerialGC", "-Xlog:gc:file=" + gcLog, "-cp", System.getProperty("java.class.path"),
                "org.plmwatch.sim.DeviceMain", "--sensor", "synthetic", "--speed", "0", "--hours", Double.toString(hours),
                "--seed", Long.toString(seed), "--data", data.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.out").toFile()).start();
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        long peakRssKb = 0;
        long start = System.nanoTime();
        while (p.isAlive()) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        peakRssKb = Math.max(peakRssKb, Long.parseLong(line.replaceAll("\\D", "")));
                    }
                }
            } catch (IOException e) {
                break;   // exited between the check and the read
            }
            Thread.sleep(50);   // a benchmark's sampling interval, not a synchronisation
        }
        int exit = p.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        long peakHeapMb = 0;
        long committedMb = 0;
        if (Files.exists(gcLog)) {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    peakHeapMb = Math.max(peakHeapMb, Long.parseLong(m.group(1)));
                    committedMb = Math.max(committedMb, Long.parseLong(m.group(3)));
                }
            }
        }
        String last = Files.readAllLines(dir.resolve("child.out")).stream().filter(l -> l.startsWith("closed"))
                .findFirst().orElse("(no 'closed' line)");
        System.out.printf(Locale.ROOT, "-Xmx32m child JVM, %.2f h night at --speed 0: exit %d in %.1f s, peak RSS %.1f MB, "
                        + "peak heap used %d MB of %d MB committed; %s%n", hours, exit, seconds, peakRssKb / 1024.0,
                peakHeapMb, committedMb, last);
    }
}
