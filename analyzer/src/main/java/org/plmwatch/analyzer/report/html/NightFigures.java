package org.plmwatch.analyzer.report.html;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.plmwatch.analyzer.report.ScoredNight;
import org.plmwatch.core.model.Epoch;
import org.plmwatch.core.model.Hypnogram;
import org.plmwatch.core.model.SleepSource;
import org.plmwatch.core.scoring.ScoreResult;
import org.plmwatch.core.scoring.ScoredMovement;

/**
 * The figures a report shows beyond the scorer's indices, all derived from one night's
 * {@link ScoreResult} and the hypnogram it was scored on, so they cannot disagree with it.
 *
 * @param lightsOffSeconds     lights-off of the scored night, seconds from the result's time zero
 * @param lightsOnSeconds      lights-on
 * @param unscoredHours        time between lights-off and lights-on not recorded or with no epoch scored
 * @param sleepOnsetSeconds    onset of the first sleep epoch, NaN without sleep
 * @param wasoHours            wake after sleep onset, up to the last sleep epoch
 * @param sleepEfficiency      TST ÷ TIB, NaN without time in bed
 * @param profileSleepHours    sleep hours in each hour after lights-off
 * @param profilePlmCounts     PLMs in sleep with onset in each hour after lights-off
 * @param plmsMedianHours      median time of the PLMs in sleep, hours after lights-off; NaN without PLMs
 * @param arousalsKnown        a PSG hypnogram was used, so arousals were scored and rule 18 applies
 */
public record NightFigures(double lightsOffSeconds, double lightsOnSeconds, double unscoredHours,
                           double sleepOnsetSeconds, double wasoHours, double sleepEfficiency,
                           double[] profileSleepHours, int[] profilePlmCounts, double plmsMedianHours,
                           boolean arousalsKnown) {

    /** Sleep in an hour bin below this leaves its PLMS rate undefined: a few minutes give wild rates. */
    static final double MIN_PROFILE_SLEEP_HOURS = 10.0 / 60;

    public static NightFigures of(ScoredNight night) {
        ScoreResult r = night.result();
        Hypnogram hyp = r.hypnogram();
        List<Epoch> epochs = hyp.epochs();
        // Lights off and on as the night's scoring put them (a recording split into nights has one pair each).
        double off = java.time.Duration.between(r.start(), night.lightsOff()).toNanos() / 1e9;
        double on = java.time.Duration.between(r.start(), night.lightsOn()).toNanos() / 1e9;
        if (!(on > off) && !epochs.isEmpty()) {
            off = hyp.startSeconds();
            on = hyp.endSeconds();
        }
        double unscored = Math.max(night.notRecordedHours(), Math.max(0, (on - off) - hyp.tibSeconds()) / 3600);
        int firstSleep = -1;
        int lastSleep = -1;
        for (int i = 0; i < epochs.size(); i++) {
            if (epochs.get(i).stage().isSleep()) {
                lastSleep = i;
                if (firstSleep < 0) {
                    firstSleep = i;
                }
            }
        }
        double waso = 0;
        for (int i = Math.max(firstSleep, 0); i <= lastSleep; i++) {
            if (!epochs.get(i).stage().isSleep()) {
                waso += epochs.get(i).durationSeconds();
            }
        }
        int bins = Math.max(1, (int) Math.ceil((on - off) / 3600 - 1e-9));
        double[] sleepHours = new double[bins];
        for (Epoch e : epochs) {
            if (e.stage().isSleep()) {
                spread(sleepHours, e.onsetSeconds() - off, e.offsetSeconds() - off);
            }
        }
        int[] plms = new int[bins];
        List<Double> plmHours = new ArrayList<>();
        for (ScoredMovement m : r.movements()) {
            if (m.plm() && m.inSleep()) {
                double h = (m.onsetSeconds() - off) / 3600;
                plms[Math.min(bins - 1, Math.max(0, (int) h))]++;
                plmHours.add(h);
            }
        }
        double median = Double.NaN;
        if (!plmHours.isEmpty()) {
            int n = plmHours.size();
            median = n % 2 == 1 ? plmHours.get(n / 2) : (plmHours.get(n / 2 - 1) + plmHours.get(n / 2)) / 2;
        }
        return new NightFigures(off, on, unscored, firstSleep < 0 ? Double.NaN : epochs.get(firstSleep).onsetSeconds(),
                waso / 3600, r.tibHours() > 0 ? r.tstHours() / r.tibHours() : Double.NaN, sleepHours, plms, median,
                r.sleepSource() == SleepSource.PSG_HYPNOGRAM);
    }

    /** Adds the seconds of [from, to) to the hour bins they cover, in hours. */
    private static void spread(double[] bins, double from, double to) {
        for (int b = Math.max(0, (int) (from / 3600)); b < bins.length && b * 3600.0 < to; b++) {
            double lo = Math.max(from, b * 3600.0);
            double hi = Math.min(to, (b + 1) * 3600.0);
            if (hi > lo) {
                bins[b] += (hi - lo) / 3600;
            }
        }
    }

    /** PLMS per hour of sleep in hour bin {@code i} after lights-off; NaN with too little sleep in it. */
    public double profileIndex(int i) {
        return profileSleepHours[i] >= MIN_PROFILE_SLEEP_HOURS ? profilePlmCounts[i] / profileSleepHours[i] : Double.NaN;
    }

    public int profileHours() {
        return profileSleepHours.length;
    }

    /** PLMs in sleep associated with an arousal per hour of sleep; NaN when arousals are unknown. */
    public static double plmsArousalIndex(ScoreResult r, NightFigures f) {
        return f.arousalsKnown() && r.tstHours() > 0 ? r.plmArousalCountSleep() / r.tstHours() : Double.NaN;
    }

    public LocalDateTime lightsOff(ScoreResult r) {
        return at(r.start(), lightsOffSeconds);
    }

    public LocalDateTime lightsOn(ScoreResult r) {
        return at(r.start(), lightsOnSeconds);
    }

    /**
     * The evening a night belongs to: the date of lights-off, or the day before when lights went
     * off after midnight and before noon. A diary line and a weekday refer to this date.
     */
    public LocalDate evening(ScoreResult r) {
        LocalDateTime off = lightsOff(r);
        return off.getHour() < 12 ? off.toLocalDate().minusDays(1) : off.toLocalDate();
    }

    static LocalDateTime at(LocalDateTime zero, double seconds) {
        return zero.plusNanos(Math.round(seconds * 1e9));
    }
}
