package org.plmwatch.analyzer.report.html;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.plmwatch.analyzer.report.ScoredNight;
import org.plmwatch.core.model.Epoch;
import org.plmwatch.core.scoring.ScoreResult;
import org.plmwatch.core.scoring.ScoredMovement;
import org.plmwatch.core.scoring.Side;
import org.plmwatch.core.scoring.SideBreakdown;

/**
 * The across-nights view: what a week or two of nights says together, and one row per night.
 *
 * @param summary       headline figures (median, IQR, share above 15/h, nights counted)
 * @param variability   the sentence on night-to-night variability
 * @param plmsPerNight  PLMS index per night against 5/10/15 per hour
 * @param lnImi         mean ± SD ln IMI per night
 * @param periodicity   periodicity index per night
 * @param profiles      PLMS per hour of sleep by hour after lights-off, one row per night
 * @param stripAxis     the clock axis above the sheet's strips
 * @param rows          one row per night
 * @param average       the averages of the rows
 * @param weekdays      nights and median PLMS index per weekday
 * @param diary         the diary section, null without a diary
 */
public record OverviewView(List<NightView.Fact> summary, String variability, Chart plmsPerNight, Chart lnImi,
                           Chart periodicity, Chart profiles, Chart stripAxis, List<SheetRow> rows, SheetRow average,
                           List<WeekdayRow> weekdays, DiaryView diary) {

    /** One night of the sheet; every value already formatted. */
    public record SheetRow(String anchor, String night, String date, String weekday, String window, Chart strip,
                           String tst, String se, String waso, String plmsIndex, boolean above, String plmsArousal,
                           String clmsIndex, String pi, String lnImi, String sides, String legs, String diary) {
        public boolean hasAnchor() {
            return !anchor.isEmpty();
        }
    }

    public record WeekdayRow(String weekday, int nights, String medianPlmsIndex) {
    }

    /** PLMS by diary tag. */
    public record DiaryView(List<TagRow> tags, int nightsWithDiary, int nightsWithoutDiary, String method) {
    }

    public record TagRow(String tag, int nightsWith, int nightsWithout, String medianWith, String medianWithout,
                         String difference, String pValue, String verdict) {
    }

    static final double STRIP_W = 200;
    static final double STRIP_H = 20;

    static OverviewView of(List<ScoredNight> nights, List<NightFigures> figures, List<LocalDate> evenings,
                           Diary diary) {
        int n = nights.size();
        // The across-night figures rest on the nights that can be read: enough sleep, leg movements scored.
        List<Double> plmsi = new ArrayList<>();
        for (ScoredNight s : nights) {
            plmsi.add(readable(s) ? s.result().plmsIndex() : Double.NaN);
        }
        double[] defined = TagComparison.finite(plmsi);
        int above = 0;
        for (double v : defined) {
            if (v > 15) {
                above++;
            }
        }
        List<NightView.Fact> summary = new ArrayList<>();
        summary.add(new NightView.Fact("Nights", n + " in this report; the figures rest on " + defined.length
                + (defined.length == n ? "" : " (the others have under "
                + Fmt.num(ScoreResult.MIN_INTERPRETABLE_TST_HOURS, 0) + " h of sleep or no leg movements scored)")));
        summary.add(new NightView.Fact("PLMS index, median (IQR)", Fmt.num(TagComparison.median(defined), 1) + " /h ("
                + Fmt.num(TagComparison.quantile(defined, 0.25), 1) + "–" + Fmt.num(TagComparison.quantile(defined, 0.75), 1)
                + ")"));
        summary.add(new NightView.Fact("Nights above 15/h", above + " of " + defined.length
                + (defined.length > 0 ? " (" + Fmt.percent((double) above / defined.length) + ")" : "")));
        List<Double> lnImi = new ArrayList<>();
        List<Double> pi = new ArrayList<>();
        List<Double> tst = new ArrayList<>();
        for (ScoredNight s : nights) {
            lnImi.add(s.result().imi().logImiMean());
            pi.add(s.result().periodicityIndex());
            tst.add(s.result().tstHours());
        }
        summary.add(new NightView.Fact("ln IMI mean, median over nights", Fmt.num(TagComparison.median(
                TagComparison.finite(lnImi)), 2)));
        summary.add(new NightView.Fact("Periodicity index, median over nights", Fmt.num(TagComparison.median(
                TagComparison.finite(pi)), 2)));
        summary.add(new NightView.Fact("Sleep per night, median", Fmt.hm(TagComparison.median(TagComparison.finite(tst)))
                + " h"));
        String variability = "The PLMS index of one person varies widely from night to night (Trotti et al. 2009: "
                + "with an ankle accelerometer over 10–15 nights, single nights crossed 15/h on a third of nights), "
                + "so read the median and the spread over all nights rather than any one night. The mean ln IMI "
                + "and the periodicity index vary less and describe how periodic the movements are.";

        return new OverviewView(summary, variability, plmsChart(nights, evenings), lnImiChart(nights, evenings),
                piChart(nights, evenings), profileGrid(figures, evenings), stripAxis(window(nights, figures, evenings)),
                rows(nights, figures, evenings, diary), average(nights, figures), weekdays(nights, evenings),
                diary == null ? null : diaryView(nights, evenings, diary));
    }

    /** A night whose PLMS index can be read: enough sleep, leg movements scored. */
    static boolean readable(ScoredNight s) {
        return s.interpretable() && !s.noLegMovements() && Double.isFinite(s.result().plmsIndex());
    }

    private static String shortDate(LocalDate d) {
        return String.format(Locale.ROOT, "%02d-%02d", d.getMonthValue(), d.getDayOfMonth());
    }

    private static Chart plmsChart(List<ScoredNight> nights, List<LocalDate> evenings) {
        List<Bars.Bar> bars = new ArrayList<>();
        for (int i = 0; i < nights.size(); i++) {
            double v = nights.get(i).result().plmsIndex();
            boolean readable = readable(nights.get(i));
            bars.add(new Bars.Bar(v, !readable ? "bar-short" : v > 15 ? "bar-high" : "bar", shortDate(evenings.get(i)),
                    String.format(Locale.ROOT, "night %d, %s %s: PLMS index %s/h%s", i + 1, Fmt.weekday(evenings.get(i)),
                            Fmt.date(evenings.get(i)), Fmt.num(v, 1), readable ? "" : " (not read: too little sleep)")));
        }
        return Bars.chart("PLMS index per night", NightCharts.WIDTH, 200, bars,
                List.of(new Bars.Ref(5, "5/h", "ref5"), new Bars.Ref(10, "10/h", "ref10"), new Bars.Ref(15, "15/h", "ref15")),
                "evening (month-day)", "PLMS/h");
    }

    /** Dots per night on a fixed scale, with optional ± whiskers. */
    private static Chart dots(String title, String yTitle, double lo, double hi, double step, List<Double> values,
                              List<Double> sds, List<LocalDate> evenings, String decimals) {
        double w = NightCharts.WIDTH / 2 - 6;
        double h = 170;
        Chart.Builder c = new Chart.Builder(title, w, h);
        double plotW = w - Bars.LEFT - Bars.RIGHT;
        double plotH = h - Bars.TOP - Bars.BOTTOM;
        double base = Bars.TOP + plotH;
        java.util.function.DoubleUnaryOperator y = v -> base - (Math.max(lo, Math.min(hi, v)) - lo) / (hi - lo) * plotH;
        for (double v = lo; v <= hi + 1e-9; v += step) {
            c.line(Bars.LEFT, y.applyAsDouble(v), Bars.LEFT + plotW, y.applyAsDouble(v), "grid");
            c.text(Bars.LEFT - 4, y.applyAsDouble(v) + 3, String.format(Locale.ROOT, decimals, v), "end", "tick");
        }
        int n = values.size();
        double slot = plotW / Math.max(1, n);
        int labelEvery = Math.max(1, (int) Math.ceil(28 / slot));
        for (int i = 0; i < n; i++) {
            double cx = Bars.LEFT + (i + 0.5) * slot;
            double v = values.get(i);
            if (i % labelEvery == 0) {
                c.text(cx, base + 12, shortDate(evenings.get(i)), "middle", "tick");
            }
            if (!Double.isFinite(v)) {
                continue;
            }
            if (sds != null && Double.isFinite(sds.get(i))) {
                c.line(cx, y.applyAsDouble(v - sds.get(i)), cx, y.applyAsDouble(v + sds.get(i)), "whisker");
            }
            c.rect(cx - 3, y.applyAsDouble(v) - 3, 6, 6, "dot", String.format(Locale.ROOT, "night %d: " + decimals,
                    i + 1, v));
        }
        c.line(Bars.LEFT, base, Bars.LEFT + plotW, base, "axis");
        c.line(Bars.LEFT, Bars.TOP, Bars.LEFT, base, "axis");
        c.text(Bars.LEFT + plotW / 2, h - 4, "evening (month-day)", "middle", "axistitle");
        c.text(4, Bars.TOP - 10, yTitle, "start", "axistitle");
        return c.build();
    }

    private static Chart lnImiChart(List<ScoredNight> nights, List<LocalDate> evenings) {
        List<Double> mean = new ArrayList<>();
        List<Double> sd = new ArrayList<>();
        for (ScoredNight s : nights) {
            mean.add(s.result().imi().logImiMean());
            sd.add(s.result().imi().logImiSd());
        }
        return dots("Mean ± SD ln IMI per night (10–90 s)", "ln IMI", 2.0, 4.6, 0.5, mean, sd, evenings, "%.1f");
    }

    private static Chart piChart(List<ScoredNight> nights, List<LocalDate> evenings) {
        List<Double> pi = new ArrayList<>();
        for (ScoredNight s : nights) {
            pi.add(s.result().periodicityIndex());
        }
        return dots("Periodicity index per night", "PI", 0, 1, 0.25, pi, null, evenings, "%.2f");
    }

    /** Rows of nights, columns of hours after lights-off, shaded by PLMS/h; a tick at the median PLM time. */
    private static Chart profileGrid(List<NightFigures> figures, List<LocalDate> evenings) {
        int hours = 1;
        for (NightFigures f : figures) {
            hours = Math.max(hours, f.profileHours());
        }
        hours = Math.min(hours, 16);
        int n = figures.size();
        double rowH = n > 30 ? 8 : 14;
        double left = 70;
        double top = 16;
        double cellW = (NightCharts.WIDTH - left - 120) / hours;
        double h = top + n * rowH + 44;
        Chart.Builder c = new Chart.Builder("Time-of-night profile per night", NightCharts.WIDTH, h);
        for (int k = 0; k < hours; k++) {
            c.text(left + (k + 0.5) * cellW, top - 4, Integer.toString(k + 1), "middle", "tick");
        }
        int labelEvery = rowH < 10 ? 2 : 1;
        for (int i = 0; i < n; i++) {
            NightFigures f = figures.get(i);
            double y = top + i * rowH;
            if (i % labelEvery == 0) {
                c.text(left - 4, y + rowH - 3, (i + 1) + " · " + shortDate(evenings.get(i)), "end", "tick");
            }
            for (int k = 0; k < Math.min(hours, f.profileHours()); k++) {
                double v = f.profileIndex(k);
                String cls = !Double.isFinite(v) ? "heat-na" : v < 5 ? "heat0" : v < 15 ? "heat1" : v < 30 ? "heat2"
                        : v < 60 ? "heat3" : "heat4";
                c.rect(left + k * cellW + 0.5, y + 0.5, cellW - 1, rowH - 1, cls, String.format(Locale.ROOT,
                        "night %d, hour %d after lights-off: %s PLMS/h", i + 1, k + 1, Fmt.num(v, 1)));
            }
            if (Double.isFinite(f.plmsMedianHours())) {
                double mx = left + Math.min(hours, f.plmsMedianHours()) * cellW;
                c.rect(mx - 1, y, 2, rowH, "median-mark", String.format(Locale.ROOT,
                        "night %d: half of the PLMS by %.1f h after lights-off", i + 1, f.plmsMedianHours()));
            }
        }
        double legendY = top + n * rowH + 12;
        String[][] legend = {{"heat0", "< 5"}, {"heat1", "5–15"}, {"heat2", "15–30"}, {"heat3", "30–60"},
            {"heat4", "≥ 60 PLMS/h"}, {"heat-na", "< 10 min of sleep"}};
        double[] widths = {50, 55, 60, 60, 90, 110};
        double lx = left;
        for (int i = 0; i < legend.length; i++) {
            c.rect(lx, legendY, 12, 10, legend[i][0], "");
            c.text(lx + 15, legendY + 9, legend[i][1], "start", "tick");
            lx += widths[i];
        }
        c.rect(lx, legendY, 2, 10, "median-mark", "");
        c.text(lx + 6, legendY + 9, "half of the night's PLMS", "start", "tick");
        c.text(left + hours * cellW / 2, h - 4, "hour after lights-off", "middle", "axistitle");
        return c.build();
    }

    /** Hours after the evening's noon covered by the sheet's strips: [from, to]. */
    private static double[] window(List<ScoredNight> nights, List<NightFigures> figures, List<LocalDate> evenings) {
        double from = Double.POSITIVE_INFINITY;
        double to = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < nights.size(); i++) {
            ScoreResult r = nights.get(i).result();
            from = Math.min(from, sinceNoon(evenings.get(i), figures.get(i).lightsOff(r)));
            to = Math.max(to, sinceNoon(evenings.get(i), figures.get(i).lightsOn(r)));
        }
        from = Math.floor(from);
        to = Math.max(from + 1, Math.ceil(to));
        return new double[] {from, Math.min(to, from + 36)};
    }

    private static double sinceNoon(LocalDate evening, LocalDateTime t) {
        return Duration.between(evening.atTime(12, 0), t).toSeconds() / 3600.0;
    }

    private static Chart stripAxis(double[] win) {
        Chart.Builder c = new Chart.Builder("clock", STRIP_W, 14);
        double span = win[1] - win[0];
        int every = span > 16 ? 3 : span > 8 ? 2 : 1;
        for (double hh = win[0]; hh <= win[1] + 1e-9; hh += every) {
            double x = (hh - win[0]) / span * STRIP_W;
            int clock = (int) Math.round(12 + hh) % 24;
            c.text(Math.max(8, Math.min(STRIP_W - 8, x)), 11, String.format(Locale.ROOT, "%02d", clock), "middle", "tick");
        }
        return c.build();
    }

    /** A RestEaze-style strip: sleep and wake on a common clock, a tick per PLM in sleep above it. */
    private static Chart strip(ScoredNight night, LocalDate evening, double[] win) {
        ScoreResult r = night.result();
        double span = (win[1] - win[0]) * 3600;
        double offset = (Duration.between(evening.atTime(12, 0), r.start()).toSeconds() - win[0] * 3600);
        java.util.function.DoubleUnaryOperator x = t -> Math.max(0, Math.min(STRIP_W, (t + offset) / span * STRIP_W));
        Chart.Builder c = new Chart.Builder("sleep, wake and PLMS", STRIP_W, STRIP_H);
        c.rect(0, 8, STRIP_W, 10, "strip-bg", "");
        List<Epoch> epochs = r.hypnogram().epochs();
        for (int i = 0; i < epochs.size(); ) {
            boolean sleep = epochs.get(i).stage().isSleep();
            int j = i + 1;
            double end = epochs.get(i).offsetSeconds();
            while (j < epochs.size() && epochs.get(j).stage().isSleep() == sleep
                    && epochs.get(j).onsetSeconds() - end <= 1) {
                end = epochs.get(j).offsetSeconds();
                j++;
            }
            double x0 = x.applyAsDouble(epochs.get(i).onsetSeconds());
            c.rect(x0, 8, Math.max(0.5, x.applyAsDouble(end) - x0), 10, sleep ? "strip-sleep" : "strip-wake", "");
            i = j;
        }
        for (ScoredMovement m : r.movements()) {
            if (m.plm() && m.inSleep()) {
                c.rect(x.applyAsDouble(m.onsetSeconds()) - 0.4, 1, 0.8, 6, "strip-plm", "");
            }
        }
        return c.build();
    }

    private static String sides(ScoreResult r) {
        Map<Side, Integer> plm = new EnumMap<>(Side.class);
        for (SideBreakdown s : r.perSide()) {
            plm.put(s.side(), s.plmCountSleep());
        }
        return plm.get(Side.LEFT) + "/" + plm.get(Side.RIGHT) + "/" + plm.get(Side.BILATERAL);
    }

    private static String legs(ScoreResult r) {
        return r.bothLegs() ? "" : r.legsRecorded().iterator().next() == org.plmwatch.core.model.Leg.LEFT
                ? "left leg only" : "right leg only";
    }

    private static List<SheetRow> rows(List<ScoredNight> nights, List<NightFigures> figures, List<LocalDate> evenings,
                                       Diary diary) {
        double[] win = window(nights, figures, evenings);
        List<SheetRow> rows = new ArrayList<>();
        for (int i = 0; i < nights.size(); i++) {
            ScoreResult r = nights.get(i).result();
            NightFigures f = figures.get(i);
            LocalDate ev = evenings.get(i);
            String tags = diary == null ? "" : diary.on(ev).map(e -> String.join("; ", e.tags())).orElse("");
            rows.add(new SheetRow("night-" + (i + 1), Integer.toString(i + 1), shortDate(ev), Fmt.weekday(ev),
                    Fmt.clock(f.lightsOff(r)) + "–" + Fmt.clock(f.lightsOn(r)), strip(nights.get(i), ev, win),
                    Fmt.hm(r.tstHours()), Fmt.percent(f.sleepEfficiency()), Fmt.num(f.wasoHours() * 60, 0),
                    Fmt.num(r.plmsIndex(), 1) + (readable(nights.get(i)) ? "" : " †"),
                    readable(nights.get(i)) && r.aboveAdultThreshold(), Fmt.num(NightFigures.plmsArousalIndex(r, f), 1),
                    Fmt.num(r.clmsIndex(), 1), Fmt.num(r.periodicityIndex(), 2), Fmt.num(r.imi().logImiMean(), 2),
                    sides(r), legs(r), tags));
        }
        return rows;
    }

    /** The mean of each column over the nights where it is defined. */
    private static SheetRow average(List<ScoredNight> nights, List<NightFigures> figures) {
        List<Double> tst = new ArrayList<>();
        List<Double> se = new ArrayList<>();
        List<Double> waso = new ArrayList<>();
        List<Double> plmsi = new ArrayList<>();
        List<Double> ar = new ArrayList<>();
        List<Double> clmsi = new ArrayList<>();
        List<Double> pi = new ArrayList<>();
        List<Double> lnImi = new ArrayList<>();
        for (int i = 0; i < nights.size(); i++) {
            ScoreResult r = nights.get(i).result();
            tst.add(r.tstHours());
            se.add(figures.get(i).sleepEfficiency());
            waso.add(figures.get(i).wasoHours() * 60);
            plmsi.add(readable(nights.get(i)) ? r.plmsIndex() : Double.NaN);
            ar.add(NightFigures.plmsArousalIndex(r, figures.get(i)));
            clmsi.add(r.clmsIndex());
            pi.add(r.periodicityIndex());
            lnImi.add(r.imi().logImiMean());
        }
        double meanPlmsi = TagComparison.mean(TagComparison.finite(plmsi));
        return new SheetRow("", "mean", "", "", "", null, Fmt.hm(TagComparison.mean(TagComparison.finite(tst))),
                Fmt.percent(TagComparison.mean(TagComparison.finite(se))),
                Fmt.num(TagComparison.mean(TagComparison.finite(waso)), 0), Fmt.num(meanPlmsi, 1), meanPlmsi > 15,
                Fmt.num(TagComparison.mean(TagComparison.finite(ar)), 1),
                Fmt.num(TagComparison.mean(TagComparison.finite(clmsi)), 1),
                Fmt.num(TagComparison.mean(TagComparison.finite(pi)), 2),
                Fmt.num(TagComparison.mean(TagComparison.finite(lnImi)), 2), "", "", "");
    }

    private static List<WeekdayRow> weekdays(List<ScoredNight> nights, List<LocalDate> evenings) {
        Map<DayOfWeek, List<Double>> by = new EnumMap<>(DayOfWeek.class);
        for (int i = 0; i < nights.size(); i++) {
            by.computeIfAbsent(evenings.get(i).getDayOfWeek(), d -> new ArrayList<>())
                    .add(readable(nights.get(i)) ? nights.get(i).result().plmsIndex() : Double.NaN);
        }
        List<WeekdayRow> rows = new ArrayList<>();
        by.forEach((d, v) -> rows.add(new WeekdayRow(d.getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH),
                v.size(), Fmt.num(TagComparison.median(TagComparison.finite(v)), 1))));
        return rows;
    }

    private static DiaryView diaryView(List<ScoredNight> nights, List<LocalDate> evenings, Diary diary) {
        TreeSet<String> tags = new TreeSet<>();
        int withDiary = 0;
        for (LocalDate ev : evenings) {
            if (diary.on(ev).isPresent()) {
                withDiary++;
                tags.addAll(diary.on(ev).get().tags());
            }
        }
        List<TagRow> rows = new ArrayList<>();
        for (String tag : tags) {
            List<Double> with = new ArrayList<>();
            List<Double> without = new ArrayList<>();
            for (int i = 0; i < nights.size(); i++) {
                var entry = diary.on(evenings.get(i));
                if (entry.isEmpty()) {
                    continue;
                }
                if (readable(nights.get(i))) {
                    (entry.get().tags().contains(tag) ? with : without).add(nights.get(i).result().plmsIndex());
                }
            }
            TagComparison t = TagComparison.of(tag, TagComparison.finite(with), TagComparison.finite(without));
            String verdict = t.comparable()
                    ? String.format(Locale.ROOT, "%s by %.1f/h on average (permutation p = %.2f)",
                    t.difference() >= 0 ? "higher" : "lower", Math.abs(t.difference()), t.pValue())
                    : "too few nights to compare (needs " + TagComparison.MIN_NIGHTS_EACH + " with and "
                    + TagComparison.MIN_NIGHTS_EACH + " without)";
            rows.add(new TagRow(tag, t.with().length, t.without().length, Fmt.num(TagComparison.median(t.with()), 1),
                    Fmt.num(TagComparison.median(t.without()), 1), Fmt.num(t.difference(), 1),
                    Fmt.num(t.pValue(), 2), verdict));
        }
        String method = "Exploratory only. For each tag, nights with a diary row and the tag are compared with "
                + "nights with a diary row but without it: difference of the mean PLMS index, and a two-sided "
                + "permutation test (" + TagComparison.PERMUTATIONS + " seeded shuffles of the tags over the same "
                + "nights). The nights were not randomised and many tags are compared at once: a difference here "
                + "can be chance or have another cause, and is a question to discuss, never evidence that the tag "
                + "raises or lowers PLMS.";
        return new DiaryView(rows, withDiary, nights.size() - withDiary, method);
    }
}
