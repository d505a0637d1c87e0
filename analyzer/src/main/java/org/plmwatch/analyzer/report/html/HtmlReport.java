package org.plmwatch.analyzer.report.html;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.plmwatch.analyzer.report.ScoredNight;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.WriterOutput;

/**
 * The clinician's report: scored nights in, one self-contained HTML file out (inline CSS and SVG,
 * no script, no request leaving the file, a print stylesheet for A4). The view models are built
 * here; the jte templates under {@code src/main/jte/report} only write them out, escaping every
 * text.
 */
public final class HtmlReport {

    static final String DISCLAIMER = "These are measurements, not a diagnosis. A PLMS index above 15/h is the adult "
            + "threshold of the WASM/AASM criteria (above 5/h in children), to be read by a clinician together "
            + "with the history and examination.";

    /** Precompiled templates (jte-maven-plugin): nothing is compiled when the CLI starts. */
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private HtmlReport() {
    }

    /**
     * @param nights    the scored nights, in any order (the report puts them in time order)
     * @param diary     the diary, or null
     * @param inputs    what was read, one line each (shown on the page)
     * @param generated when and by what the report was made
     */
    public static ReportModel model(List<ScoredNight> nights, Diary diary, List<String> inputs, String generated) {
        if (nights.isEmpty()) {
            throw new IllegalArgumentException("no night to report");
        }
        // Time order by lights-off; each night's figures are computed once.
        record Figured(ScoredNight night, NightFigures figures) {
        }
        List<Figured> order = new ArrayList<>();
        for (ScoredNight n : nights) {
            order.add(new Figured(n, NightFigures.of(n)));
        }
        order.sort(Comparator.comparing(f -> f.figures().lightsOff(f.night().result())));
        List<ScoredNight> sorted = new ArrayList<>();
        List<NightFigures> figures = new ArrayList<>();
        List<LocalDate> evenings = new ArrayList<>();
        for (Figured f : order) {
            sorted.add(f.night());
            figures.add(f.figures());
            evenings.add(f.figures().evening(f.night().result()));
        }
        List<NightView> views = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            String line = diary == null ? "" : diary.on(evenings.get(i)).map(HtmlReport::diaryLine).orElse("");
            views.add(NightView.of(i + 1, sorted.get(i), figures.get(i), line));
        }
        OverviewView overview = sorted.size() > 1 ? OverviewView.of(sorted, figures, evenings, diary) : null;
        String title = sorted.size() == 1 ? "Leg movements in sleep: " + views.get(0).heading().replace("Night 1 · ", "")
                : String.format("Leg movements in sleep: %d nights, %s to %s", sorted.size(),
                Fmt.date(evenings.get(0)), Fmt.date(evenings.get(evenings.size() - 1)));
        return new ReportModel(title, generated, inputs, DISCLAIMER, overview, views);
    }

    private static String diaryLine(Diary.Entry e) {
        String tags = String.join("; ", e.tags());
        return e.note().isEmpty() ? tags : tags.isEmpty() ? e.note() : tags + " · " + e.note();
    }

    public static void write(ReportModel model, Writer out) {
        ENGINE.render("report/report.jte", model, new WriterOutput(out));
    }

    /** Writes the report to {@code file} (its folder created), atomically: a reader never sees half a page. */
    public static void write(ReportModel model, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = abs.resolveSibling(abs.getFileName() + ".part");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            write(model, w);
        }
        Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
