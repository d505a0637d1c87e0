package org.plmwatch.analyzer.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.plmwatch.analyzer.nights.BatchRun;
import org.plmwatch.analyzer.nights.Inputs;
import org.plmwatch.core.scoring.RuleSet;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plmwatch batch}: many inputs scored in one JVM on all cores, one table row per night. */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score many nights at once: PSG exports, recordings, download archives, or folders of them "
                + "(files are recognised by content; device night files are paired left/right by leg and time).",
            "Writes OUT/nights.csv (one row per night), OUT/nights/*.json (what 'score --json' writes for each night) "
                + "and OUT/errors.csv (inputs that failed, with the reason); a bad input does not stop the others."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every input scored", "1:internal error (the failing input is listed in errors.csv)",
            "2:usage error", "3:some inputs could not be read (listed in errors.csv; the others were scored)"})
final class BatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "INPUT", arity = "0..*",
            description = "PSG export, recording, download archive, or a folder of them.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Folder for nights.csv, nights/ and errors.csv (created; nothing is written elsewhere).")
    Path out;

    @Option(names = "--left", paramLabel = "REC", description = "Left-ankle recording of an explicit pair "
            + "(repeatable; the i-th --left goes with the i-th --right).")
    List<Path> left = new ArrayList<>();

    @Option(names = "--right", paramLabel = "REC", description = "Right-ankle recording of an explicit pair.")
    List<Path> right = new ArrayList<>();

    @Option(names = "--rules", paramLabel = "wasm2016|aasm", converter = RuleSetConverter.class,
            defaultValue = "wasm2016", description = "Rule set (default: ${DEFAULT-VALUE}).")
    RuleSet rules;

    @Option(names = "--threads", paramLabel = "N",
            description = "Nights scored at once (default: the number of cores, here ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Mixin
    LabelOptions labelOptions;

    @Override
    public Integer call() throws Exception {
        if (inputs.isEmpty() && left.isEmpty() && right.isEmpty()) {
            throw usage("give at least one INPUT (file or folder) or a --left/--right pair");
        }
        if (!left.isEmpty() && !right.isEmpty() && left.size() != right.size()) {
            throw usage("give one --right per --left (got " + left.size() + " left and " + right.size()
                    + " right); for a single leg, give only --left or only --right");
        }
        if (threads < 1 || threads > 1024) {
            throw usage("--threads must be 1..1024");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw usage("--out " + out + " is a file; give a folder");
        }
        List<Inputs.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            pairs.add(new Inputs.Pair(left.isEmpty() ? null : left.get(i), right.isEmpty() ? null : right.get(i)));
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Inputs.Expansion expansion = Inputs.expand(inputs, pairs, List.of(out));
        for (Inputs.Labelled in : expansion.inputs()) {
            for (String note : in.notes()) {
                stdout.println(in.source() + ": " + note);
            }
        }
        BatchRun.Listener listener = BatchRun.Listener.NONE;
        if (System.console() != null && !expansion.inputs().isEmpty()) {
            TerminalProgress bar = new TerminalProgress(err, "inputs");
            bar.start("batch", expansion.inputs().size(), 0);
            listener = (done, total) -> {
                bar.advance(1);
                if (done == total) {
                    bar.end();
                }
            };
        }
        long t0 = System.nanoTime();
        BatchRun.Summary s = new BatchRun(rules, labelOptions.labels(), threads).run(expansion, out, listener);
        double seconds = (System.nanoTime() - t0) / 1e9;
        stdout.println(String.format(Locale.ROOT, "%d nights from %d inputs in %.1f s (%d threads): %s",
                s.nights(), s.inputs(), seconds, threads, out.resolve(BatchRun.NIGHTS_CSV)));
        int bad = s.failedInputs() + s.internalErrors() + s.problems();
        if (bad > 0) {
            stdout.println(bad + " inputs or files failed: see " + out.resolve(BatchRun.ERRORS_CSV));
        }
        stdout.flush();
        if (s.internalErrors() > 0) {
            return ExitCode.INTERNAL;
        }
        return s.allGood() ? ExitCode.OK : ExitCode.BAD_INPUT;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
