package org.plmwatch.core.io.accel;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import org.plmwatch.core.accel.AccelSink;

/**
 * Not a test: a quick measurement run by hand. Writes a seeded GENEActiv .bin of 24 hours at
 * 100 Hz (28,800 pages, 8.6 M samples, ~110 MB) and prints the reader's streaming rate and the
 * heap in use after the pass.
 *
 * <pre>
 * mvn -q -o -pl core test-compile
 * java -Xmx32m -cp core/target/test-classes:core/target/classes org.plmwatch.core.io.accel.GeneActivThroughput
 * </pre>
 */
public final class GeneActivThroughput {

    public static void main(String[] args) throws Exception {
        Path bin = Files.createTempFile("throughput", ".bin");
        int pages = 28_800;
        Random random = new Random(11);
        try (BufferedWriter w = Files.newBufferedWriter(bin, StandardCharsets.US_ASCII)) {
            w.write("Device Identity\r\nDevice Unique Serial Code:000001\r\nDevice Model:1.1\r\n\r\n"
                    + "Configuration Info\r\nMeasurement Frequency:100 Hz\r\n\r\nCalibration Data\r\nx gain:25600\r\n"
                    + "x offset:0\r\ny gain:25600\r\ny offset:0\r\nz gain:25600\r\nz offset:0\r\n\r\nMemory Status\r\n"
                    + "Number of Pages:" + pages + "\r\n\r\n");
            char[] hex = new char[12 * 300];
            for (int p = 0; p < pages; p++) {
                long ms = p * 3000L;
                w.write(String.format(Locale.ROOT, "Recorded Data\r\nDevice Unique Serial Code:000001\r\n"
                        + "Sequence Number:%d\r\nPage Time:2026-01-%02d %02d:%02d:%02d:%03d\r\nUnassigned:\r\n"
                        + "Temperature:21.5\r\nBattery voltage:4.1\r\nDevice Status:Recording\r\n"
                        + "Measurement Frequency:100.0\r\n", p, 1 + (int) (ms / 86_400_000), ms / 3_600_000 % 24,
                        ms / 60_000 % 60, ms / 1000 % 60, ms % 1000));
                for (int i = 0; i < 300; i++) {
                    int x = (int) Math.round(random.nextGaussian() * 3) & 0xfff;
                    int y = (int) Math.round(random.nextGaussian() * 3) & 0xfff;
                    int z = (256 + (int) Math.round(random.nextGaussian() * 3)) & 0xfff;
                    String s = String.format(Locale.ROOT, "%03X%03X%03X000", x, y, z);
                    s.getChars(0, 12, hex, 12 * i);
                }
                w.write(hex);
                w.write("\r\n");
            }
        }
        final double[] sum = new double[1];
        AccelSink sink = new AccelSink() {
            @Override
            public void sample(double t, double x, double y, double z) {
                sum[0] += x + y + z;
            }
        };
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            ReadReport report = AccelReaders.open(bin).stream(sink);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.printf(Locale.ROOT, "GENEActiv %d MB: %d samples (%.1f h) in %.2f s = %.1f M samples/s, "
                    + "heap after %.1f MB%n", Files.size(bin) >> 20, report.sampleCount(),
                    report.durationSeconds() / 3600, seconds, report.sampleCount() / seconds / 1e6, heap / 1e6);
        }
        Files.delete(bin);
    }
}
