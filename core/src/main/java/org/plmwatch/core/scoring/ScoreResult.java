package org.plmwatch.core.scoring;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.SleepSource;
import org.plmwatch.core.model.Stage;

/**
 * One scored night. Counts and indices are derived from {@link #movements()} on demand, so they
 * can never disagree with the movement list. A night with no movements is an empty result with
 * zero counts, never null. Indices whose denominator is zero are NaN.
 *
 * @param rules             the rule set used
 * @param start             local date-time of time zero
 * @param sleepSource       where sleep/wake came from (rule 14)
 * @param legsRecorded      one leg or both (rule F: one leg means nothing was merged)
 * @param respirationScored whether respiratory events were known (rules 7–8)
 * @param hoursByStage      hours scored in each stage (rule 14)
 * @param legMovements      monolateral movements after rules 1–2, sorted by onset
 * @param movements         pooled movements after rule 4, sorted by onset
 * @param imi               the IMI distribution (rule 17)
 */
public record ScoreResult(RuleSet rules,
                          LocalDateTime start,
                          SleepSource sleepSource,
                          Set<Leg> legsRecorded,
                          boolean respirationScored,
                          Map<Stage, Double> hoursByStage,
                          List<LegMovement> legMovements,
                          List<ScoredMovement> movements,
                          ImiDistribution imi) {

    public ScoreResult {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(sleepSource, "sleepSource");
        Objects.requireNonNull(imi, "imi");
        legsRecorded = Set.copyOf(legsRecorded);
        hoursByStage = Map.copyOf(hoursByStage);
        legMovements = List.copyOf(legMovements);
        movements = List.copyOf(movements);
    }

    /** Rule 14: time in bed, hours. */
    public double tibHours() {
        return hoursByStage.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Rule 14: total sleep time, hours. */
    public double tstHours() {
        double sum = 0;
        for (Map.Entry<Stage, Double> e : hoursByStage.entrySet()) {
            if (e.getKey().isSleep()) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    public double wakeHours() {
        return hoursByStage.getOrDefault(Stage.WAKE, 0.0);
    }

    private int count(Predicate<ScoredMovement> p) {
        int n = 0;
        for (ScoredMovement m : movements) {
            if (p.test(m)) {
                n++;
            }
        }
        return n;
    }

    public int clmCountSleep() {
        return count(m -> m.clm() && m.inSleep());
    }

    public int plmCountSleep() {
        return count(m -> m.plm() && m.inSleep());
    }

    public int plmNrCountSleep() {
        return count(m -> m.plmNr() && m.inSleep());
    }

    public int plmCountWake() {
        return count(m -> m.plm() && !m.inSleep());
    }

    public int clmCountTib() {
        return count(ScoredMovement::clm);
    }

    public int plmCountTib() {
        return count(ScoredMovement::plm);
    }

    public int nonclmCountTib() {
        return count(m -> !m.clm());
    }

    public int bilateralClmCountTib() {
        return count(m -> m.clm() && m.side() == Side.BILATERAL);
    }

    /** CLMs in sleep within the respiratory window (rule 7); 0 when respiration was not scored. */
    public int respiratoryClmCountSleep() {
        return count(m -> m.clm() && m.respiratory() && m.inSleep());
    }

    /** PLMs in sleep associated with an arousal (rule 18). */
    public int plmArousalCountSleep() {
        return count(m -> m.plm() && m.arousal() && m.inSleep());
    }

    /** CLMs in sleep associated with an arousal (rule 18). */
    public int clmArousalCountSleep() {
        return count(m -> m.clm() && m.arousal() && m.inSleep());
    }

    private static double perHour(int n, double hours) {
        return hours > 0 ? n / hours : Double.NaN;
    }

    /** Rule 15: PLMs in sleep per hour of sleep. */
    public double plmsIndex() {
        return perHour(plmCountSleep(), tstHours());
    }

    /** Rule 15 with the series of rule 8; NaN when respiration was not scored. */
    public double plmsNrIndex() {
        return respirationScored ? perHour(plmNrCountSleep(), tstHours()) : Double.NaN;
    }

    /** Rule 15: PLMs in wake per hour of wake. */
    public double plmwIndex() {
        return perHour(plmCountWake(), wakeHours());
    }

    /** Rule 15: CLMs in sleep per hour of sleep. */
    public double clmsIndex() {
        return perHour(clmCountSleep(), tstHours());
    }

    /** Rule 16: PLMs ÷ CLMs in sleep; NaN without CLMs in sleep. */
    public double periodicityIndex() {
        int clm = clmCountSleep();
        return clm > 0 ? (double) plmCountSleep() / clm : Double.NaN;
    }

    /** Rule 16: the periodicity index means little below about 10 CLM/h of sleep. */
    public boolean periodicityInterpretable() {
        double clms = clmsIndex();
        return !Double.isNaN(clms) && clms >= Rules.MIN_INTERPRETABLE_CLMS_INDEX;
    }

    /** Rule 19: PLMS index above the adult threshold (&gt; 15/h). A number, not a diagnosis. */
    public boolean aboveAdultThreshold() {
        return plmsIndex() > Rules.ADULT_PLMS_THRESHOLD;
    }

    public double adultThresholdPerHour() {
        return Rules.ADULT_PLMS_THRESHOLD;
    }

    /**
     * Least total sleep time, hours, for a clinical reading of the indices. WASM 2016 and the AASM
     * manual set none; 2 h is the AASM's minimum for the diagnostic portion of a split-night study
     * (Kushida et al. 2005, Sleep 28:499, practice parameters for polysomnography). Below it a few
     * movements swing an index by several per hour. Not a scoring rule: the indices are still
     * computed, only the reading against the threshold is withheld.
     */
    public static final double MIN_INTERPRETABLE_TST_HOURS = 2.0;

    /**
     * True when enough sleep was scored ({@link #MIN_INTERPRETABLE_TST_HOURS}) to read the PLMS
     * index against the threshold; false flags the night "not interpretable".
     */
    public boolean interpretable() {
        return tstHours() >= MIN_INTERPRETABLE_TST_HOURS - 1e-9;
    }

    public boolean bothLegs() {
        return legsRecorded.size() == 2;
    }

    /** Per stage, in stage order, for every stage with scored time. */
    public List<StageBreakdown> perStage() {
        Map<Stage, int[]> counts = new EnumMap<>(Stage.class);
        for (ScoredMovement m : movements) {
            int[] c = counts.computeIfAbsent(m.stage(), s -> new int[2]);
            if (m.clm()) {
                c[0]++;
            }
            if (m.plm()) {
                c[1]++;
            }
        }
        List<StageBreakdown> out = new ArrayList<>();
        for (Stage s : Stage.values()) {
            Double hours = hoursByStage.get(s);
            int[] c = counts.getOrDefault(s, new int[2]);
            if (hours != null || c[0] > 0 || c[1] > 0) {
                out.add(new StageBreakdown(s, hours == null ? 0 : hours, c[0], c[1]));
            }
        }
        return out;
    }

    /** Per side: left, right, bilateral. */
    public List<SideBreakdown> perSide() {
        List<SideBreakdown> out = new ArrayList<>();
        for (Side side : Side.values()) {
            out.add(new SideBreakdown(side,
                    count(m -> m.side() == side && m.clm() && m.inSleep()),
                    count(m -> m.side() == side && m.plm() && m.inSleep()),
                    count(m -> m.side() == side && m.clm()),
                    count(m -> m.side() == side && m.plm())));
        }
        return out;
    }

    /** Sentences every output shows: what was measured and what could not be. */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (sleepSource == SleepSource.ACTIGRAPHY) {
            notes.add("sleep/wake estimated from ankle actigraphy, not from a hypnogram: TST and sleep indices carry its error");
        }
        if (!bothLegs()) {
            notes.add("one leg recorded (" + legsRecorded.iterator().next().label()
                    + "): bilateral movements could not be merged (rule 4)");
        }
        if (!respirationScored) {
            notes.add("respiration not scored: respiratory-related movements unknown, PLMS nr index not computed");
        }
        if (tstHours() <= 0) {
            notes.add("no sleep scored: sleep indices are undefined");
        } else if (!interpretable()) {
            notes.add(String.format(java.util.Locale.ROOT,
                    "not interpretable: TST %.2f h is below %.0f h, too little sleep to read the indices clinically",
                    tstHours(), MIN_INTERPRETABLE_TST_HOURS));
        }
        if (tstHours() > 0 && !periodicityInterpretable()) {
            notes.add(String.format(java.util.Locale.ROOT,
                    "periodicity index uninterpretable: CLMS index %.1f/h is below %.0f/h",
                    clmsIndex(), Rules.MIN_INTERPRETABLE_CLMS_INDEX));
        }
        return notes;
    }
}
