package org.plmwatch.analyzer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.plmwatch.analyzer.report.ScoreCsv;
import org.plmwatch.analyzer.report.ScoreJson;
import org.plmwatch.analyzer.report.ScoreSummary;
import org.plmwatch.analyzer.report.ScoredNight;
import org.plmwatch.core.scoring.RuleSet;

import picocli.CommandLine.Option;

/** Options shared by the commands that score: rule set and where results go. */
final class OutputOptions {

    @Option(names = "--rules", paramLabel = "wasm2016|aasm", converter = RuleSetConverter.class,
            defaultValue = "wasm2016", description = "Rule set (default: ${DEFAULT-VALUE}).")
    RuleSet rules;

    @Option(names = "--json", paramLabel = "F", description = "Write the JSON result to F ('-' for standard output).")
    Path json;

    @Option(names = "--csv", paramLabel = "DIR",
            description = "Write CSV tables (movements, leg movements, indices, IMI histogram) into DIR.")
    Path csvDir;

    /** One night: {@link #emit(List, PrintWriter)} of a list of one. */
    void emit(ScoredNight night, PrintWriter out) throws IOException {
        emit(List.of(night), out);
    }

    /**
     * Summary of every night on the terminal (unless JSON goes there), then the files asked for:
     * one JSON document holding every night (shape in {@link ScoreJson#write(List, Writer)}), CSV
     * tables with one block of rows per night.
     */
    void emit(List<ScoredNight> nights, PrintWriter out) throws IOException {
        boolean jsonToStdout = json != null && json.toString().equals("-");
        if (jsonToStdout) {
            ScoreJson.write(nights, out);
        } else {
            for (ScoredNight night : nights) {
                ScoreSummary.print(night, out);
            }
        }
        if (json != null && !jsonToStdout) {
            try {
                Path parent = json.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try (Writer w = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
                    ScoreJson.write(nights, w);
                }
            } catch (IOException e) {
                throw new OutputPathException(json, e);
            }
            out.println("  JSON written to " + json);
        }
        if (csvDir != null) {
            try {
                ScoreCsv.write(nights, csvDir);
            } catch (IOException e) {
                throw new OutputPathException(csvDir, e);
            }
            if (!jsonToStdout) {
                out.println("  CSV tables written to " + csvDir);
            }
        }
        out.flush();
    }
}
