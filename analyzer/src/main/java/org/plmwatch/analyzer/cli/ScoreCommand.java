package org.plmwatch.analyzer.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.plmwatch.analyzer.nights.NightInput;
import org.plmwatch.analyzer.nights.NightScoring;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code plmwatch score}: scores a PSG event export, or ankle recordings (with the PSG's stages,
 * arousals and respiratory events when one is given).
 */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score leg movements by the WASM 2016 rules (or the AASM variant), from a PSG event export "
                + "(RemLogic text or EDF+ annotations) or from ankle accelerometer recordings.",
            "Prints a summary; --json and --csv write the full result."})
final class ScoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "EVENTS",
            description = "PSG event export to score: RemLogic .txt or EDF+ (.edf) with scored events.")
    Path events;

    @Option(names = "--left", paramLabel = "REC",
            description = "Recording of the left ankle: accelerometer CSV, Axivity .cwa or device night file.")
    Path left;

    @Option(names = "--right", paramLabel = "REC", description = "Recording of the right ankle.")
    Path right;

    @Option(names = "--psg", paramLabel = "EVENTS", description = "PSG export recorded at the same time as the "
            + "recordings: its stages, arousals and respiratory events are used, its leg movements are not.")
    Path psg;

    @Mixin
    OutputOptions output;

    @Mixin
    LabelOptions labelOptions;

    @Override
    public Integer call() throws Exception {
        boolean recordings = left != null || right != null;
        if (events != null && recordings) {
            throw usage("give the PSG export with --psg when scoring recordings: "
                    + "plmwatch score --left REC --right REC --psg EVENTS");
        }
        if (psg != null && !recordings) {
            throw usage("--psg goes with --left/--right; to score the PSG export alone: plmwatch score EVENTS");
        }
        if (events == null && !recordings) {
            throw usage("give a PSG event export (plmwatch score EVENTS) or recordings "
                    + "(plmwatch score --left REC --right REC [--psg EVENTS])");
        }
        NightInput input = recordings ? NightInput.recordings(left, right, psg) : NightInput.psgExport(events);
        output.emit(NightScoring.score(input, output.rules, labelOptions.labels()), spec.commandLine().getOut());
        return ExitCode.OK;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
