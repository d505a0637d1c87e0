package org.plmwatch.analyzer.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import org.plmwatch.analyzer.demo.DemoNight;
import org.plmwatch.analyzer.report.ScoredNight;
import org.plmwatch.core.model.Night;
import org.plmwatch.core.scoring.Scorer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plmwatch demo}: scores a night the program makes up itself; needs no file. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Score a synthetic PSG-style night (built in, seeded) and print the summary.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated night (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Night night = DemoNight.generate(seed);
        if (output.json == null || !output.json.toString().equals("-")) {
            out.printf("plmwatch demo: a synthetic PSG-style night (seed %d): %d scored epochs, %d leg movements, "
                            + "%d arousals, %d apneas/hypopneas, scored by %s.%n%n",
                    seed, night.hypnogram().epochs().size(), night.legMovements().size(), night.arousals().size(),
                    night.respiratoryEvents().size(), output.rules.id());
        }
        ScoredNight scored = new ScoredNight("demo-seed-" + seed, "generated PSG-style night, seed " + seed,
                new Scorer().score(night, output.rules), Map.of());
        output.emit(scored, out);
        return ExitCode.OK;
    }
}
