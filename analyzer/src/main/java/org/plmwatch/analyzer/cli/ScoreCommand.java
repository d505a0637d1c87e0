package org.plmwatch.analyzer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.plmwatch.analyzer.io.EdfAnnotationsReader;
import org.plmwatch.analyzer.io.InputFormatException;
import org.plmwatch.analyzer.io.PsgEvents;
import org.plmwatch.analyzer.io.PsgReaders;
import org.plmwatch.analyzer.report.ScoredNight;
import org.plmwatch.core.scoring.Scorer;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plmwatch score EVENTS}: scores a PSG event export (RemLogic text or EDF+ annotations). */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score the leg movements of a PSG event export (RemLogic text export or EDF+ with an "
                + "annotations signal) by the WASM 2016 rules, or the AASM variant.",
            "Prints a summary; --json and --csv write the full result."})
final class ScoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "EVENTS",
            description = "PSG event export: RemLogic .txt or EDF+ (.edf) with scored events.")
    Path events;

    @Mixin
    OutputOptions output;

    @Mixin
    LabelOptions labelOptions;

    @Override
    public Integer call() throws Exception {
        if (events == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give a PSG event export to score, e.g. 'plmwatch score night1.txt'");
        }
        if (!Files.isRegularFile(events)) {
            throw InputFormatException.inFile(events, "no such file",
                    "check the path; give a RemLogic event export (.txt) or an EDF+ file");
        }
        PsgEvents psg = PsgReaders.read(events, labelOptions.labels());
        String name = events.getFileName().toString().replaceFirst("\\.[^.]+$", "")
                .replaceFirst("\\.remlogic$", "");
        ScoredNight night = new ScoredNight(name, events.getFileName() + " (" + (EdfAnnotationsReader.FORMAT.equals(psg.format()) ? "EDF+ annotations" : "RemLogic event export") + ")",
                new Scorer().score(psg.night(), output.rules), psg.ignoredEvents());
        output.emit(night, spec.commandLine().getOut());
        return ExitCode.OK;
    }
}
