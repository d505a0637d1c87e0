package org.plmwatch.core.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.plmwatch.core.model.Hypnogram;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.Night;
import org.plmwatch.core.model.Stage;
import org.plmwatch.core.model.TimedEvent;
import org.plmwatch.core.util.SortedDoubles;

/**
 * Scores leg movements by the rules of docs/SCORING.md (WASM 2016 by default, or the AASM
 * variant). Stateless and thread-safe; the same code scores PSG exports and accelerometer nights.
 */
public final class Scorer {

    /** Scores a night by WASM 2016. */
    public ScoreResult score(Night night) {
        return score(night, RuleSet.WASM2016);
    }

    public ScoreResult score(Night night, RuleSet rules) {
        List<LegMovement> legMovements = joinAndFilter(night.legMovements());
        List<Pooled> pooled = mergeAcrossLegs(legMovements);

        Hypnogram hyp = night.hypnogram();
        double[] respiratoryEnds = night.respirationScored() ? respiratoryEnds(night.respiratoryEvents()) : new double[0];
        ArousalIndex arousals = new ArousalIndex(night.arousals());

        int n = pooled.size();
        boolean[] clm = new boolean[n];
        boolean[] respiratory = new boolean[n];
        for (int i = 0; i < n; i++) {
            Pooled p = pooled.get(i);
            clm[i] = p.isCandidate();
            respiratory[i] = isRespiratory(p.onset, p.offset, respiratoryEnds, rules);
        }
        int[] series = findSeries(pooled, clm, null, rules);
        int[] seriesNr = findSeries(pooled, clm, respiratory, rules);

        List<ScoredMovement> movements = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Pooled p = pooled.get(i);
            movements.add(new ScoredMovement(p.side(), p.onset, p.offset - p.onset, p.parts, p.peakG,
                    clm[i], series[i] > 0, series[i], seriesNr[i] > 0, respiratory[i],
                    arousals.associated(p.onset, p.offset), hyp.stageAt(p.onset)));
        }

        Map<Stage, Double> hoursByStage = new EnumMap<>(Stage.class);
        hyp.secondsByStage().forEach((stage, seconds) -> hoursByStage.put(stage, seconds / 3600.0));

        return new ScoreResult(rules, night.start(), night.sleepSource(), night.legsRecorded(),
                night.respirationScored(), hoursByStage, legMovements, movements, imiDistribution(movements),
                hyp);
    }

    /** Rules 1 and 2, per leg; returns both legs' movements sorted by onset. */
    static List<LegMovement> joinAndFilter(List<LegMovement> input) {
        List<LegMovement> out = new ArrayList<>(input.size());
        for (Leg leg : Leg.values()) {
            List<LegMovement> own = new ArrayList<>();
            for (LegMovement m : input) {
                if (m.leg() == leg) {
                    own.add(m);
                }
            }
            own.sort(Comparator.comparingDouble(LegMovement::onsetSeconds));
            int i = 0;
            while (i < own.size()) {
                LegMovement first = own.get(i);
                double onset = first.onsetSeconds();
                double offset = first.offsetSeconds();
                double peak = first.peakG();
                int j = i + 1;
                // Sorted by onset, so one pass joins every chain: a fragment that starts before
                // the running offset + 0.5 s also extends the chain for the ones after it.
                while (j < own.size() && own.get(j).onsetSeconds() - offset < Rules.JOIN_GAP_SECONDS - Rules.EPS) {
                    offset = Math.max(offset, own.get(j).offsetSeconds());
                    peak = maxPeak(peak, own.get(j).peakG());
                    j++;
                }
                if (offset - onset >= Rules.MIN_DURATION_SECONDS - Rules.EPS) {
                    out.add(new LegMovement(leg, onset, offset - onset, peak));
                }
                i = j;
            }
        }
        out.sort(Comparator.comparingDouble(LegMovement::onsetSeconds).thenComparing(LegMovement::leg));
        return out;
    }

    private static double maxPeak(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        return Double.isNaN(b) ? a : Math.max(a, b);
    }

    /** A pooled movement under construction (rule 4). */
    static final class Pooled {
        final double onset;
        double offset;
        int parts;
        boolean left;
        boolean right;
        boolean hasNonCandidatePart;
        double peakG;

        Pooled(LegMovement m) {
            onset = m.onsetSeconds();
            offset = m.offsetSeconds();
            peakG = m.peakG();
            add(m);
        }

        void add(LegMovement m) {
            parts++;
            offset = Math.max(offset, m.offsetSeconds());
            peakG = maxPeak(peakG, m.peakG());
            if (m.leg() == Leg.LEFT) {
                left = true;
            } else {
                right = true;
            }
            // Rule 3: a monolateral part over 10 s is a non-CLM and taints what it joins (rule 5).
            if (m.durationSeconds() > Rules.MAX_MONOLATERAL_SECONDS + Rules.EPS) {
                hasNonCandidatePart = true;
            }
        }

        Side side() {
            if (left && right) {
                return Side.BILATERAL;
            }
            return left ? Side.LEFT : Side.RIGHT;
        }

        /** Rules 3, 5 and 6. */
        boolean isCandidate() {
            if (hasNonCandidatePart) {
                return false;
            }
            if (side() == Side.BILATERAL) {
                return offset - onset <= Rules.MAX_BILATERAL_SECONDS + Rules.EPS && parts <= Rules.MAX_BILATERAL_PARTS;
            }
            return offset - onset <= Rules.MAX_MONOLATERAL_SECONDS + Rules.EPS;
        }
    }

    /** Rule 4: input sorted by onset. */
    static List<Pooled> mergeAcrossLegs(List<LegMovement> sorted) {
        List<Pooled> out = new ArrayList<>();
        Pooled current = null;
        for (LegMovement m : sorted) {
            if (current != null && m.onsetSeconds() < current.offset + Rules.BILATERAL_GAP_SECONDS - Rules.EPS) {
                current.add(m);
            } else {
                current = new Pooled(m);
                out.add(current);
            }
        }
        return out;
    }

    private static double[] respiratoryEnds(List<TimedEvent> events) {
        double[] ends = new double[events.size()];
        for (int i = 0; i < ends.length; i++) {
            ends[i] = events.get(i).offsetSeconds();
        }
        Arrays.sort(ends);
        return ends;
    }

    /**
     * Rule 7: some part of [onset, offset] lies in [end − before, end + after] of some
     * respiratory event (inclusive).
     */
    static boolean isRespiratory(double onset, double offset, double[] sortedEnds, RuleSet rules) {
        // The first end whose window can still reach the movement: end + after >= onset.
        int i = SortedDoubles.lowerBound(sortedEnds, onset - rules.respiratoryAfterEndSeconds() - Rules.EPS);
        return i < sortedEnds.length && sortedEnds[i] - rules.respiratoryBeforeEndSeconds() <= offset + Rules.EPS;
    }


    /**
     * Rules 9–12 (and 8 when {@code removed} is given: those CLMs leave the sequence before series
     * are found). Returns, per movement, its 1-based series number or 0.
     */
    static int[] findSeries(List<Pooled> pooled, boolean[] clm, boolean[] removed, RuleSet rules) {
        int n = pooled.size();
        int[] series = new int[n];
        int[] run = new int[n];
        int runLength = 0;
        int seriesCount = 0;
        for (int i = 0; i < n; i++) {
            if (removed != null && clm[i] && removed[i]) {
                continue;
            }
            if (!clm[i]) {
                // Rule 11: a non-CLM breaks the series and never belongs to one.
                seriesCount = closeRun(run, runLength, series, seriesCount);
                runLength = 0;
                continue;
            }
            if (runLength > 0) {
                double imi = pooled.get(i).onset - pooled.get(run[runLength - 1]).onset;
                if (imi < rules.minImiSeconds() - Rules.EPS || imi > Rules.MAX_IMI_SECONDS + Rules.EPS) {
                    // Rule 11 (choice): this CLM may start the next series.
                    seriesCount = closeRun(run, runLength, series, seriesCount);
                    runLength = 0;
                }
            }
            run[runLength++] = i;
        }
        closeRun(run, runLength, series, seriesCount);
        return series;
    }

    private static int closeRun(int[] run, int runLength, int[] series, int seriesCount) {
        if (runLength < Rules.MIN_SERIES_LENGTH) {
            return seriesCount;
        }
        int id = seriesCount + 1;
        for (int k = 0; k < runLength; k++) {
            series[run[k]] = id;
        }
        return id;
    }

    /**
     * Rule 17 over consecutive CLMs of the pooled sequence with no non-CLM between them and both
     * onsets in sleep: the intervals rule 10 judges, restricted to sleep as the PLMS index is.
     */
    static ImiDistribution imiDistribution(List<ScoredMovement> movements) {
        int[] linear = new int[ImiDistribution.LINEAR_BINS];
        int over90 = 0;
        int[] log = new int[ImiDistribution.LOG_BINS];
        int logBelow = 0;
        int logAbove = 0;
        SummaryStatistics periodic = new SummaryStatistics();
        for (int i = 1; i < movements.size(); i++) {
            ScoredMovement prev = movements.get(i - 1);
            ScoredMovement cur = movements.get(i);
            if (!prev.clm() || !cur.clm() || !prev.inSleep() || !cur.inSleep()) {
                continue;
            }
            double imi = cur.onsetSeconds() - prev.onsetSeconds();
            if (imi > Rules.MAX_IMI_SECONDS + Rules.EPS) {
                over90++;
            } else {
                linear[Math.min((int) (imi / ImiDistribution.LINEAR_BIN_SECONDS), ImiDistribution.LINEAR_BINS - 1)]++;
            }
            double ln = Math.log(imi);
            if (ln < 0) {
                logBelow++;
            } else {
                int bin = (int) Math.floor(ln / ImiDistribution.LOG_BIN_WIDTH + 1e-9);
                if (bin >= ImiDistribution.LOG_BINS) {
                    logAbove++;
                } else {
                    log[bin]++;
                }
            }
            if (imi >= Rules.PERIODIC_IMI_MIN_SECONDS - Rules.EPS && imi <= Rules.MAX_IMI_SECONDS + Rules.EPS) {
                periodic.addValue(ln);
            }
        }
        long k = periodic.getN();
        return new ImiDistribution(linear, over90, log, logBelow, logAbove,
                k > 0 ? periodic.getMean() : Double.NaN,
                k > 1 ? periodic.getStandardDeviation() : Double.NaN,
                (int) k);
    }

    /** Rule 18, with arousals sorted by onset. */
    private static final class ArousalIndex {
        private final double[] onsets;
        private final double[] offsets;
        private final double longest;

        ArousalIndex(List<TimedEvent> arousals) {
            onsets = new double[arousals.size()];
            offsets = new double[arousals.size()];
            double max = 0;
            for (int i = 0; i < onsets.length; i++) {
                onsets[i] = arousals.get(i).onsetSeconds();
                offsets[i] = arousals.get(i).offsetSeconds();
                max = Math.max(max, arousals.get(i).durationSeconds());
            }
            longest = max;
        }

        /** Overlap, or one ends less than 0.5 s before the other begins. */
        boolean associated(double onset, double offset) {
            // Candidates begin before offset + gap; scan back only as far as an arousal of the
            // longest duration could still reach the movement.
            int i = SortedDoubles.lowerBound(onsets, offset + Rules.AROUSAL_GAP_SECONDS - Rules.EPS) - 1;
            double earliest = onset - Rules.AROUSAL_GAP_SECONDS - longest;
            for (; i >= 0 && onsets[i] >= earliest; i--) {
                if (offsets[i] > onset - Rules.AROUSAL_GAP_SECONDS + Rules.EPS) {
                    return true;
                }
            }
            return false;
        }
    }
}
