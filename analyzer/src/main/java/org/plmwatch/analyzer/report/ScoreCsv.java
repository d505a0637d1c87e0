package org.plmwatch.analyzer.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.scoring.ImiDistribution;
import org.plmwatch.core.scoring.ScoreResult;
import org.plmwatch.core.scoring.ScoredMovement;

/**
 * CSV tables for spreadsheets and statistics tools: one row per pooled movement, per monolateral
 * movement, per night (indices) and per IMI bin. Every table starts with a {@code night} column so
 * tables of several nights can be concatenated. Undefined values are empty cells.
 */
public final class ScoreCsv {

    public static final String MOVEMENTS = "movements.csv";
    public static final String LEG_MOVEMENTS = "leg_movements.csv";
    public static final String INDICES = "indices.csv";
    public static final String IMI_HISTOGRAM = "imi_histogram.csv";

    private ScoreCsv() {
    }

    /** Writes the four tables into {@code dir}, creating it; existing tables are replaced. */
    public static void write(List<ScoredNight> nights, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(MOVEMENTS), StandardCharsets.UTF_8)) {
            w.write("night,onset_s,onset_time,duration_s,leg,parts,clm,plm,series,plm_nr,respiratory,arousal,stage,peak_g\n");
            for (ScoredNight n : nights) {
                for (ScoredMovement m : n.result().movements()) {
                    w.write(String.join(",", csv(n.name()), num(m.onsetSeconds(), 3),
                            ReportTimes.millis(n.result().start().plusNanos(Math.round(m.onsetSeconds() * 1e9))),
                            num(m.durationSeconds(), 3), m.side().label(), Integer.toString(m.parts()),
                            bit(m.clm()), bit(m.plm()), m.series() > 0 ? Integer.toString(m.series()) : "",
                            bit(m.plmNr()), bit(m.respiratory()), bit(m.arousal()), m.stage().label(),
                            num(m.peakG(), 4)));
                    w.write('\n');
                }
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(LEG_MOVEMENTS), StandardCharsets.UTF_8)) {
            w.write("night,leg,onset_s,duration_s,peak_g\n");
            for (ScoredNight n : nights) {
                for (LegMovement m : n.result().legMovements()) {
                    w.write(String.join(",", csv(n.name()), m.leg().label(), num(m.onsetSeconds(), 3),
                            num(m.durationSeconds(), 3), num(m.peakG(), 4)));
                    w.write('\n');
                }
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(INDICES), StandardCharsets.UTF_8)) {
            w.write("night,start,rules,sleep_source,legs,tib_hours,tst_hours,clm_count_sleep,plm_count_sleep,"
                    + "clm_count_tib,plm_count_tib,nonclm_count_tib,bilateral_clm_count_tib,plms_index,"
                    + "plms_nr_index,plmw_index,clms_index,periodicity_index,log_imi_mean,log_imi_sd\n");
            for (ScoredNight n : nights) {
                ScoreResult r = n.result();
                w.write(String.join(",", csv(n.name()), ReportTimes.seconds(r.start()), r.rules().id(),
                        r.sleepSource().label(), r.bothLegs() ? "both" : r.legsRecorded().iterator().next().label(),
                        num(r.tibHours(), 4), num(r.tstHours(), 4),
                        Integer.toString(r.clmCountSleep()), Integer.toString(r.plmCountSleep()),
                        Integer.toString(r.clmCountTib()), Integer.toString(r.plmCountTib()),
                        Integer.toString(r.nonclmCountTib()), Integer.toString(r.bilateralClmCountTib()),
                        num(r.plmsIndex(), 3), num(r.plmsNrIndex(), 3), num(r.plmwIndex(), 3),
                        num(r.clmsIndex(), 3), num(r.periodicityIndex(), 4),
                        num(r.imi().logImiMean(), 4), num(r.imi().logImiSd(), 4)));
                w.write('\n');
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(IMI_HISTOGRAM), StandardCharsets.UTF_8)) {
            w.write("night,bin_start_s,bin_end_s,count\n");
            for (ScoredNight n : nights) {
                int[] counts = n.result().imi().linearCounts();
                for (int i = 0; i < counts.length; i++) {
                    double from = i * ImiDistribution.LINEAR_BIN_SECONDS;
                    w.write(String.join(",", csv(n.name()), num(from, 0),
                            num(from + ImiDistribution.LINEAR_BIN_SECONDS, 0), Integer.toString(counts[i])));
                    w.write('\n');
                }
                w.write(String.join(",", csv(n.name()), "90", "", Integer.toString(n.result().imi().over90Count())));
                w.write('\n');
            }
        }
    }

    private static String bit(boolean b) {
        return b ? "1" : "0";
    }

    static String num(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return "";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String csv(String s) {
        return CsvCells.cell(s);
    }
}
