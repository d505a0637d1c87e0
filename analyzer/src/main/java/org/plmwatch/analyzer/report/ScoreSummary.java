package org.plmwatch.analyzer.report;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.plmwatch.core.scoring.ScoreResult;
import org.plmwatch.core.scoring.StageBreakdown;

/** The terminal summary of one scored night: the figures a clinician reads first. */
public final class ScoreSummary {

    private ScoreSummary() {
    }

    public static void print(ScoredNight night, PrintWriter out) {
        ScoreResult r = night.result();
        out.printf(Locale.ROOT, "%s  (%s)%n", TerminalText.escape(night.name()), TerminalText.escape(night.source()));
        out.printf(Locale.ROOT, "  night %d   lights-off %s   lights-on %s%s%n", night.night(), time(night.lightsOff()),
                time(night.lightsOn()), night.notRecordedHours() > 0
                        ? String.format(Locale.ROOT, "   not recorded: %.2f h", night.notRecordedHours()) : "");
        out.printf(Locale.ROOT, "  start %s   rules %s   sleep from %s   legs %s   respiration %s%n",
                ReportTimes.seconds(r.start()).replace('T', ' '), r.rules().id(), r.sleepSource().label(),
                r.bothLegs() ? "left+right" : r.legsRecorded().iterator().next().label() + " only",
                r.respirationScored() ? "scored" : "not scored");
        out.printf(Locale.ROOT, "  TIB %6.2f h    TST %6.2f h    wake %5.2f h%n", r.tibHours(), r.tstHours(), r.wakeHours());
        out.printf(Locale.ROOT, "  %-26s %6s %10s%n", "", "count", "per hour");
        boolean none = night.noLegMovements();
        row(out, "CLM in sleep (CLMS)", r.clmCountSleep(), none ? Double.NaN : r.clmsIndex());
        row(out, "PLM in sleep (PLMS)", r.plmCountSleep(), none ? Double.NaN : r.plmsIndex());
        if (r.respirationScored()) {
            row(out, "PLMS, no respiratory (nr)", r.plmNrCountSleep(), none ? Double.NaN : r.plmsNrIndex());
        }
        row(out, "PLM in wake (PLMW)", r.plmCountWake(), none ? Double.NaN : r.plmwIndex());
        out.printf(Locale.ROOT, "  %-26s %6d   (bilateral CLM %d, non-CLM %d)%n", "CLM in bed", r.clmCountTib(),
                r.bilateralClmCountTib(), r.nonclmCountTib());
        out.printf(Locale.ROOT, "  %-26s %6s%s%n", "Periodicity index (PI)", fmt(r.periodicityIndex(), 2),
                r.periodicityInterpretable() ? "" : "   (uninterpretable below 10 CLM/h)");
        if (r.imi().periodicImiCount() > 0) {
            out.printf(Locale.ROOT, "  %-26s %6.2f ± %.2f  (n=%d, geometric mean %.1f s)%n", "ln(IMI) 10–90 s",
                    r.imi().logImiMean(), Double.isNaN(r.imi().logImiSd()) ? 0.0 : r.imi().logImiSd(),
                    r.imi().periodicImiCount(), Math.exp(r.imi().logImiMean()));
        }
        StringBuilder stages = new StringBuilder();
        for (StageBreakdown s : r.perStage()) {
            if (s.stage().isSleep()) {
                stages.append(String.format(Locale.ROOT, "  %s %s/h", s.stage().label(), fmt(s.plmIndex(), 1)));
            }
        }
        if (stages.length() > 0 && !none) {
            out.printf(Locale.ROOT, "  %-26s%s%n", "PLM index by stage", stages);
        }
        if (night.noLegMovements()) {
            out.println("  Reading: no leg movements in this export, so no PLMS index.");
        } else if (Double.isNaN(r.plmsIndex())) {
            out.println("  Reading: no sleep scored, so no PLMS index.");
        } else if (!r.interpretable()) {
            // Too little sleep: the indices above stand, but no reading against the threshold.
            out.printf(Locale.ROOT, "  Reading: not interpretable: TST %.2f h is below the %.0f h needed for a "
                    + "clinical reading.%n", r.tstHours(), ScoreResult.MIN_INTERPRETABLE_TST_HOURS);
        } else {
            out.printf(Locale.ROOT, "  Reading: PLMS index %.1f/h is %s the adult threshold of > %.0f/h "
                    + "(> 5/h in children). A measurement, not a diagnosis.%n",
                    r.plmsIndex(), r.aboveAdultThreshold() ? "ABOVE" : "not above", r.adultThresholdPerHour());
        }
        for (String note : night.allNotes()) {
            out.println("  Note: " + TerminalText.escape(note));
        }
        if (!night.ignoredEvents().isEmpty()) {
            StringBuilder b = new StringBuilder();
            // sorted by label: the record's map has no order of its own
            for (Map.Entry<String, Integer> e : new TreeMap<>(night.ignoredEvents()).entrySet()) {
                b.append(b.length() == 0 ? "" : ", ").append(TerminalText.escape(e.getKey())).append(" ×").append(e.getValue());
            }
            out.println("  Ignored event types: " + b);
        }
        out.flush();
    }

    /** A local date-time to the second, e.g. {@code 2026-01-15 22:40:30}. */
    static String time(java.time.LocalDateTime t) {
        return SECONDS.format(t);
    }

    private static final java.time.format.DateTimeFormatter SECONDS =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private static void row(PrintWriter out, String label, int count, double perHour) {
        out.printf(Locale.ROOT, "  %-26s %6d %10s%n", label, count, fmt(perHour, 1));
    }

    private static String fmt(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "–";
    }
}
