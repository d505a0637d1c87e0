package org.plmwatch.analyzer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.plmwatch.analyzer.detect.RecordingDetection;
import org.plmwatch.analyzer.io.EdfAnnotationsReader;
import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.analyzer.io.PsgEvents;
import org.plmwatch.analyzer.io.PsgReaders;
import org.plmwatch.analyzer.report.ScoredNight;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.scoring.Scorer;

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
        ScoredNight night = recordings ? scoreRecordings() : scorePsg(events);
        output.emit(night, spec.commandLine().getOut());
        return ExitCode.OK;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private ScoredNight scorePsg(Path file) throws Exception {
        PsgEvents read = readPsg(file, labelOptions);
        return new ScoredNight(baseName(file), describe(file, read),
                new Scorer().score(read.night(), output.rules), read.ignoredEvents());
    }

    private ScoredNight scoreRecordings() throws Exception {
        List<RecordingDetection.LegRecording> recs = legRecordings(left, right);
        PsgEvents read = psg == null ? null : readPsg(psg, labelOptions);
        RecordingDetection.Result detected = RecordingDetection.detect(recs, read);
        StringBuilder source = new StringBuilder();
        for (RecordingDetection.LegRecording r : recs) {
            source.append(source.length() == 0 ? "" : ", ").append(r.leg().label()).append(' ')
                    .append(r.file().getFileName());
        }
        if (read != null) {
            source.append("; stages and events from ").append(describe(psg, read));
        }
        String name = baseName(recs.get(0).file());
        return new ScoredNight(name, source.toString(), new Scorer().score(detected.night(), output.rules),
                read == null ? java.util.Map.of() : read.ignoredEvents(), detected.notes());
    }

    static List<RecordingDetection.LegRecording> legRecordings(Path left, Path right) throws InputFormatException {
        List<RecordingDetection.LegRecording> recs = new ArrayList<>();
        if (left != null) {
            recs.add(new RecordingDetection.LegRecording(Leg.LEFT, existing(left)));
        }
        if (right != null) {
            recs.add(new RecordingDetection.LegRecording(Leg.RIGHT, existing(right)));
        }
        return recs;
    }

    static PsgEvents readPsg(Path file, LabelOptions labels) throws Exception {
        return PsgReaders.read(existing(file), labels.labels());
    }

    static Path existing(Path file) throws InputFormatException {
        return org.plmwatch.core.io.InputFiles.requireReadable(file);
    }

    static String describe(Path file, PsgEvents read) {
        return file.getFileName() + " ("
                + (EdfAnnotationsReader.FORMAT.equals(read.format()) ? "EDF+ annotations" : "RemLogic event export") + ")";
    }

    static String baseName(Path file) {
        return file.getFileName().toString().replaceFirst("\\.[^.]+$", "").replaceFirst("\\.remlogic$", "");
    }
}
