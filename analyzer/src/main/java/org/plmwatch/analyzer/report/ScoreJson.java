package org.plmwatch.analyzer.report;

import java.io.Writer;
import java.util.Map;
import java.util.TreeMap;

import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.scoring.ImiDistribution;
import org.plmwatch.core.scoring.ScoreResult;
import org.plmwatch.core.scoring.ScoredMovement;
import org.plmwatch.core.scoring.SideBreakdown;
import org.plmwatch.core.scoring.StageBreakdown;

/**
 * The machine-readable result of {@code score --json}: the field names of docs/SCORING.md
 * section G, which other tools read, followed by breakdowns that section leaves open. Times in
 * seconds to the millisecond, indices to 0.001/h.
 */
public final class ScoreJson {

    /** ISO-8601 local date-time to the second, seconds always written. */
    private static final java.time.format.DateTimeFormatter ISO_SECONDS =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", java.util.Locale.ROOT);

    private ScoreJson() {
    }

    /**
     * One night: the object below. Several nights (a multi-night recording):
     * {@code {"nights": [ {...}, {...} ]}}, each element the same object as for one night, in time
     * order. A single night keeps the bare object so tools reading one night need no change.
     */
    public static void write(java.util.List<ScoredNight> nights, Writer out) {
        if (nights.size() == 1) {
            write(nights.get(0), out);
            return;
        }
        JsonWriter j = new JsonWriter(out).beginObject();
        j.name("nights").beginArray();
        for (ScoredNight n : nights) {
            writeNight(n, j);
        }
        j.endArray();
        j.endObject().finish();
    }

    public static void write(ScoredNight night, Writer out) {
        JsonWriter j = new JsonWriter(out);
        writeNight(night, j);
        j.finish();
    }

    private static void writeNight(ScoredNight night, JsonWriter j) {
        ScoreResult r = night.result();
        boolean none = night.noLegMovements();
        j.beginObject();
        j.field("start", r.start().toString());
        j.field("rules", r.rules().id());
        j.field("tib_hours", r.tibHours(), 4);
        j.field("tst_hours", r.tstHours(), 4);
        j.field("clm_count_sleep", r.clmCountSleep());
        j.field("plm_count_sleep", r.plmCountSleep());
        j.field("clm_count_tib", r.clmCountTib());
        j.field("plm_count_tib", r.plmCountTib());
        j.field("nonclm_count_tib", r.nonclmCountTib());
        j.field("bilateral_clm_count_tib", r.bilateralClmCountTib());
        // No leg-movement events in the input: the indices are absent (null), not 0/h.
        j.field("plms_index", none ? Double.NaN : r.plmsIndex(), 3);
        j.field("plms_nr_index", none ? Double.NaN : r.plmsNrIndex(), 3);
        j.field("plmw_index", none ? Double.NaN : r.plmwIndex(), 3);
        j.field("clms_index", none ? Double.NaN : r.clmsIndex(), 3);
        j.field("periodicity_index", r.periodicityIndex(), 4);

        j.field("night", night.name());
        j.field("night_number", night.night());
        j.field("lights_off", ISO_SECONDS.format(night.lightsOff()));
        j.field("lights_on", ISO_SECONDS.format(night.lightsOn()));
        j.field("not_recorded_hours", night.notRecordedHours(), 4);
        j.field("leg_movements_in_input", !none);
        j.field("interpretable", r.interpretable());
        j.field("min_interpretable_tst_hours", ScoreResult.MIN_INTERPRETABLE_TST_HOURS, 1);
        j.field("source", night.source());
        j.field("sleep_source", r.sleepSource().label());
        j.name("legs_recorded").beginArray();
        for (Leg leg : Leg.values()) {
            if (r.legsRecorded().contains(leg)) {
                j.value(leg.label());
            }
        }
        j.endArray();
        j.field("respiration_scored", r.respirationScored());
        // Without respiratory scoring there is no "nr" series: null, not a copy of the PLM count.
        if (r.respirationScored()) {
            j.field("plm_nr_count_sleep", r.plmNrCountSleep());
            j.field("respiratory_clm_count_sleep", r.respiratoryClmCountSleep());
        } else {
            j.name("plm_nr_count_sleep").nullValue();
            j.name("respiratory_clm_count_sleep").nullValue();
        }
        j.field("clm_arousal_count_sleep", r.clmArousalCountSleep());
        j.field("plm_arousal_count_sleep", r.plmArousalCountSleep());
        j.field("periodicity_interpretable", r.periodicityInterpretable());
        j.field("adult_threshold_per_hour", r.adultThresholdPerHour(), 1);
        // No reading against the threshold without enough sleep or without any leg movements.
        if (r.interpretable() && !none) {
            j.field("above_adult_threshold", r.aboveAdultThreshold());
        } else {
            j.name("above_adult_threshold").nullValue();
        }

        j.name("per_stage").beginArray();
        for (StageBreakdown s : r.perStage()) {
            j.beginObject().field("stage", s.stage().label()).field("hours", s.hours(), 4)
                    .field("clm_count", s.clmCount()).field("plm_count", s.plmCount())
                    .field("clm_index", s.clmIndex(), 3).field("plm_index", s.plmIndex(), 3).endObject();
        }
        j.endArray();
        j.name("per_side").beginArray();
        for (SideBreakdown s : r.perSide()) {
            j.beginObject().field("side", s.side().label())
                    .field("clm_count_sleep", s.clmCountSleep()).field("plm_count_sleep", s.plmCountSleep())
                    .field("clm_count_tib", s.clmCountTib()).field("plm_count_tib", s.plmCountTib()).endObject();
        }
        j.endArray();
        writeImi(j, r.imi());

        j.name("notes").beginArray();
        night.allNotes().forEach(j::value);
        j.endArray();
        j.name("ignored_events").beginObject();
        for (Map.Entry<String, Integer> e : new TreeMap<>(night.ignoredEvents()).entrySet()) {
            j.field(e.getKey(), e.getValue());
        }
        j.endObject();

        j.name("leg_movements").beginArray();
        for (LegMovement m : r.legMovements()) {
            j.beginObject().field("leg", m.leg().label()).field("onset_s", m.onsetSeconds(), 3)
                    .field("duration_s", m.durationSeconds(), 3);
            if (m.hasPeak()) {
                j.field("peak_g", m.peakG(), 4);
            }
            j.endObject();
        }
        j.endArray();
        j.name("movements").beginArray();
        for (ScoredMovement m : r.movements()) {
            j.beginObject().field("leg", m.side().label()).field("onset_s", m.onsetSeconds(), 3)
                    .field("duration_s", m.durationSeconds(), 3).field("clm", m.clm()).field("plm", m.plm());
            j.name("series");
            if (m.series() > 0) {
                j.value(m.series());
            } else {
                j.nullValue();
            }
            j.field("respiratory", m.respiratory()).field("arousal", m.arousal())
                    .field("stage", m.stage().label()).field("parts", m.parts()).field("plm_nr", m.plmNr());
            if (!Double.isNaN(m.peakG())) {
                j.field("peak_g", m.peakG(), 4);
            }
            j.endObject();
        }
        j.endArray();
        j.endObject();
    }

    private static void writeImi(JsonWriter j, ImiDistribution imi) {
        j.name("imi").beginObject();
        j.field("scope", "consecutive CLMs in sleep, no non-CLM between them");
        j.field("bin_seconds", ImiDistribution.LINEAR_BIN_SECONDS, 1);
        j.name("counts").beginArray();
        for (int c : imi.linearCounts()) {
            j.value(c);
        }
        j.endArray();
        j.field("over_90_count", imi.over90Count());
        j.field("log_bin_width", ImiDistribution.LOG_BIN_WIDTH, 1);
        j.name("log_counts").beginArray();
        for (int c : imi.logCounts()) {
            j.value(c);
        }
        j.endArray();
        j.field("log_below_0_count", imi.logBelowCount());
        j.field("log_above_count", imi.logAboveCount());
        j.field("log_imi_mean", imi.logImiMean(), 4);
        j.field("log_imi_sd", imi.logImiSd(), 4);
        j.field("log_imi_count", imi.periodicImiCount());
        j.endObject();
    }
}
