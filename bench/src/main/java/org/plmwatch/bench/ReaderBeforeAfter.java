package org.plmwatch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

import org.plmwatch.core.nightfile.NightFileWriter;
import org.plmwatch.core.nightfile.NightHeader;
import org.plmwatch.core.nightfile.WornOn;

/**
 * Two builds of the readers side by side in one JVM, each in its own class loader, timed in
 * alternating rounds: the RemLogic reader on the real nights, and a device night file (8 h at
 * 50 Hz, written here) opened and streamed as a recording. Prints the median time per read, the
 * bytes allocated per read, and the ratio before/after.
 *
 * <pre>
 * git -C . archive BASE | tar -x -C /tmp/before &amp;&amp; (cd /tmp/before &amp;&amp; mvn -q -o -B -pl analyzer -am compile)
 * mvn -q -B -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar org.plmwatch.bench.ReaderBeforeAfter \
 *     /tmp/before/core/target/classes:/tmp/before/analyzer/target/classes \
 *     core/target/classes:analyzer/target/classes ../shared/data/psg/night1.remlogic.txt ../shared/data/psg/night2.remlogic.txt
 * </pre>
 */
public final class ReaderBeforeAfter {

    private static final int ROUNDS = 15;

    private ReaderBeforeAfter() {
    }

    public static void main(String[] args) throws Exception {
        Path sinkDir = sinkClassDir();
        ClassLoader before = loader(args[0], sinkDir);
        ClassLoader after = loader(args[1], sinkDir);
        List<Path> nights = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            nights.add(Path.of(args[i]));
        }
        Path night = Files.createTempDirectory("plmwatch-bench").resolve("eight-hours.night");
        writeNight(night, 8 * 3600);
        System.out.printf(Locale.ROOT, "night file: %.1f MB, 8 h at 50 Hz%n", Files.size(night) / 1e6);
        for (Path p : nights) {
            compare("RemLogic " + p.getFileName(), () -> remLogic(before, p), () -> remLogic(after, p));
        }
        compare("night file open+stream", () -> nightFile(before, night), () -> nightFile(after, night));
        Files.delete(night);
        Files.delete(night.getParent());
    }

    interface Task {
        void run() throws Exception;
    }

    private static void compare(String what, Task before, Task after) throws Exception {
        for (int i = 0; i < 5; i++) { // warm-up, both sides
            before.run();
            after.run();
        }
        long[][] nanos = new long[2][ROUNDS];
        long[][] bytes = new long[2][ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            measure(before, nanos[0], bytes[0], r);
            measure(after, nanos[1], bytes[1], r);
        }
        double b = median(nanos[0]) / 1e6;
        double a = median(nanos[1]) / 1e6;
        System.out.printf(Locale.ROOT, "%-32s before %8.2f ms %9.1f MB allocated | after %8.2f ms %9.1f MB allocated"
                + " | %.2fx faster, %.1fx less allocated%n", what, b, median(bytes[0]) / 1e6, a, median(bytes[1]) / 1e6,
                b / a, median(bytes[0]) / Math.max(1.0, median(bytes[1])));
    }

    private static void measure(Task t, long[] nanos, long[] bytes, int r) throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long a0 = mx.getThreadAllocatedBytes(id);
        long t0 = System.nanoTime();
        t.run();
        nanos[r] = System.nanoTime() - t0;
        bytes[r] = mx.getThreadAllocatedBytes(id) - a0;
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static void remLogic(ClassLoader l, Path file) throws Exception {
        Class<?> labels = l.loadClass("org.plmwatch.analyzer.io.EventLabels");
        Object defaults = labels.getMethod("defaults").invoke(null);
        l.loadClass("org.plmwatch.analyzer.io.RemLogicReader").getMethod("read", Path.class, labels)
                .invoke(null, file, defaults);
    }

    private static void nightFile(ClassLoader l, Path file) throws Exception {
        Object rec = l.loadClass("org.plmwatch.core.io.accel.NightFileRecording").getMethod("open", Path.class)
                .invoke(null, file);
        Class<?> sinkType = l.loadClass("org.plmwatch.core.accel.AccelSink");
        Object sink = l.loadClass(NullSink.class.getName()).getConstructor().newInstance();
        Method stream = rec.getClass().getMethod("stream", sinkType);
        stream.invoke(rec, sink);
    }

    /** A sink that keeps nothing; loaded by each build's loader so it implements that build's AccelSink. */
    public static final class NullSink implements org.plmwatch.core.accel.AccelSink {
        public double sum;

        @Override
        public void sample(double t, double x, double y, double z) {
            sum += x;
        }
    }

    /** A folder holding only {@link NullSink}'s class file, for both loaders. */
    private static Path sinkClassDir() throws IOException {
        Path dir = Files.createTempDirectory("plmwatch-bench-sink");
        String name = NullSink.class.getName().replace('.', '/') + ".class";
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        try (var in = ReaderBeforeAfter.class.getClassLoader().getResourceAsStream(name)) {
            Files.write(f, in.readAllBytes());
        }
        return dir;
    }

    private static ClassLoader loader(String classpath, Path sinkDir) throws IOException {
        String[] parts = (classpath + java.io.File.pathSeparator + sinkDir).split(java.io.File.pathSeparator);
        URL[] urls = new URL[parts.length];
        for (int i = 0; i < parts.length; i++) {
            urls[i] = Path.of(parts[i]).toUri().toURL();
        }
        // parent: the platform loader, so each build sees only its own plmwatch classes
        return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }

    private static void writeNight(Path file, int seconds) throws IOException {
        NightHeader h = NightHeader.of("bench", "1.0", "LIS3DH", 50, 4, 0.002, WornOn.LEFT,
                OptionalLong.of(1_790_000_000_000_000L));
        short[] xyz = new short[3 * 25];
        java.util.Random rnd = new java.util.Random(1);
        try (NightFileWriter w = NightFileWriter.create(file, h)) {
            for (long batch = 0; batch < seconds * 2L; batch++) {
                for (int i = 0; i < 25; i++) {
                    xyz[3 * i] = (short) rnd.nextInt(7);
                    xyz[3 * i + 1] = (short) (3 + rnd.nextInt(7));
                    xyz[3 * i + 2] = (short) (497 + rnd.nextInt(7));
                }
                w.writeSamples(batch * 500_000L, xyz, 0, 25);
            }
        }
    }
}
