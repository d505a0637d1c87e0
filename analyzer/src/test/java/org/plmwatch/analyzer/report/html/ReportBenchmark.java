package org.plmwatch.analyzer.report.html;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.plmwatch.analyzer.report.ScoredNight;

/**
 * Report generation time for 1 and 30 nights: view models plus the HTML written to a file, from
 * nights already scored (scoring has its own benchmarks). Short runs side by side, best of
 * several, after a warm-up: a clinician runs the command once, so the first (cold) run is shown too.
 *
 * <pre>
 * mvn -q -o -pl analyzer -am test-compile
 * java -cp "analyzer/target/test-classes:analyzer/target/classes:$(cat /tmp/cp.txt)" \
 *     org.plmwatch.analyzer.report.html.ReportBenchmark
 * </pre>
 */
public final class ReportBenchmark {

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("plmwatch-report-bench-");
        List<ScoredNight> thirty = ReportFixtures.psgStyleNights(30);
        List<ScoredNight> one = thirty.subList(0, 1);
        double cold1 = time(one, dir.resolve("one.html"));
        double cold30 = time(thirty, dir.resolve("thirty.html"));
        double best1 = Double.MAX_VALUE;
        double best30 = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            best1 = Math.min(best1, time(one, dir.resolve("one.html")));
            best30 = Math.min(best30, time(thirty, dir.resolve("thirty.html")));
        }
        System.out.printf(Locale.ROOT, "report of  1 night : first %.0f ms, best of 5 %.1f ms, %d KiB%n", cold1, best1,
                Files.size(dir.resolve("one.html")) / 1024);
        System.out.printf(Locale.ROOT, "report of 30 nights: first %.0f ms, best of 5 %.1f ms, %d KiB (%.1f× one night)%n",
                cold30, best30, Files.size(dir.resolve("thirty.html")) / 1024, best30 / best1);
        for (Path p : List.of(dir.resolve("one.html"), dir.resolve("thirty.html"), dir)) {
            Files.deleteIfExists(p);
        }
    }

    private static double time(List<ScoredNight> nights, Path file) throws IOException {
        long t0 = System.nanoTime();
        ReportModel model = HtmlReport.model(nights, null, List.of("benchmark"), "benchmark");
        try (Writer w = Files.newBufferedWriter(file)) {
            HtmlReport.write(model, w);
        }
        return (System.nanoTime() - t0) / 1e6;
    }
}
