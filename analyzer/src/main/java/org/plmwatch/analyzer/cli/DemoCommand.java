package org.plmwatch.analyzer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.plmwatch.analyzer.demo.DemoNight;
import org.plmwatch.analyzer.demo.DemoWeek;
import org.plmwatch.analyzer.io.EventLabels;
import org.plmwatch.analyzer.nights.NightInput;
import org.plmwatch.analyzer.nights.NightScoring;
import org.plmwatch.analyzer.report.html.Diary;
import org.plmwatch.analyzer.report.html.HtmlReport;
import org.plmwatch.analyzer.demo.SimulatedDevice;
import org.plmwatch.analyzer.detect.RecordingDetection;
import org.plmwatch.analyzer.link.Archive;
import org.plmwatch.analyzer.link.DownloadProgress;
import org.plmwatch.analyzer.link.DownloadSummary;
import org.plmwatch.analyzer.link.Downloader;
import org.plmwatch.analyzer.link.HostTransport;
import org.plmwatch.analyzer.link.LinkClient;
import org.plmwatch.analyzer.link.LinkException;
import org.plmwatch.analyzer.link.LinkTimeouts;
import org.plmwatch.analyzer.link.NightOutcome;
import org.plmwatch.analyzer.report.ScoredNight;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.Night;
import org.plmwatch.core.model.SleepSource;
import org.plmwatch.core.scoring.ScoreResult;
import org.plmwatch.core.scoring.Scorer;
import org.plmwatch.sim.device.DeviceProgram;
import org.plmwatch.sim.link.SocatPty;
import org.plmwatch.sim.synth.SyntheticNight;
import org.plmwatch.sim.synth.SyntheticNightConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code plmwatch demo}: the whole chain on a built-in synthetic night, with nothing to install
 * beyond the build. Two simulated ankle devices (the real device program, one JVM per leg)
 * record the night at full speed and serve it on a pseudo-terminal pair; the host downloads and
 * verifies both nights, detects and scores them, and shows the generator's ground truth beside
 * the result.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The whole chain on a synthetic night: two simulated ankle devices (the device program, one "
                + "per leg) record a seeded night at full speed and serve it over a pseudo-terminal pair (socat; "
                + "loopback TCP where socat is not installed); the host downloads and verifies both nights, "
                + "detects and scores the leg movements and prints the summary next to the night's ground truth.",
            "The rest of a simulated week follows (nights of varying severity with a diary, recorded by the same "
                + "device program without the link), and the demo ends in the HTML report of the week, whose path "
                + "it prints.",
            "--psg-style scores a generated PSG-style night instead, with no devices."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated night (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--hours", defaultValue = "8", description = "Length of the simulated night, 0.25-24 h "
            + "(default: ${DEFAULT-VALUE}).")
    double hours;

    @Option(names = "--keep", paramLabel = "DIR", description = "Keep the devices' data and the host archive in DIR "
            + "(default: a temporary folder, deleted afterwards).")
    Path keep;

    @Option(names = "--nights", defaultValue = "7", description = "Nights of the simulated week, 1-7 (default: "
            + "${DEFAULT-VALUE}); the first goes over the link, the others are recorded by the device program in "
            + "this JVM.")
    int nightCount;

    @Option(names = "--html", paramLabel = "F", description = "Where the week's HTML report goes (default: "
            + "report.html in --keep DIR, else in a new temporary folder; the path is printed). With --psg-style, "
            + "the generated night's one-night report, written only when --html is given.")
    Path html;

    @Option(names = "--psg-style", description = "Score a generated PSG-style night (hypnogram, PLMs, arousals, "
            + "apneas) instead of running the devices.")
    boolean psgStyle;

    @Mixin
    OutputOptions output;

    private final long startNanos = System.nanoTime();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        boolean jsonToStdout = output.json != null && output.json.toString().equals("-");
        // With JSON on standard output, the narration goes to standard error.
        PrintWriter info = jsonToStdout ? spec.commandLine().getErr() : out;
        if (psgStyle) {
            return psgStyle(out, info);
        }
        if (nightCount < 1 || nightCount > 7) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--nights must be 1..7");
        }
        if (!(hours >= 0.25 && hours <= 24)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--hours must be 0.25..24");
        }
        Path work = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("plmwatch-demo-");
        try {
            return devices(out, info, work);
        } finally {
            if (keep == null) {
                deleteTree(work);
            }
        }
    }

    private int devices(PrintWriter out, PrintWriter info, Path work) throws IOException {
        boolean socat = SocatPty.available();
        String link = socat ? "pty" : "tcp:0";
        info.printf(Locale.ROOT, "plmwatch demo: two simulated ankle devices record a synthetic %s-hour night "
                + "(seed %d) at full speed, then serve it on %s.%n", trim(hours), seed,
                socat ? "a pseudo-terminal pair (socat), as over USB serial" : "loopback TCP");
        if (!socat) {
            info.println("  socat is not installed, so the link runs over loopback TCP instead of a pseudo-terminal "
                    + "(apt-get install socat for the serial path).");
        }
        info.flush();
        Archive archive = new Archive(work.resolve("archive"));
        Map<Leg, Path> nights = new java.util.EnumMap<>(Leg.class);
        List<SimulatedDevice> devices = new ArrayList<>();
        try {
            for (Leg leg : Leg.values()) {
                devices.add(SimulatedDevice.start(leg, seed, hours, work.resolve(leg.label() + "-device"), link));
            }
            for (SimulatedDevice d : devices) {
                String endpoint = d.endpoint(60);
                String closed = d.awaitNightClosed(600);
                info.printf(Locale.ROOT, "  %s ankle: %s; link on %s%n", d.leg().label(), describe(closed), endpoint);
                info.flush();
                DownloadProgress progress = System.console() != null && info == out
                        ? new TerminalProgress(spec.commandLine().getErr()) : DownloadProgress.NONE;
                DownloadSummary s;
                try (LinkClient client = new LinkClient(HostTransport.open(endpoint), LinkTimeouts.DEFAULT)) {
                    s = new Downloader(client, archive, Downloader.Options.DEFAULT, progress, Clock.systemUTC()).run();
                }
                for (NightOutcome n : s.nights()) {
                    if (n.status() == NightOutcome.Status.DOWNLOADED || n.status() == NightOutcome.Status.ALREADY_ARCHIVED) {
                        nights.put(d.leg(), archive.nightFile(s.deviceId(), n.nightId()));
                        info.printf(Locale.ROOT, "  %s ankle: night %d of device %s downloaded, %s in %.2f s, "
                                + "SHA-256 verified, archived as %s%n", d.leg().label(), n.nightId(), s.deviceId(),
                                TerminalProgress.megabytes(n.sizeBytes()), s.seconds(),
                                work.relativize(archive.nightFile(s.deviceId(), n.nightId())));
                    }
                }
                if (!nights.containsKey(d.leg())) {
                    spec.commandLine().getErr().println("plmwatch demo: the " + d.leg().label()
                            + " night was not downloaded: " + s.nights());
                    return LinkPorts.NO_DEVICE;
                }
            }
        } catch (LinkException e) {
            spec.commandLine().getErr().println("plmwatch demo: link failed: " + e.getMessage());
            return LinkPorts.NO_DEVICE;
        } finally {
            devices.forEach(SimulatedDevice::close);
        }
        info.println();
        info.flush();
        List<RecordingDetection.LegRecording> recs = new ArrayList<>();
        nights.forEach((leg, file) -> recs.add(new RecordingDetection.LegRecording(leg, file)));
        RecordingDetection.Result detected;
        try {
            detected = RecordingDetection.detect(recs, null);
        } catch (org.plmwatch.core.io.InputFormatException e) {
            throw new IllegalStateException("a downloaded night does not read back: " + e.getMessage(), e);
        }
        Scorer scorer = new Scorer();
        ScoreResult device = scorer.score(detected.night(), output.rules);
        ScoredNight first = new ScoredNight("demo-seed-" + seed, "simulated left and right ankle devices, downloaded "
                + "nights", device, Map.of(), detected.notes()).withQuality(detected.quality());
        output.emit(first, out);
        ScoreResult truth = scorer.score(truthNight(), output.rules);
        info.printf(Locale.ROOT, "%nGround truth of the generated night (every true movement, the true sleep): "
                        + "PLMS index %.1f/h, TST %.2f h. The device figures above come from detected movements and "
                        + "actigraphy sleep/wake.%n", truth.plmsIndex(), truth.tstHours());
        info.flush();
        return week(info, work, first);
    }

    /**
     * The rest of the simulated week: each night generated at its own severity, replayed through the
     * device program in this JVM (no link) into the same device folders, scored by the one path
     * every command uses, then the many-night report with the diary.
     */
    private int week(PrintWriter info, Path work, ScoredNight first) throws IOException {
        List<DemoWeek.PlannedNight> plan = DemoWeek.plan(seed, nightCount);
        Path reportFile = reportFile();
        Path diaryFile = reportFile.resolveSibling("diary.csv");
        DemoWeek.writeDiary(plan, diaryFile);
        List<ScoredNight> scored = new ArrayList<>(List.of(first));
        if (plan.size() > 1) {
            info.printf(Locale.ROOT, "%nThe rest of the week (the linked night took %.0f s): %d more nights of %s h, "
                    + "generated at their own severity and recorded by the same device program in this JVM (no link), "
                    + "then scored:%n", (System.nanoTime() - startNanos) / 1e9, plan.size() - 1, trim(hours));
            info.flush();
        }
        for (DemoWeek.PlannedNight p : plan.subList(1, plan.size())) {
            DemoWeek.RecordedNight rec = DemoWeek.record(seed, p, hours, work.resolve("traces"),
                    work.resolve("left-device"), work.resolve("right-device"));
            try {
                for (ScoredNight n : NightScoring.score(NightInput.recordings(rec.left(), rec.right(), null),
                        output.rules, EventLabels.defaults())) {
                    scored.add(n);
                    info.printf(Locale.ROOT, "  night %d, %s: planned %.0f PLMS/h; measured PLMS index %.1f/h, TST %.1f h%n",
                            p.number(), p.evening(), p.plmsPerHour(), n.result().plmsIndex(), n.result().tstHours());
                }
            } catch (org.plmwatch.core.io.InputFormatException e) {
                throw new IllegalStateException("a recorded night does not read back: " + e.getMessage(), e);
            }
            info.flush();
        }
        Diary diary;
        try {
            diary = Diary.read(diaryFile);
        } catch (org.plmwatch.core.io.InputFormatException e) {
            throw new IllegalStateException("the demo's own diary does not read back: " + e.getMessage(), e);
        }
        HtmlReport.write(HtmlReport.model(scored, diary, List.of("simulated week: " + scored.size()
                + " nights of two ankle devices (night 1 downloaded over the link)", "diary " + diaryFile.getFileName()),
                ReportCommand.generatedLine(output.rules)), reportFile);
        info.printf(Locale.ROOT, "%nReport of the week (open it in a browser): %s%n", reportFile.toAbsolutePath());
        info.printf(Locale.ROOT, "(demo done in %.0f s)%n", (System.nanoTime() - startNanos) / 1e9);
        info.flush();
        return ExitCode.OK;
    }

    /** --html, else report.html in the kept folder, else in a new temporary folder that is kept. */
    private Path reportFile() throws IOException {
        if (html != null) {
            Path abs = html.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            return abs;
        }
        return keep != null ? keep.resolve("report.html")
                : Files.createTempDirectory("plmwatch-demo-report-").resolve("report.html");
    }

    /** The generator's own night: true movements of both legs on the true hypnogram. */
    private Night truthNight() {
        SyntheticNightConfig config = DeviceProgram.syntheticConfig(seed, hours);
        SyntheticNight night = SyntheticNight.generate(config);
        List<LegMovement> moves = new ArrayList<>(night.truth(Leg.LEFT));
        moves.addAll(night.truth(Leg.RIGHT));
        return new Night(config.start(), night.hypnogram(), SleepSource.ACTIGRAPHY, EnumSet.allOf(Leg.class), moves,
                List.of(), null);
    }

    /** "closed night=1 samples=1439999 movements=301 flushes=... exit=0" → "recorded 1,439,999 samples, 301 movements". */
    private static String describe(String closedLine) {
        String samples = field(closedLine, "samples=");
        String movements = field(closedLine, "movements=");
        if (samples.isEmpty()) {
            return "night recorded";
        }
        return String.format(Locale.ROOT, "recorded %,d samples, %s leg movements found on the device",
                Long.parseLong(samples), movements);
    }

    private static String field(String line, String key) {
        int i = line.indexOf(key);
        if (i < 0) {
            return "";
        }
        int end = line.indexOf(' ', i);
        return line.substring(i + key.length(), end < 0 ? line.length() : end);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private int psgStyle(PrintWriter out, PrintWriter info) throws IOException {
        Night night = DemoNight.generate(seed);
        info.printf("plmwatch demo: a synthetic PSG-style night (seed %d): %d scored epochs, %d leg movements, "
                        + "%d arousals, %d apneas/hypopneas, scored by %s.%n%n",
                seed, night.hypnogram().epochs().size(), night.legMovements().size(), night.arousals().size(),
                night.respiratoryEvents().size(), output.rules.id());
        info.flush();
        ScoredNight scored = new ScoredNight("demo-psg-seed-" + seed, "generated PSG-style night, seed " + seed,
                new Scorer().score(night, output.rules), Map.of());
        output.emit(scored, out);
        if (html != null) {
            Path file = reportFile();
            HtmlReport.write(HtmlReport.model(List.of(scored), null, List.of("generated PSG-style night, seed " + seed),
                    ReportCommand.generatedLine(output.rules)), file);
            info.printf(Locale.ROOT, "%nReport (open it in a browser): %s%n", file);
            info.flush();
        }
        return ExitCode.OK;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }
}
