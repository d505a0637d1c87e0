package org.plmwatch.core.io.accel;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import org.plmwatch.core.accel.AccelSink;

/**
 * Not a test: a quick measurement run by hand. Prints the figures of the shared recordings and the
 * streaming throughput of the CSV and CWA readers.
 *
 * <pre>
 * mvn -q -o -pl analyzer -am test-compile
 * java -cp analyzer/target/test-classes:analyzer/target/classes:core/target/classes \
 *     org.plmwatch.core.io.accel.ReaderThroughput ../shared/data/accel
 * </pre>
 */
public final class ReaderThroughput {

    private static final class Sink implements AccelSink {
        long count;
        double sum;

        @Override
        public void sample(double timeSeconds, double xG, double yG, double zG) {
            count++;
            sum += xG + yG + zG + timeSeconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data/accel");
        for (String name : new String[] {"ankle-imu-bursts.csv", "ax3_testfile.cwa", "ax6_testfile.cwa"}) {
            AccelRecording recording = AccelReaders.open(data.resolve(name));
            CollectingSink sink = new CollectingSink();
            ReadReport report = recording.stream(sink);
            System.out.printf(Locale.ROOT, "%s: %s%n  start %s, units %s (%s)%n  samples %d, duration %.3f s, "
                    + "mean rate %.3f Hz, median |a| %.4f g, gaps %d, skipped %d%n", name,
                    recording.info().description(), recording.info().start().map(Object::toString).orElse("-"),
                    recording.info().units().symbol(), recording.info().unitsEvidence(), report.sampleCount(),
                    report.durationSeconds(), report.meanRateHz(), sink.medianMagnitude(), report.gapCount(),
                    report.skippedBlocks().size());
        }

        Path csv = Files.createTempFile("throughput", ".csv");
        int rows = 2_000_000;
        Random random = new Random(5);
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("TimeStamp,AccX,AccY,AccZ,GyroX,GyroY,GyroZ\n");
            long startMillis = 1_700_000_000_000L;
            for (int i = 0; i < rows; i++) {
                long ms = startMillis + i * 10L;
                w.write(java.time.LocalDateTime.ofEpochSecond(ms / 1000, (int) (ms % 1000) * 1_000_000,
                        java.time.ZoneOffset.UTC).toString().replace('T', ' '));
                w.write(String.format(Locale.ROOT, ",%.6e,%.6e,%.6e,1.2,-3.4,5.6%n", random.nextGaussian() * 0.1,
                        random.nextGaussian() * 0.1, 1 + random.nextGaussian() * 0.1));
            }
        }
        AccelRecording csvRecording = AccelReaders.open(csv);
        measure("CSV (date-time + 6 numbers per row, " + Files.size(csv) / 1_000_000 + " MB)", csvRecording, 3);
        Files.delete(csv);

        AccelRecording ax3 = AccelReaders.open(data.resolve("ax3_testfile.cwa"));
        measure("CWA AX3 packed (17 400 samples × 200 passes)", ax3, 200);
        AccelRecording ax6 = AccelReaders.open(data.resolve("ax6_testfile.cwa"));
        measure("CWA AX6 16-bit (11 320 samples × 300 passes)", ax6, 300);
    }

    private static void measure(String what, AccelRecording recording, int passes) throws Exception {
        recording.stream(new Sink()); // warm-up
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        long start = System.nanoTime();
        Sink sink = new Sink();
        for (int i = 0; i < passes; i++) {
            recording.stream(sink);
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        allocated = bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - allocated;
        System.out.printf(Locale.ROOT, "%s: %d samples in %.2f s = %.1f M samples/s, %.2f bytes allocated per sample%n",
                what, sink.count, seconds, sink.count / seconds / 1e6, (double) allocated / sink.count);
    }
}
