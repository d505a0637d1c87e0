package org.plmwatch.analyzer.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.plmwatch.analyzer.detect.NightValidation;
import org.plmwatch.analyzer.detect.NightValidation.BlandAltman;
import org.plmwatch.analyzer.detect.NightValidation.NightAgreement;
import org.plmwatch.analyzer.detect.RecordingDetection;
import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.analyzer.io.PsgEvents;
import org.plmwatch.analyzer.nights.NightInput;
import org.plmwatch.analyzer.nights.NightScoring;
import org.plmwatch.analyzer.report.JsonWriter;
import org.plmwatch.core.detect.DetectionComparison;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.scoring.RuleSet;
import org.plmwatch.core.scoring.Scorer;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plmwatch validate}: the device's nights against PSG nights recorded at the same time. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare ankle recordings with a PSG recorded at the same time: matched, missed and extra "
                + "movements per leg (precision, recall, F1), the PLMS index both ways, and over several nights "
                + "the Bland-Altman bias and limits of agreement.",
            "Several nights: repeat --left/--right/--psg in the same order (the i-th of each is one night)."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--left", paramLabel = "REC", description = "Left-ankle recording (repeatable, one per night).")
    List<Path> left = new ArrayList<>();

    @Option(names = "--right", paramLabel = "REC", description = "Right-ankle recording (repeatable, one per night).")
    List<Path> right = new ArrayList<>();

    @Option(names = "--psg", paramLabel = "EVENTS", required = true,
            description = "PSG event export of the same night (repeatable, one per night).")
    List<Path> psg = new ArrayList<>();

    @Option(names = "--tolerance", paramLabel = "SECONDS", defaultValue = "1.0",
            description = "A device movement matches a PSG movement when they overlap and their onsets differ by at "
                    + "most this much (default: ${DEFAULT-VALUE} s).")
    double toleranceSeconds;

    @Option(names = "--rules", paramLabel = "wasm2016|aasm", converter = RuleSetConverter.class,
            defaultValue = "wasm2016", description = "Rule set (default: ${DEFAULT-VALUE}).")
    RuleSet rules;

    @Option(names = "--json", paramLabel = "F", description = "Also write the agreement as JSON to F ('-' for "
            + "standard output).")
    Path json;

    @Mixin
    LabelOptions labelOptions;

    @Override
    public Integer call() throws Exception {
        int nights = psg.size();
        if (left.isEmpty() && right.isEmpty()) {
            throw usage("give the device's recordings with --left and/or --right");
        }
        if ((!left.isEmpty() && left.size() != nights) || (!right.isEmpty() && right.size() != nights)) {
            throw usage("give one --left and/or one --right per --psg (" + nights + " nights; got " + left.size()
                    + " left and " + right.size() + " right)");
        }
        if (!(toleranceSeconds >= 0)) {
            throw usage("--tolerance must be >= 0 s");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // with --json - standard output carries the JSON alone, so the tables go to standard error
        boolean jsonToStdout = json != null && json.toString().equals("-");
        PrintWriter out = jsonToStdout ? err : stdout;
        List<NightAgreement> agreements = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < nights; i++) {
            Path l = left.isEmpty() ? null : left.get(i);
            Path r = right.isEmpty() ? null : right.get(i);
            try {
                PsgEvents events = NightScoring.readPsg(psg.get(i), labelOptions.labels());
                RecordingDetection.Result detected =
                        RecordingDetection.detect(NightScoring.legRecordings(l, r), events);
                NightAgreement a = NightValidation.compare(NightInput.psgExport(psg.get(i)).name(),
                        new Scorer().score(detected.night(), rules), new Scorer().score(events.night(), rules),
                        toleranceSeconds);
                agreements.add(a);
                print(out, a);
            } catch (InputFormatException e) {
                // One broken night must not cost the others: report it and go on.
                failed++;
                err.println("plmwatch: night " + (i + 1) + " skipped: bad input: "
                        + org.plmwatch.analyzer.report.TerminalText.escape(e.getMessage()));
            }
        }
        BlandAltman ba = BlandAltman.of(agreements);
        if (ba.nights() >= 2) {
            out.printf(Locale.ROOT, "PLMS index, device − PSG over %d nights: bias %+.1f/h, limits of agreement "
                    + "%+.1f to %+.1f/h (SD %.1f)%n", ba.nights(), ba.bias(), ba.lowerLimit(), ba.upperLimit(), ba.sd());
        } else {
            out.println("Bland-Altman agreement needs at least two nights with sleep scored.");
        }
        if (jsonToStdout) {
            writeJson(agreements, ba, stdout);
            stdout.flush();
        } else if (json != null) {
            try (Writer w = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
                writeJson(agreements, ba, w);
            } catch (java.io.IOException e) {
                throw new OutputPathException(json, e);
            }
            out.println("JSON written to " + json);
        }
        out.flush();
        return failed > 0 ? ExitCode.BAD_INPUT : ExitCode.OK;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static void print(PrintWriter out, NightAgreement a) {
        out.printf(Locale.ROOT, "%s: PLMS index device %s/h, PSG %s/h%n", a.name(), fmt(a.device().plmsIndex()),
                fmt(a.psg().plmsIndex()));
        out.printf(Locale.ROOT, "  %-6s %7s %6s %6s %9s %7s %6s %12s %14s%n", "leg", "matched", "missed", "extra",
                "precision", "recall", "F1", "onset err s", "duration err s");
        for (Map.Entry<Leg, DetectionComparison.Result> e : new java.util.TreeMap<>(a.perLeg()).entrySet()) {
            DetectionComparison.Result c = e.getValue();
            out.printf(Locale.ROOT, "  %-6s %7d %6d %6d %9.3f %7.3f %6.3f %12s %14s%n", e.getKey().label(),
                    c.truePositives(), c.falseNegatives(), c.falsePositives(), c.precision(), c.recall(), c.f1(),
                    fmt(c.medianAbsOnsetErrorSeconds()), fmt(c.medianAbsDurationErrorSeconds()));
        }
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "–";
    }

    private void writeJson(List<NightAgreement> agreements, BlandAltman ba, Writer w) throws java.io.IOException {
        { // w is the caller's: a file it closes, or standard output for --json -
            JsonWriter j = new JsonWriter(w).beginObject();
            j.field("rules", rules.id()).field("onset_tolerance_s", toleranceSeconds, 3);
            j.name("nights").beginArray();
            for (NightAgreement a : agreements) {
                j.beginObject().field("night", a.name())
                        .field("plms_index_device", a.device().plmsIndex(), 3)
                        .field("plms_index_psg", a.psg().plmsIndex(), 3);
                j.name("legs").beginObject();
                for (Map.Entry<Leg, DetectionComparison.Result> e : new java.util.TreeMap<>(a.perLeg()).entrySet()) {
                    DetectionComparison.Result c = e.getValue();
                    j.name(e.getKey().label()).beginObject().field("matched", c.truePositives())
                            .field("missed", c.falseNegatives()).field("extra", c.falsePositives())
                            .field("precision", c.precision(), 4).field("recall", c.recall(), 4).field("f1", c.f1(), 4)
                            .field("median_onset_error_s", c.medianAbsOnsetErrorSeconds(), 3)
                            .field("median_duration_error_s", c.medianAbsDurationErrorSeconds(), 3).endObject();
                }
                j.endObject().endObject();
            }
            j.endArray();
            j.name("bland_altman").beginObject().field("nights", ba.nights()).field("bias", ba.bias(), 3)
                    .field("sd", ba.sd(), 3).field("lower_limit", ba.lowerLimit(), 3)
                    .field("upper_limit", ba.upperLimit(), 3).endObject();
            j.endObject().finish();
        }
    }
}
