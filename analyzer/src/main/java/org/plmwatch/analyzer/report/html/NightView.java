package org.plmwatch.analyzer.report.html;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.plmwatch.analyzer.report.NightQuality;
import org.plmwatch.analyzer.report.ScoredNight;
import org.plmwatch.analyzer.report.TerminalText;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.SleepSource;
import org.plmwatch.core.scoring.ScoreResult;
import org.plmwatch.core.scoring.SideBreakdown;
import org.plmwatch.core.scoring.StageBreakdown;

/**
 * Everything the page shows about one night, computed here and only written out by the
 * template.
 *
 * @param anchor     id of the night's section (for links from the overview)
 * @param heading    e.g. "Night 3 · Tue 2026-11-17"
 * @param facts      who/what/when
 * @param indices    the indices table
 * @param reading    the 15/h sentence for this night
 * @param stages     minutes, CLMs and PLMs per stage
 * @param timeline   the whole-night chart
 * @param profile    PLMS per hour of sleep, by hour after lights-off
 * @param imiLinear  IMI histogram, 2-s bins
 * @param imiLog     ln IMI histogram
 * @param durations  movement durations
 * @param quality    data-quality facts
 * @param notes      what was measured and what could not be (source and scorer notes)
 * @param diary      the diary line of this night, empty when none
 */
public record NightView(String anchor, String heading, List<Fact> facts, List<IndexRow> indices, String reading,
                        boolean aboveThreshold, List<StageRow> stages, Chart timeline, Chart profile, Chart imiLinear,
                        Chart imiLog, Chart durations, List<Fact> quality, List<String> notes, String diary) {

    public record Fact(String label, String value) {
    }

    public record IndexRow(String name, String value, String unit, String meaning) {
    }

    public record StageRow(String stage, String minutes, String share, int clm, int plm, String plmIndex) {
    }

    static final String SLEEP_FROM_PSG = "PSG hypnogram (30-s epochs scored by the sleep lab)";
    static final String SLEEP_FROM_ACTIGRAPHY = "estimated from ankle actigraphy: sleep and wake only, no stages; "
            + "quiet wake counts as sleep, so TST and the sleep indices carry its error";

    static NightView of(int number, ScoredNight night, NightFigures f, String diary) {
        ScoreResult r = night.result();
        LocalDate evening = f.evening(r);
        String heading = String.format(Locale.ROOT, "Night %d · %s %s", number, Fmt.weekday(evening), Fmt.date(evening));
        boolean flagged = night.noLegMovements() || !night.interpretable();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Night", night.name()));
        facts.add(new Fact("Read from", night.source()));
        facts.add(new Fact("Lights off – on", Fmt.date(f.lightsOff(r)) + " " + Fmt.clock(f.lightsOff(r)) + " – "
                + Fmt.date(f.lightsOn(r)) + " " + Fmt.clock(f.lightsOn(r))));
        List<String> legs = new ArrayList<>();
        for (Leg l : Leg.values()) {
            if (r.legsRecorded().contains(l)) {
                legs.add(l.label());
            }
        }
        facts.add(new Fact("Legs", String.join(" and ", legs) + (r.bothLegs() ? "" : " only: bilateral movements "
                + "could not be merged")));
        NightQuality dq = night.quality();
        for (NightQuality.LegQuality q : dq.legs()) {
            facts.add(new Fact(Fmt.capital(q.leg().label()) + " ankle device", device(q)));
        }
        // No reader plmwatch has exposes patient fields (name, id, birth date): say so rather than leave a blank.
        facts.add(new Fact("Patient", "not in the input"));
        facts.add(new Fact("Rules", r.rules() == org.plmwatch.core.scoring.RuleSet.WASM2016
                ? "WASM 2016 (Ferri et al. 2016): series IMI 10–90 s" : "AASM: series IMI 5–90 s"));
        facts.add(new Fact("Sleep from", r.sleepSource() == SleepSource.PSG_HYPNOGRAM ? SLEEP_FROM_PSG
                : SLEEP_FROM_ACTIGRAPHY));
        facts.add(new Fact("Respiration", r.respirationScored() ? "scored: PLMS nr index computed"
                : "not scored: respiratory-related movements unknown"));

        double arousalIndex = NightFigures.plmsArousalIndex(r, f);
        List<IndexRow> idx = new ArrayList<>();
        idx.add(new IndexRow("PLMS index", Fmt.num(r.plmsIndex(), 1), "/h sleep",
                r.plmCountSleep() + " PLMs in " + Fmt.hm(r.tstHours()) + " h of sleep"));
        idx.add(new IndexRow("PLMS nr index", Fmt.num(r.plmsNrIndex(), 1), "/h sleep",
                r.respirationScored() ? "series without respiratory-related movements" : "respiration not scored"));
        idx.add(new IndexRow("PLMW index", Fmt.num(r.plmwIndex(), 1), "/h wake",
                r.plmCountWake() + " PLMs in " + Fmt.hm(r.wakeHours()) + " h of wake"));
        idx.add(new IndexRow("CLMS index", Fmt.num(r.clmsIndex(), 1), "/h sleep", r.clmCountSleep() + " CLMs in sleep"));
        idx.add(new IndexRow("Periodicity index", Fmt.num(r.periodicityIndex(), 2), "PLMS ÷ CLMS",
                r.periodicityInterpretable() ? "" : "uninterpretable below 10 CLM/h"));
        idx.add(new IndexRow("ln IMI, mean ± SD", Fmt.num(r.imi().logImiMean(), 2) + " ± " + Fmt.num(r.imi().logImiSd(), 2),
                "ln s", r.imi().periodicImiCount() + " IMIs of 10–90 s"
                        + (Double.isFinite(r.imi().logImiMean()) ? String.format(Locale.ROOT, " (geometric mean %.0f s)",
                        Math.exp(r.imi().logImiMean())) : "")));
        idx.add(new IndexRow("PLMS with arousal", Fmt.num(arousalIndex, 1), "/h sleep", f.arousalsKnown()
                ? r.plmArousalCountSleep() + " PLMs in sleep with an arousal (rule 18)" : "no arousals: no PSG"));
        StringBuilder sides = new StringBuilder();
        for (SideBreakdown s : r.perSide()) {
            sides.append(sides.length() == 0 ? "" : " / ").append(s.plmCountSleep());
        }
        StringBuilder clmSides = new StringBuilder();
        for (SideBreakdown s : r.perSide()) {
            clmSides.append(clmSides.length() == 0 ? "" : " / ").append(s.clmCountSleep());
        }
        idx.add(new IndexRow("PLMS left / right / bilateral", sides.toString(), "count",
                "CLMS " + clmSides + (r.bothLegs() ? "" : "; one leg recorded")));
        idx.add(new IndexRow("Sleep efficiency", Fmt.percent(f.sleepEfficiency()), "TST ÷ TIB",
                "TST " + Fmt.hm(r.tstHours()) + " of TIB " + Fmt.hm(r.tibHours())));
        idx.add(new IndexRow("WASO", Fmt.num(f.wasoHours() * 60, 0), "min", "wake after sleep onset"));

        String reading;
        if (night.noLegMovements()) {
            reading = "No leg movements were scored in this input: the indices are absent, not 0/h.";
        } else if (!Double.isFinite(r.plmsIndex())) {
            reading = "PLMS index undefined: no sleep scored.";
        } else if (!night.interpretable()) {
            reading = String.format(Locale.ROOT, "PLMS index %.1f/h over only %s h of sleep: too little sleep "
                    + "(under %.0f h) to read against the %.0f/h threshold.", r.plmsIndex(), Fmt.hm(r.tstHours()),
                    ScoreResult.MIN_INTERPRETABLE_TST_HOURS, r.adultThresholdPerHour());
        } else {
            reading = String.format(Locale.ROOT, "PLMS index %.1f/h: %s the adult threshold of %.0f/h (WASM/AASM).",
                    r.plmsIndex(), r.aboveAdultThreshold() ? "above" : "not above", r.adultThresholdPerHour());
        }

        List<StageRow> stages = new ArrayList<>();
        double tib = r.tibHours();
        for (StageBreakdown s : r.perStage()) {
            stages.add(new StageRow(s.stage().label(), Fmt.num(s.hours() * 60, 0),
                    tib > 0 ? Fmt.percent(s.hours() / tib) : Fmt.NONE, s.clmCount(), s.plmCount(),
                    Fmt.num(s.plmIndex(), 1)));
        }

        List<Fact> quality = new ArrayList<>();
        quality.add(new Fact("Time in bed (scored)", Fmt.hm(r.tibHours()) + " h"));
        quality.add(new Fact("Not recorded or not scored", Fmt.hm(f.unscoredHours()) + " h between lights off and on"
                + (night.notRecordedHours() > 0 ? " (" + Fmt.hm(night.notRecordedHours()) + " h without samples)" : "")));
        if (night.night() > 1 || night.name().matches(".*-night\\d+$")) {
            quality.add(new Fact("Night of its recording", Integer.toString(night.night())));
        }
        for (NightQuality.LegQuality q : dq.legs()) {
            String leg = Fmt.capital(q.leg().label()) + " leg";
            quality.add(new Fact(leg + " recorded", Fmt.hm(q.recordedHours()) + " h of " + Fmt.hm(q.spanHours())
                    + " h lights off – on"));
            quality.add(new Fact(leg + " gaps", q.gapCount() == 0 ? "none"
                    : q.gapCount() + (q.gapCount() == 1 ? " gap, " : " gaps, ") + Fmt.duration(q.gapSeconds())
                    + " in total; " + q.samplesLost() + " samples lost"
                    + (q.gapCount() > q.gaps().size() ? " (the " + q.gaps().size() + " longest drawn)" : "")));
            List<String> damage = new ArrayList<>();
            damage.add(q.skippedBlocks() + " damaged " + (q.skippedBlocks() == 1 ? "block" : "blocks") + " skipped");
            if (q.truncatedBytes() > 0) {
                damage.add(q.truncatedBytes() + " bytes cut off at the end");
            }
            if ("plmwatch-night".equals(q.format())) {
                damage.add(q.restarts() == 0 ? "no restart" : q.restarts() + (q.restarts() == 1 ? " restart" : " restarts")
                        + " after power loss, recording resumed in the same file");
            }
            quality.add(new Fact(leg + " file (whole recording)", String.join("; ", damage)));
        }
        if (dq.legs().stream().anyMatch(q -> "plmwatch-night".equals(q.format()))) {
            List<String> presses = new ArrayList<>();
            for (NightQuality.Mark m : dq.marks()) {
                presses.add(m.label() + " " + Fmt.clock(NightFigures.at(r.start(), m.seconds())) + " ("
                        + m.leg().label() + ")");
            }
            quality.add(new Fact("Button presses", presses.isEmpty() ? "none near this night"
                    : String.join(", ", presses) + (dq.marksLeftOut() > 0 ? "; " + dq.marksLeftOut()
                    + " more in the file not shown" : "")));
        }
        if (dq.movementsOutside() >= 0) {
            quality.add(new Fact("Movements outside lights off – on", dq.movementsOutside()
                    + " in the recording, not scored"));
        }
        quality.add(new Fact("Leg movements", r.legMovements().size() + " after rules 1–2; "
                + r.movements().size() + " after merging legs; " + r.nonclmCountTib() + " not candidates"));
        for (Map.Entry<String, Integer> e : night.ignoredEvents().entrySet()) {
            quality.add(new Fact("Ignored event label", e.getKey() + " × " + e.getValue()));
        }
        return new NightView("night-" + number, heading, facts, idx, reading, !flagged && r.aboveAdultThreshold(), stages,
                NightCharts.timeline(r, f, night.quality()), NightCharts.profile(f, r.adultThresholdPerHour()),
                NightCharts.imiLinear(r.imi()), NightCharts.imiLog(r.imi()), NightCharts.durations(r), quality,
                night.allNotes(), diary);
    }

    /** Who and what recorded one leg, from the recording's own header. */
    private static String device(NightQuality.LegQuality q) {
        // Header fields are the device's own bytes: control and bidi characters are shown as escapes
        // (as on the terminal), markup is escaped by the template.
        StringBuilder b = new StringBuilder();
        b.append(q.deviceId().isEmpty() ? "device id not in the file" : "device " + TerminalText.escape(q.deviceId()));
        if (!q.firmware().isEmpty()) {
            b.append(", firmware ").append(TerminalText.escape(q.firmware()));
        }
        b.append(" · ").append(TerminalText.escape(q.description())).append(" · file ")
                .append(TerminalText.escape(q.file()));
        return b.toString();
    }

    public boolean hasDiary() {
        return !diary.isEmpty();
    }
}
