package org.plmwatch.analyzer.nights;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

import org.plmwatch.analyzer.io.EventLabels;
import org.plmwatch.analyzer.report.ScoreJson;
import org.plmwatch.analyzer.report.ScoredNight;
import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.core.scoring.RuleSet;

/**
 * Scores many inputs in one JVM on a fixed pool of threads and writes the batch folder:
 * <pre>
 * OUT/nights.csv               one row per night ({@link NightsCsv}), inputs in order
 * OUT/nights/NNNNN-K-NAME.json the night's {@code score --json} document (input NNNNN, its night K)
 * OUT/errors.csv               every file or input that gave no night, with the reason
 * </pre>
 * Each input is scored by {@link NightScoring#score} and its JSON rendered by {@link ScoreJson},
 * exactly as {@code score} does, so a batch night is byte for byte the night {@code score}
 * gives. Results are written in input order whatever order the threads finish in; only a few
 * inputs per thread are in flight at once, so memory does not grow with the batch. A failed input
 * is listed and the batch goes on.
 */
public final class BatchRun {

    public static final String NIGHTS_CSV = "nights.csv";
    public static final String ERRORS_CSV = "errors.csv";
    public static final String NIGHTS_DIR = "nights";

    /** Inputs in flight per thread: enough to keep every thread busy while the writer waits on a slow one. */
    private static final int IN_FLIGHT_PER_THREAD = 4;

    /** Told of each input as it is written, in order. */
    public interface Listener {
        void written(int done, int total);

        Listener NONE = (done, total) -> { };
    }

    /**
     * @param nights         nights written to nights.csv
     * @param inputs         inputs attempted
     * @param failedInputs   inputs that gave no night because their files are bad or unreadable
     * @param internalErrors inputs that failed on a bug (listed too; the batch went on)
     * @param problems       files or folders that gave no input at all
     */
    public record Summary(int nights, int inputs, int failedInputs, int internalErrors, int problems) {
        public boolean allGood() {
            return failedInputs == 0 && internalErrors == 0 && problems == 0;
        }
    }

    /** What one input gave: its nights' rows, or why none. */
    private record Outcome(List<String> rows, String error, boolean internal) {
    }

    private final RuleSet rules;
    private final EventLabels labels;
    private final int threads;

    public BatchRun(RuleSet rules, EventLabels labels, int threads) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.labels = Objects.requireNonNull(labels, "labels");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.threads = threads;
    }

    /**
     * Writes the batch folder {@code out} (created if needed). A previous batch's outputs there
     * are replaced; anything else in the folder is left alone.
     */
    public Summary run(Inputs.Expansion expansion, Path out, Listener listener) throws IOException {
        Path nightsDir = out.resolve(NIGHTS_DIR);
        Files.createDirectories(nightsDir);
        clearOldJson(nightsDir);
        List<Inputs.Labelled> inputs = expansion.inputs();
        List<String> errors = new ArrayList<>();
        for (Inputs.Problem p : expansion.problems()) {
            errors.add(NightsCsv.text(p.path().toString()) + "," + NightsCsv.text(p.reason()) + "\n");
        }
        int nights = 0;
        int failed = 0;
        int internal = 0;
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        try (Writer csv = Files.newBufferedWriter(out.resolve(NIGHTS_CSV), StandardCharsets.UTF_8)) {
            csv.write(NightsCsv.header());
            Deque<Future<Outcome>> inFlight = new ArrayDeque<>();
            int next = 0;
            for (int written = 0; written < inputs.size(); written++) {
                while (next < inputs.size() && inFlight.size() < threads * IN_FLIGHT_PER_THREAD) {
                    int number = next + 1;
                    Inputs.Labelled input = inputs.get(next++);
                    inFlight.add(pool.submit(() -> score(number, input, nightsDir)));
                }
                Outcome o = await(inFlight.removeFirst());
                if (o.error() != null) {
                    errors.add(NightsCsv.text(inputs.get(written).source()) + "," + NightsCsv.text(o.error()) + "\n");
                    if (o.internal()) {
                        internal++;
                    } else {
                        failed++;
                    }
                } else {
                    for (String row : o.rows()) {
                        csv.write(row);
                    }
                    nights += o.rows().size();
                }
                listener.written(written + 1, inputs.size());
            }
        } finally {
            pool.shutdownNow();
        }
        try (Writer w = Files.newBufferedWriter(out.resolve(ERRORS_CSV), StandardCharsets.UTF_8)) {
            w.write("source,reason\n");
            for (String e : errors) {
                w.write(e);
            }
        }
        return new Summary(nights, inputs.size(), failed, internal, expansion.problems().size());
    }

    /** Scores one input and writes its nights' JSON; runs on a pool thread. */
    private Outcome score(int number, Inputs.Labelled input, Path nightsDir) {
        try {
            List<ScoredNight> scored = NightScoring.score(input.input(), rules, labels);
            List<String> rows = new ArrayList<>(scored.size());
            for (int k = 0; k < scored.size(); k++) {
                StringWriter json = new StringWriter();
                ScoreJson.write(scored.get(k), json);
                String name = String.format(Locale.ROOT, "%05d-%d-%s.json", number, k + 1, safe(scored.get(k).name()));
                Files.writeString(nightsDir.resolve(name), json.toString(), StandardCharsets.UTF_8);
                rows.add(NightsCsv.row(input.source(), json.toString(), NIGHTS_DIR + "/" + name));
            }
            return new Outcome(rows, null, false);
        } catch (InputFormatException e) {
            return new Outcome(List.of(), e.getMessage(), false);
        } catch (IOException | UncheckedIOException e) {
            return new Outcome(List.of(), "cannot be read: " + e.getMessage(), false);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return new Outcome(List.of(), "internal error: " + e, true);
        }
    }

    private static Outcome await(Future<Outcome> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            // score() catches everything an input can throw; what is left is an Error of the JVM.
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A night's name as one safe file-name part: letters, digits, '.', '-' and '_'. */
    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (s.length() > 80) {
            s = s.substring(0, 80);
        }
        return s.isEmpty() || s.chars().allMatch(c -> c == '.') ? "night" : s;
    }

    /** JSON files a previous batch wrote here: stale nights must not sit beside the new ones. */
    private static void clearOldJson(Path nightsDir) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(nightsDir, "[0-9][0-9][0-9][0-9][0-9]-*.json")) {
            for (Path p : old) {
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(p);
                }
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        return r -> {
            Thread t = new Thread(r, "batch-worker");
            t.setDaemon(true);
            return t;
        };
    }
}
