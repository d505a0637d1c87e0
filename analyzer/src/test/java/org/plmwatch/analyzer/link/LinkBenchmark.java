package org.plmwatch.analyzer.link;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

import org.plmwatch.sim.link.LinkServers;
import org.plmwatch.sim.link.SocatPty;

/**
 * In one run: the raw throughput of a socat pty pair (plain file writes on one end, jssc reads on
 * the other, as the device and the host use it) and the full download of an 8-hour night (50 Hz,
 * synthetic, written with NightFileWriter) from the device's link server to the archive. The
 * download's throughput is compared with the raw rate (target: at least half). Command in
 * docs/LINK.md §9.
 */
public final class LinkBenchmark {

    private static final int RAW_BYTES = 16 << 20;
    private static final int RUNS = 5;

    public static void main(String[] args) throws Exception {
        if (!SocatPty.available()) {
            System.err.println("LinkBenchmark needs socat (Debian package socat)");
            System.exit(2);
        }
        Path tmp = Files.createTempDirectory("plmwatch-link-bench");
        try {
            double raw = 0;
            for (int i = 0; i < RUNS; i++) {
                raw = Math.max(raw, rawPtyBytesPerSecond());
            }
            System.out.printf(Locale.ROOT, "raw pty (file write -> socat -> jssc read), %d MiB: best of %d %.1f MB/s%n",
                    RAW_BYTES >> 20, RUNS, raw / 1e6);

            long t0 = System.nanoTime();
            Path nights = tmp.resolve("nights");
            byte[] night = Files.readAllBytes(TestNights.write(nights, 1, 8, 8.0));
            System.out.printf(Locale.ROOT, "8-hour night, 50 Hz: %d bytes (generated in %.1f s)%n", night.length,
                    (System.nanoTime() - t0) / 1e9);
            double best = 0;
            double bestSeconds = 0;
            for (int i = 0; i < RUNS; i++) {
                double[] r = download(tmp, nights, night, i);
                if (r[1] > best) {
                    best = r[1];
                    bestSeconds = r[0];
                }
                System.out.printf(Locale.ROOT, "  download run %d: %.2f s, %.1f MB/s%n", i + 1, r[0], r[1] / 1e6);
            }
            System.out.printf(Locale.ROOT, "8-hour night download over the pty: best %.2f s, %.1f MB/s = %.0f %% of the "
                    + "raw pty rate (target >= 50 %%)%n", bestSeconds, best / 1e6, 100 * best / raw);
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double rawPtyBytesPerSecond() throws Exception {
        try (SocatPty pty = SocatPty.start();
                JsscTransport reader = JsscTransport.open(pty.second().toString())) {
            byte[] block = new byte[64 * 1024];
            Arrays.fill(block, (byte) 0x5A);
            Thread writer = new Thread(() -> {
                try (FileChannel out = FileChannel.open(pty.first(), StandardOpenOption.WRITE)) {
                    for (int sent = 0; sent < RAW_BYTES; sent += block.length) {
                        ByteBuffer b = ByteBuffer.wrap(block);
                        while (b.hasRemaining()) {
                            out.write(b);
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] buf = new byte[64 * 1024];
            long start = System.nanoTime();
            writer.start();
            long got = 0;
            while (got < RAW_BYTES) {
                int n = reader.read(buf, 5000);
                if (n == 0) {
                    throw new IllegalStateException("raw pty stalled after " + got + " bytes");
                }
                got += n;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            writer.join();
            return got / seconds;
        }
    }

    /** Returns {seconds, bytes per second}. */
    private static double[] download(Path tmp, Path nights, byte[] night, int run) throws Exception {
        TestDevice device = new TestDevice("plmw-bench", nights);
        try (SocatPty pty = SocatPty.start();
                LinkServers.Handle server = LinkServers.open(pty.first().toString(), device);
                LinkClient client = new LinkClient(JsscTransport.open(pty.second().toString()), LinkTimeouts.DEFAULT)) {
            Archive archive = new Archive(tmp.resolve("archive-" + run));
            long start = System.nanoTime();
            DownloadSummary s = new Downloader(client, archive, Downloader.Options.DEFAULT, DownloadProgress.NONE,
                    Clock.systemUTC()).run();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (s.nights().get(0).status() != NightOutcome.Status.DOWNLOADED
                    || !Arrays.equals(night, Files.readAllBytes(archive.nightFile("plmw-bench", 1)))) {
                throw new IllegalStateException("download failed or differs: " + s.nights());
            }
            return new double[] {seconds, night.length / seconds};
        }
    }
}
