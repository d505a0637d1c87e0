package org.plmwatch.analyzer.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.plmwatch.analyzer.edf.EdfExport;
import org.plmwatch.analyzer.nights.NightInput;
import org.plmwatch.core.scoring.RuleSet;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plmwatch export-edf}: ankle recordings and what was detected in them as one EDF+ file. */
@Command(name = "export-edf", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write ankle recordings as EDF+ for review beside a PSG (EDFbrowser, MNE): each leg's x, y, z "
                + "acceleration in g, and annotations for every detected leg movement, PLM series, gaps, button "
                + "marks, lights-off/on and, with --psg, the PSG's sleep stages."})
final class ExportEdfCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--left", paramLabel = "REC",
            description = "Recording of the left ankle: accelerometer CSV, Axivity .cwa, GENEActiv .bin, ActiGraph .gt3x or "
                    + "device night file.")
    Path left;

    @Option(names = "--right", paramLabel = "REC", description = "Recording of the right ankle.")
    Path right;

    @Option(names = "--psg", paramLabel = "EVENTS", description = "PSG export recorded at the same time: its stages "
            + "are used for scoring and written as annotations.")
    Path psg;

    @Option(names = "--out", paramLabel = "F.edf", required = true, description = "The EDF+ file to write.")
    Path out;

    @Option(names = "--continuous", description = "Write EDF+C even across holes in the recordings, filled with "
            + "0 g (for readers that refuse EDF+D, e.g. EDFlib); by default a hole of 1 s or more makes the file EDF+D.")
    boolean continuous;

    @Option(names = "--rules", paramLabel = "wasm2016|aasm", converter = RuleSetConverter.class,
            defaultValue = "wasm2016", description = "Rule set for the PLM series (default: ${DEFAULT-VALUE}).")
    RuleSet rules;

    @Mixin
    LabelOptions labelOptions;

    @Override
    public Integer call() throws Exception {
        if (left == null && right == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give at least one recording: plmwatch export-edf --left REC [--right REC] --out F.edf");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        EdfExport.Result r = EdfExport.export(NightInput.recordings(left, right, psg), rules, labelOptions.labels(), out,
                continuous);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "EDF+ written to %s%n", r.file());
        w.printf(Locale.ROOT, "  %s, starts %s, %d records of 1 s%n", r.continuous() ? "EDF+C" : "EDF+D", r.start(),
                r.records());
        for (EdfExport.LegSignals leg : r.legs()) {
            w.printf(Locale.ROOT, "  %s: Accel %s X/Y/Z in g (±%s g), %d Hz; %d movements, %d gaps annotated%n",
                    leg.label().toLowerCase(Locale.ROOT), leg.label(), trim(leg.rangeG()), leg.rateHz(),
                    leg.movements(), leg.gaps());
        }
        w.printf(Locale.ROOT, "  %d annotations (%d PLM series)%n", r.annotations(), r.plmSeries());
        for (String note : r.notes()) {
            w.println("  note: " + note);
        }
        w.flush();
        return ExitCode.OK;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
