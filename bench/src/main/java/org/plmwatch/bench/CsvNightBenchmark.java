package org.plmwatch.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.plmwatch.analyzer.cli.Main;
import org.plmwatch.sim.synth.NightCsvWriter;
import org.plmwatch.sim.synth.SyntheticNight;
import org.plmwatch.sim.synth.SyntheticNightConfig;

/**
 * Wall time of {@code plmwatch score --left L.csv --right R.csv} on an 8-hour two-leg 50 Hz
 * night (2 × 1.44 M rows, ~90 MB of CSV): reading, detection, actigraphy sleep/wake, scoring and
 * the JSON, end to end through the CLI code, in the page cache (files written in setup).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class CsvNightBenchmark {

    private Path dir;
    private NightCsvWriter.WrittenFiles files;

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("plmwatch-bench");
        files = NightCsvWriter.write(SyntheticNight.generate(SyntheticNightConfig.defaults(8).withRecordingHours(8)),
                dir, "night");
    }

    @TearDown
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public int scoreEightHourTwoLegNight() {
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"score", "--left", files.left().toString(), "--right",
            files.right().toString(), "--json", "-"}, new PrintWriter(out), new PrintWriter(new StringWriter()));
        if (code != 0) {
            throw new IllegalStateException("score failed: " + code);
        }
        return out.getBuffer().length();
    }
}
