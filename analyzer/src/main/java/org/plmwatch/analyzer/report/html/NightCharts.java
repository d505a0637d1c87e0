package org.plmwatch.analyzer.report.html;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.plmwatch.analyzer.report.NightQuality;
import org.plmwatch.core.model.Epoch;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.SleepSource;
import org.plmwatch.core.model.Stage;
import org.plmwatch.core.scoring.ImiDistribution;
import org.plmwatch.core.scoring.ScoreResult;
import org.plmwatch.core.scoring.ScoredMovement;

/** The charts of one night, laid out as {@link Chart} geometry. */
final class NightCharts {

    static final double WIDTH = 680;
    private static final double TL_LEFT = 62;
    private static final double TL_RIGHT = 12;

    private NightCharts() {
    }

    /**
     * Hypnogram (or sleep/wake), lights off/on, one raster row per leg with that leg's sample gaps
     * hatched, PLM series, unscored gaps, and the device's button presses.
     */
    static Chart timeline(ScoreResult r, NightFigures f, NightQuality quality) {
        double lo = f.lightsOffSeconds();
        double hi = f.lightsOnSeconds();
        for (LegMovement m : r.legMovements()) {
            lo = Math.min(lo, m.onsetSeconds());
            hi = Math.max(hi, m.offsetSeconds());
        }
        // A lights-off press before the estimated lights-off is part of the night's story.
        for (NightQuality.Mark m : quality.marks()) {
            lo = Math.min(lo, m.seconds());
            hi = Math.max(hi, m.seconds());
        }
        boolean marks = !quality.marks().isEmpty();
        final double from = lo;
        final double to = hi > lo ? hi : lo + 3600;
        boolean psg = r.sleepSource() == SleepSource.PSG_HYPNOGRAM;
        List<Stage> levels = psg ? List.of(Stage.WAKE, Stage.REM, Stage.N1, Stage.N2, Stage.N3)
                : List.of(Stage.WAKE, Stage.SLEEP);
        double levelH = 11;
        double markRow = 16;
        double hypTop = marks ? markRow + 14 : 16;
        double hypH = levels.size() * levelH;
        List<Leg> legs = new ArrayList<>();
        for (Leg l : Leg.values()) {
            if (r.legsRecorded().contains(l)) {
                legs.add(l);
            }
        }
        double rowH = 18;
        double rasterTop = hypTop + hypH + 14;
        int rows = legs.size() + (f.arousalsKnown() ? 1 : 0);
        double height = rasterTop + rows * rowH + 22;
        double plotW = WIDTH - TL_LEFT - TL_RIGHT;
        double span = to - from;
        Chart.Builder c = new Chart.Builder("Whole-night timeline", WIDTH, height);
        java.util.function.DoubleUnaryOperator x = t -> TL_LEFT + (t - from) / span * plotW;

        // Hour ticks on the wall clock.
        LocalDateTime zero = r.start();
        LocalDateTime first = NightFigures.at(zero, from).withMinute(0).withSecond(0).withNano(0).plusHours(1);
        double firstSec = java.time.Duration.between(zero, first).toNanos() / 1e9;
        int every = span > 14 * 3600 ? 2 : 1;
        for (double t = firstSec; t <= to; t += 3600 * every) {
            double px = x.applyAsDouble(t);
            c.line(px, hypTop, px, height - 16, "grid");
            c.text(px, height - 5, Fmt.clock(NightFigures.at(zero, t)), "middle", "tick");
        }
        // Stage levels.
        for (int i = 0; i < levels.size(); i++) {
            c.text(TL_LEFT - 6, hypTop + i * levelH + levelH - 2, levels.get(i) == Stage.SLEEP ? "sleep"
                    : levels.get(i).label(), "end", "tick");
        }
        Map<Stage, Integer> levelOf = new EnumMap<>(Stage.class);
        for (int i = 0; i < levels.size(); i++) {
            levelOf.put(levels.get(i), i);
        }
        List<Epoch> epochs = r.hypnogram().epochs();
        double prevEnd = Double.NaN;
        for (int i = 0; i < epochs.size(); ) {
            Epoch e = epochs.get(i);
            if (Double.isFinite(prevEnd) && e.onsetSeconds() - prevEnd > 1) {
                c.rect(x.applyAsDouble(prevEnd), hypTop, x.applyAsDouble(e.onsetSeconds()) - x.applyAsDouble(prevEnd),
                        hypH, "gap", "not recorded or not scored: " + Fmt.hm((e.onsetSeconds() - prevEnd) / 3600));
            }
            // One rectangle per run of a stage keeps a 16-hour night at a few hundred shapes.
            int j = i + 1;
            double end = e.offsetSeconds();
            while (j < epochs.size() && epochs.get(j).stage() == e.stage()
                    && epochs.get(j).onsetSeconds() - end <= 1) {
                end = epochs.get(j).offsetSeconds();
                j++;
            }
            Stage s = psg || e.stage() == Stage.WAKE ? e.stage() : Stage.SLEEP;
            int level = levelOf.getOrDefault(s, psg ? 2 : 1);
            c.rect(x.applyAsDouble(e.onsetSeconds()), hypTop + level * levelH + 1,
                    Math.max(0.6, x.applyAsDouble(end) - x.applyAsDouble(e.onsetSeconds())), levelH - 2,
                    "st-" + s.label().toLowerCase(Locale.ROOT), s.label() + " " + Fmt.clock(NightFigures.at(zero,
                            e.onsetSeconds())) + "–" + Fmt.clock(NightFigures.at(zero, end)));
            prevEnd = end;
            i = j;
        }
        // PLM series as bands behind the leg rows.
        double rowsBottom = rasterTop + rows * rowH;
        int series = 0;
        double sOn = 0;
        double sOff = 0;
        for (ScoredMovement m : r.movements()) {
            if (!m.plm()) {
                continue;
            }
            if (m.series() != series) {
                if (series != 0) {
                    c.rect(x.applyAsDouble(sOn), rasterTop, x.applyAsDouble(sOff) - x.applyAsDouble(sOn),
                            rowsBottom - rasterTop, "series", "PLM series " + series);
                }
                series = m.series();
                sOn = m.onsetSeconds();
            }
            sOff = m.offsetSeconds();
        }
        if (series != 0) {
            c.rect(x.applyAsDouble(sOn), rasterTop, x.applyAsDouble(sOff) - x.applyAsDouble(sOn),
                    rowsBottom - rasterTop, "series", "PLM series " + series);
        }
        // One raster row per leg: a movement inside a PLM is drawn as periodic.
        List<double[]> plmSpans = new ArrayList<>();
        for (ScoredMovement m : r.movements()) {
            if (m.plm()) {
                plmSpans.add(new double[] {m.onsetSeconds(), m.offsetSeconds()});
            }
        }
        for (int li = 0; li < legs.size(); li++) {
            Leg leg = legs.get(li);
            double y = rasterTop + li * rowH;
            c.text(TL_LEFT - 6, y + rowH - 5, leg.label(), "end", "tick");
            c.line(TL_LEFT, y + rowH - 1, TL_LEFT + plotW, y + rowH - 1, "rowline");
            for (NightQuality.LegQuality q : quality.legs()) {
                if (q.leg() != leg) {
                    continue;
                }
                for (NightQuality.Span g : q.gaps()) {
                    double a = Math.max(from, g.fromSeconds());
                    double b = Math.min(to, g.toSeconds());
                    if (b > a) {
                        double px = x.applyAsDouble(a);
                        c.rect(px, y + 1, Math.max(1.5, x.applyAsDouble(b) - px), rowH - 3, "leg-gap", Fmt.capital(leg.label())
                                + " leg: no samples " + Fmt.clock(NightFigures.at(zero, g.fromSeconds())) + "–"
                                + Fmt.clock(NightFigures.at(zero, g.toSeconds())) + " (" + Fmt.duration(g.seconds()) + ")");
                    }
                }
            }
            int k = 0;
            for (LegMovement m : r.legMovements()) {
                if (m.leg() != leg) {
                    continue;
                }
                while (k < plmSpans.size() && plmSpans.get(k)[1] < m.onsetSeconds()) {
                    k++;
                }
                boolean periodic = k < plmSpans.size() && plmSpans.get(k)[0] <= m.onsetSeconds() + 1e-6;
                double px = x.applyAsDouble(m.onsetSeconds());
                c.rect(px, y + 3, Math.max(0.8, x.applyAsDouble(m.offsetSeconds()) - px), rowH - 6,
                        periodic ? "mv-plm" : "mv", "");
            }
        }
        if (f.arousalsKnown()) {
            double y = rasterTop + legs.size() * rowH;
            c.text(TL_LEFT - 6, y + rowH - 5, "+ arousal", "end", "tick");
            for (ScoredMovement m : r.movements()) {
                if (m.arousal()) {
                    c.rect(x.applyAsDouble(m.onsetSeconds()), y + 5, 1.2, rowH - 10, m.plm() ? "ar-plm" : "ar", "");
                }
            }
        }
        // Button presses: a tick through the chart, its label in a row of its own above the stages.
        double lastLabelEnd = Double.NEGATIVE_INFINITY;
        for (NightQuality.Mark m : quality.marks()) {
            double px = x.applyAsDouble(m.seconds());
            c.rect(px - 0.75, markRow, 1.5, rowsBottom - markRow, "mark", "button pressed on the " + m.leg().label()
                    + " device: " + m.label() + " at " + Fmt.clock(NightFigures.at(zero, m.seconds())));
            // Both devices pressed together would print the same word twice on top of itself.
            String label = "button: " + m.label() + " " + Fmt.clock(NightFigures.at(zero, m.seconds()));
            double end = px + 3 + label.length() * 5.2;
            boolean right = end > WIDTH - TL_RIGHT;
            double startPx = right ? px - 3 - label.length() * 5.2 : px + 3;
            if (startPx > lastLabelEnd) {
                c.text(right ? px - 3 : px + 3, markRow + 10, label, right ? "end" : "start", "marklabel");
                lastLabelEnd = right ? px : end;
            }
        }
        // Lights off and on.
        double offPx = x.applyAsDouble(f.lightsOffSeconds());
        double onPx = x.applyAsDouble(f.lightsOnSeconds());
        c.line(offPx, 12, offPx, rowsBottom, "lights");
        c.line(onPx, 12, onPx, rowsBottom, "lights");
        // Actigraphy finds lights-off and on from the lying shank: say so where a press could be read as the same thing.
        String how = psg ? "" : " (estimated)";
        c.text(offPx + 2, 9, "lights off " + Fmt.clock(f.lightsOff(r)) + how, "start", "reflabel");
        c.text(onPx - 2, 9, "lights on " + Fmt.clock(f.lightsOn(r)) + how, "end", "reflabel");
        return c.build();
    }

    /** PLMS per hour of sleep in each hour after lights-off (the time-of-night profile). */
    static Chart profile(NightFigures f, double threshold) {
        List<Bars.Bar> bars = new ArrayList<>();
        for (int i = 0; i < f.profileHours(); i++) {
            double v = f.profileIndex(i);
            bars.add(new Bars.Bar(v, v > threshold ? "bar-high" : "bar", Integer.toString(i + 1),
                    Double.isFinite(v) ? String.format(Locale.ROOT, "hour %d: %d PLMS in %s of sleep = %.1f/h", i + 1,
                            f.profilePlmCounts()[i], Fmt.hm(f.profileSleepHours()[i]), v)
                            : "hour " + (i + 1) + ": under 10 min of sleep"));
        }
        return Bars.chart("PLMS per hour of sleep, by hour after lights-off", WIDTH / 2 - 6, 180, bars,
                List.of(new Bars.Ref(threshold, "15/h", "ref15")), "hour after lights-off", "PLMS/h");
    }

    /** Rule 17: IMI counts in 2-s bins up to 90 s, and the > 90 s bin. */
    static Chart imiLinear(ImiDistribution imi) {
        List<Bars.Bar> bars = new ArrayList<>();
        int[] counts = imi.linearCounts();
        for (int i = 0; i < counts.length; i++) {
            double lo = i * ImiDistribution.LINEAR_BIN_SECONDS;
            bars.add(new Bars.Bar(counts[i], lo >= 10 ? "bar" : "bar-short", i % 5 == 0 ? Integer.toString((int) lo) : "",
                    String.format(Locale.ROOT, "%.0f–%.0f s: %d", lo, lo + 2, counts[i])));
        }
        bars.add(new Bars.Bar(imi.over90Count(), "bar-long", ">90", "> 90 s: " + imi.over90Count()));
        return Bars.chart("Inter-movement intervals, 2-s bins", WIDTH / 2 - 6, 180, bars, List.of(),
                "IMI, s (CLMs in sleep)", "count");
    }

    /** Rule 17: ln(IMI) in 0.1 bins, with the mean over 10–90 s marked. */
    static Chart imiLog(ImiDistribution imi) {
        List<Bars.Bar> bars = new ArrayList<>();
        int[] counts = imi.logCounts();
        int last = 60;
        for (int i = 0; i < last; i++) {
            double lo = i * ImiDistribution.LOG_BIN_WIDTH;
            boolean periodic = lo >= Math.log(10) - 0.1 && lo < Math.log(90);
            bars.add(new Bars.Bar(counts[i], periodic ? "bar" : "bar-short", i % 10 == 0 ? Integer.toString(i / 10) : "",
                    String.format(Locale.ROOT, "ln IMI %.1f–%.1f (%.0f–%.0f s): %d", lo, lo + 0.1, Math.exp(lo),
                            Math.exp(lo + 0.1), counts[i])));
        }
        Chart base = Bars.chart("ln(IMI), 0.1 bins", WIDTH / 2 - 6, 180, bars, List.of(), "ln(IMI / 1 s)", "count");
        if (!Double.isFinite(imi.logImiMean())) {
            return base;
        }
        double plotW = base.widthPx() - Bars.LEFT - Bars.RIGHT;
        double px = Bars.LEFT + imi.logImiMean() / (last * ImiDistribution.LOG_BIN_WIDTH) * plotW;
        List<Chart.Line> lines = new ArrayList<>(base.lines());
        lines.add(new Chart.Line(px, Bars.TOP, px, base.heightPx() - Bars.BOTTOM, "mean"));
        List<Chart.Text> texts = new ArrayList<>(base.texts());
        texts.add(new Chart.Text(px + 3, Bars.TOP + 8, String.format(Locale.ROOT, "mean %.2f", imi.logImiMean()),
                "start", "reflabel"));
        return new Chart(base.title(), base.widthPx(), base.heightPx(), base.rects(), lines, texts);
    }

    /** Durations of the pooled movements in 0.5-s bins to 15 s: CLMs, and the long non-CLMs. */
    static Chart durations(ScoreResult r) {
        int bins = 30;
        int[] clm = new int[bins + 1];
        int[] other = new int[bins + 1];
        for (ScoredMovement m : r.movements()) {
            int b = Math.min(bins, (int) (m.durationSeconds() / 0.5));
            (m.clm() ? clm : other)[b]++;
        }
        List<Bars.Bar> bars = new ArrayList<>();
        for (int i = 0; i <= bins; i++) {
            String label = i == bins ? ">15" : i % 4 == 0 ? Integer.toString(i / 2) : "";
            String range = i == bins ? "> 15 s" : String.format(Locale.ROOT, "%.1f–%.1f s", i * 0.5, i * 0.5 + 0.5);
            bars.add(new Bars.Bar(clm[i] + other[i], other[i] > clm[i] ? "bar-long" : "bar", label,
                    range + ": " + clm[i] + " CLM, " + other[i] + " not CLM"));
        }
        return Bars.chart("Movement durations, 0.5-s bins", WIDTH / 2 - 6, 180, bars, List.of(),
                "duration, s (all movements after rule 4)", "count");
    }
}
