package org.plmwatch.analyzer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.plmwatch.analyzer.nights.Inputs;
import org.plmwatch.analyzer.nights.NightInput;
import org.plmwatch.analyzer.nights.NightScoring;
import org.plmwatch.analyzer.report.ScoreJson;
import org.plmwatch.analyzer.report.ScoredNight;
import org.plmwatch.analyzer.report.html.Chromium;
import org.plmwatch.analyzer.report.html.Diary;
import org.plmwatch.analyzer.report.html.HtmlReport;
import org.plmwatch.analyzer.report.html.ReportModel;
import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.core.scoring.RuleSet;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code plmwatch report}: one self-contained HTML page for a clinician (one night, or many side
 * by side), optionally printed to PDF and with the JSON results beside it.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a self-contained HTML report (inline charts, no network, prints to A4): per night "
                + "the indices, a whole-night timeline, the time-of-night profile, IMI and duration histograms and "
                + "data quality; across several nights one row per night, the PLMS index per night against "
                + "5/10/15 per hour, the stable markers and, with --diary, PLMS by diary tag (exploratory).",
            "Nights: PSG exports, recordings or download archives as INPUT, and/or ankle recordings with "
                + "--left/--right [--psg] (repeat them in the same order for several nights: the i-th of each is one "
                + "night)."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "INPUT", description = "PSG event export (RemLogic .txt or EDF+), "
            + "recording, download archive or folder: files are told apart by content, device nights paired left "
            + "with right by leg and time.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--left", paramLabel = "REC", description = "Left-ankle recording (repeatable, one per night).")
    List<Path> left = new ArrayList<>();

    @Option(names = "--right", paramLabel = "REC", description = "Right-ankle recording (repeatable, one per night).")
    List<Path> right = new ArrayList<>();

    @Option(names = "--psg", paramLabel = "EVENTS", description = "PSG export recorded with the recordings "
            + "(repeatable: none, or one per night of recordings).")
    List<Path> psg = new ArrayList<>();

    @Option(names = "--html", paramLabel = "F", required = true, description = "The HTML report to write.")
    Path html;

    @Option(names = "--pdf", paramLabel = "F", description = "Also print the report to an A4 PDF (needs Chromium: "
            + "apt-get install chromium).")
    Path pdf;

    @Option(names = "--json", paramLabel = "F", description = "Also write the scored nights as JSON, as "
            + "'plmwatch score --json' does (one night: its object; several: {\"nights\": [...]}).")
    Path json;

    @Option(names = "--diary", paramLabel = "F.csv", description = "Sleep diary: date,tags,note per evening; tags "
            + "separated by ';' (e.g. 2026-11-17,caffeine; pramipexole 0.125 mg,late dinner).")
    Path diaryFile;

    @Option(names = "--rules", paramLabel = "wasm2016|aasm", converter = RuleSetConverter.class,
            defaultValue = "wasm2016", description = "Rule set (default: ${DEFAULT-VALUE}).")
    RuleSet rules;

    @Mixin
    LabelOptions labelOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<NightInput> nights = expand(err);
        Optional<Chromium> chromium = Optional.empty();
        if (pdf != null) {
            chromium = Chromium.find();
            if (chromium.isEmpty()) {
                throw usage("--pdf prints through headless Chromium, which is not installed (apt-get install "
                        + "chromium); the HTML report prints to PDF from any browser too");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        Diary diary = diaryFile == null ? null : Diary.read(diaryFile);
        List<ScoredNight> scored = new ArrayList<>();
        List<String> read = new ArrayList<>();
        int failed = problems;
        for (NightInput in : nights) {
            try {
                scored.addAll(NightScoring.score(in, rules, labelOptions.labels()));
                read.add(describe(in));
            } catch (InputFormatException e) {
                // One broken night must not cost the report of the others.
                failed++;
                err.println("plmwatch: night " + in.name() + " left out: bad input: " + e.getMessage());
            }
        }
        if (scored.isEmpty()) {
            err.println("plmwatch: no night could be read; no report written");
            return ExitCode.BAD_INPUT;
        }
        if (diaryFile != null) {
            read.add("diary " + diaryFile.getFileName());
        }
        ReportModel model = HtmlReport.model(scored, diary, read, generatedLine(rules));
        HtmlReport.write(model, html);
        out.println("HTML report written to " + html + " (" + scored.size() + (scored.size() == 1 ? " night)" : " nights)"));
        if (json != null) {
            writeJson(scored, json);
            out.println("JSON written to " + json);
        }
        if (chromium.isPresent()) {
            Path abs = pdf.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            // An old PDF left in place must not pass for a new one.
            Files.deleteIfExists(abs);
            Chromium.Run run = chromium.get().printToPdf(html, abs);
            if (run.exitCode() != 0 || !Files.isRegularFile(abs) || Files.size(abs) == 0) {
                err.println("plmwatch: Chromium could not print the PDF (exit " + run.exitCode() + "); the HTML "
                        + "report is complete and prints from any browser");
                return ExitCode.INTERNAL;
            }
            out.println("PDF written to " + pdf + " (printed by headless Chromium)");
        }
        out.flush();
        return failed > 0 ? ExitCode.BAD_INPUT : ExitCode.OK;
    }

    /**
     * The command's arguments as night inputs: files and folders through the shared expansion
     * ({@link Inputs}: content-classified, archive nights paired by leg and time), recordings
     * named with --left/--right as given. What cannot be used is said on standard error.
     */
    List<NightInput> expand(PrintWriter err) {
        int recNights = Math.max(left.size(), right.size());
        if ((!left.isEmpty() && left.size() != recNights) || (!right.isEmpty() && right.size() != recNights)) {
            throw usage("give one --left and/or one --right per night (" + left.size() + " left, " + right.size()
                    + " right)");
        }
        if (!psg.isEmpty() && psg.size() != recNights) {
            throw usage("--psg goes with recordings: none, or one per night of --left/--right (" + recNights
                    + " nights, " + psg.size() + " --psg)");
        }
        if (inputs.isEmpty() && recNights == 0) {
            throw usage("give nights to report: PSG exports, recordings or archive folders (plmwatch report "
                    + "ARCHIVE --html r.html), or --left L --right R [--psg P]");
        }
        List<NightInput> out = new ArrayList<>();
        List<Inputs.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < recNights; i++) {
            Path l = left.isEmpty() ? null : left.get(i);
            Path r = right.isEmpty() ? null : right.get(i);
            if (psg.isEmpty()) {
                pairs.add(new Inputs.Pair(l, r));
            } else {
                out.add(NightInput.recordings(l, r, psg.get(i)));
            }
        }
        Inputs.Expansion expansion = Inputs.expand(inputs, pairs, List.of());
        for (Inputs.Labelled in : expansion.inputs()) {
            out.add(in.input());
            for (String note : in.notes()) {
                err.println("plmwatch: " + in.source() + ": " + note);
            }
        }
        // This command's own files (a report written into the archive folder last time) are not junk.
        List<Path> own = new ArrayList<>();
        for (Path f : new Path[] {html, pdf, json, diaryFile}) {
            if (f != null) {
                own.add(f.toAbsolutePath().normalize());
            }
        }
        for (Inputs.Problem p : expansion.problems()) {
            if (!own.contains(p.path().toAbsolutePath().normalize())) {
                problems++;
                err.println("plmwatch: skipped " + p.path() + ": " + p.reason());
            }
        }
        return out;
    }

    /** Files and folders the expansion could not use; they make the exit code 3. */
    private int problems;

    private static String describe(NightInput in) {
        List<String> names = new ArrayList<>();
        for (Path f : in.files()) {
            names.add(String.valueOf(f.getFileName()));
        }
        return String.join(" + ", names);
    }

    static String generatedLine(RuleSet rules) {
        return "Generated " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).format(LocalDateTime.now())
                + " by " + new VersionProvider().getVersion()[0] + ", " + rules.id() + " rules";
    }

    /** The JSON of {@code score --json} for these nights (one night: the bare object). */
    static void writeJson(List<ScoredNight> nights, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        try (Writer w = Files.newBufferedWriter(abs, StandardCharsets.UTF_8)) {
            ScoreJson.write(nights, w);
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
