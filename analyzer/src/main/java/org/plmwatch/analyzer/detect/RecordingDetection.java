package org.plmwatch.analyzer.detect;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.analyzer.io.PsgEvents;
import org.plmwatch.core.io.accel.AccelReaders;
import org.plmwatch.core.io.accel.AccelRecording;
import org.plmwatch.core.io.accel.AccelRecordingInfo;
import org.plmwatch.core.io.accel.ReadReport;
import org.plmwatch.core.detect.DetectorConfig;
import org.plmwatch.core.detect.LegMovementCollector;
import org.plmwatch.core.detect.LegMovementDetector;
import org.plmwatch.core.model.Epoch;
import org.plmwatch.core.model.Hypnogram;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.Night;
import org.plmwatch.core.model.SleepSource;
import org.plmwatch.core.model.TimedEvent;
import org.plmwatch.core.sleep.ActigraphySleep;
import org.plmwatch.core.sleep.ActigraphySleepEstimator;
import org.plmwatch.core.sleep.SleepConfig;

/**
 * Turns ankle recordings (one per leg) into a scorable {@link Night}: streams each file once
 * through the core detector, puts every leg on one clock, and takes sleep/wake from the PSG when
 * one is given, else from the actigraphy estimate. Each recording is read in one streaming pass,
 * so a week of 100 Hz data needs no more memory than a minute.
 */
public final class RecordingDetection {

    /** A recording and the leg it was worn on. */
    public record LegRecording(Leg leg, Path file) {
        public LegRecording {
            Objects.requireNonNull(leg, "leg");
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * What detection found on one leg.
     *
     * @param offsetSeconds where the recording's time zero lies on the night's clock
     * @param movements     detected movements on the night's clock, before any trimming
     * @param gaps          sample gaps the detector saw, on the night's clock
     * @param sleep         the actigraphy estimate of this leg, or null when a PSG gave sleep
     */
    public record LegResult(Leg leg, AccelRecordingInfo info, ReadReport report, double offsetSeconds,
                            List<LegMovement> movements, List<LegMovementCollector.Gap> gaps, ActigraphySleep sleep) {
        public LegResult {
            movements = List.copyOf(movements);
            gaps = List.copyOf(gaps);
        }
    }

    /**
     * @param night the night to score
     * @param legs  per-leg detail, in the order given
     * @param notes sentences for every output: how the night was put together
     */
    public record Result(Night night, List<LegResult> legs, List<String> notes) {
        public Result {
            legs = List.copyOf(legs);
            notes = List.copyOf(notes);
        }
    }

    /** Used as time zero when no recording says when it started (and no PSG is given). */
    static final LocalDateTime UNKNOWN_START = LocalDateTime.of(2000, 1, 1, 0, 0);

    private RecordingDetection() {
    }

    /**
     * @param recordings one or two recordings, at most one per leg
     * @param psg        the PSG recorded at the same time, or null: its stages, arousals and
     *                   respiratory events are used, its scored leg movements are not
     */
    public static Result detect(List<LegRecording> recordings, PsgEvents psg) throws IOException, InputFormatException {
        if (recordings.isEmpty()) {
            throw new IllegalArgumentException("no recording given");
        }
        EnumSet<Leg> legs = EnumSet.noneOf(Leg.class);
        List<AccelRecording> opened = new ArrayList<>();
        for (LegRecording r : recordings) {
            if (!legs.add(r.leg())) {
                throw new IllegalArgumentException("two recordings for the " + r.leg().label() + " leg");
            }
            opened.add(AccelReaders.open(r.file()));
        }
        List<String> notes = new ArrayList<>();
        LocalDateTime zero = timeZero(recordings, opened, psg, notes);

        List<LegResult> results = new ArrayList<>();
        List<ActigraphySleepEstimator> estimators = new ArrayList<>();
        for (int i = 0; i < recordings.size(); i++) {
            ActigraphySleepEstimator estimator = psg == null ? new ActigraphySleepEstimator(
                    sleepConfig(detectorConfig(opened.get(i).info())), recordings.get(i).leg()) : null;
            estimators.add(estimator);
            results.add(detectLeg(recordings.get(i), opened.get(i), zero, estimator));
        }

        Hypnogram hypnogram;
        double windowFrom = Double.NEGATIVE_INFINITY;
        double windowTo = Double.POSITIVE_INFINITY;
        if (psg != null) {
            hypnogram = psg.night().hypnogram();
            int ignored = psg.night().legMovements().size();
            if (ignored > 0) {
                notes.add(ignored + " leg movements scored in the PSG export were set aside: the device's movements are scored");
            }
        } else {
            ActigraphySleep sleep;
            double offset;
            String from;
            if (results.size() == 2
                    && Math.abs(results.get(0).offsetSeconds() - results.get(1).offsetSeconds()) < SAME_START_SECONDS) {
                // Both ankles on one epoch grid: lying needs both shanks down, activity is the busier leg's.
                int l = results.get(0).leg() == Leg.LEFT ? 0 : 1;
                sleep = ActigraphySleepEstimator.bothLegs(estimators.get(l), estimators.get(1 - l));
                offset = results.get(l).offsetSeconds();
                from = "both ankles";
            } else {
                LegResult chosen = sleepSource(results);
                sleep = chosen.sleep();
                offset = chosen.offsetSeconds();
                from = "the " + chosen.leg().label() + " ankle";
            }
            hypnogram = shift(sleep.hypnogram(), offset);
            windowFrom = sleep.lightsOffSeconds() + offset;
            windowTo = sleep.lightsOnSeconds() + offset;
            notes.add(String.format(Locale.ROOT, "lights-off %s and lights-on %s estimated from %s%s",
                    clock(zero, windowFrom), clock(zero, windowTo), from,
                    sleep.lyingFound() ? "" : " (no lying period found: the whole recording is taken as time in bed)"));
        }

        List<LegMovement> movements = new ArrayList<>();
        int outside = 0;
        for (LegResult r : results) {
            for (LegMovement m : r.movements()) {
                // Rule 14: without a PSG, time in bed is lights-off to lights-on; movements made
                // while up and about are not part of the night.
                if (m.onsetSeconds() >= windowFrom && m.onsetSeconds() < windowTo) {
                    movements.add(m);
                } else {
                    outside++;
                }
            }
        }
        if (outside > 0) {
            notes.add(outside + " movements outside lights-off to lights-on were not scored");
        }
        Night night = new Night(zero, hypnogram, psg == null ? SleepSource.ACTIGRAPHY : SleepSource.PSG_HYPNOGRAM,
                legs, movements, psg == null ? List.<TimedEvent>of() : psg.night().arousals(),
                psg == null ? null : psg.night().respiratoryEvents());
        return new Result(night, results, notes);
    }

    private static LocalDateTime timeZero(List<LegRecording> recordings, List<AccelRecording> opened, PsgEvents psg,
                                          List<String> notes) throws InputFormatException {
        LocalDateTime earliest = null;
        int withoutStart = 0;
        for (int i = 0; i < opened.size(); i++) {
            Optional<LocalDateTime> start = opened.get(i).info().start();
            if (start.isEmpty()) {
                withoutStart++;
                if (psg != null || opened.size() > 1) {
                    throw InputFormatException.inFile(recordings.get(i).file(),
                            "the recording does not say when it started, so it cannot be put on one clock with "
                                    + (psg != null ? "the PSG" : "the other leg"),
                            "add a '# start: 2026-01-31T22:30:00' line above the header, or use a time column of "
                                    + "date-times");
                }
            } else if (earliest == null || start.get().isBefore(earliest)) {
                earliest = start.get();
            }
        }
        if (psg != null) {
            return psg.night().start();
        }
        if (withoutStart > 0) {
            notes.add("the recording does not say when it started: times are from its first sample");
            return UNKNOWN_START;
        }
        return earliest;
    }

    /** Recordings whose starts differ by less than this share one sleep/wake epoch grid. */
    private static final double SAME_START_SECONDS = 1.0;

    private static DetectorConfig detectorConfig(AccelRecordingInfo info) {
        return info.nominalRateHz().isPresent()
                && info.nominalRateHz().getAsDouble() >= 4 && info.nominalRateHz().getAsDouble() <= 2000
                ? DetectorConfig.DEFAULTS.withNominalRateHz(info.nominalRateHz().getAsDouble())
                : DetectorConfig.DEFAULTS;
    }

    private static SleepConfig sleepConfig(DetectorConfig detector) {
        SleepConfig d = SleepConfig.DEFAULTS;
        return new SleepConfig(d.epochSeconds(), d.shankAxis(), d.lyingMaxAxisG(), d.lyingJoinSeconds(),
                d.wakeThresholdSeconds(), d.rescoreAfterWakeEpochs(), d.rescoreSleepEpochs(), d.shortSleepEpochs(),
                d.shortSleepWakeEpochs(), d.discountPeriodic(), detector);
    }

    /** Streams one recording once: into the sleep estimator (which runs the detector) or the detector alone. */
    private static LegResult detectLeg(LegRecording rec, AccelRecording opened, LocalDateTime zero,
                                       ActigraphySleepEstimator estimator) throws IOException, InputFormatException {
        AccelRecordingInfo info = opened.info();
        double offset = info.start().map(s -> seconds(zero, s)).orElse(0.0);
        ReadReport report;
        List<LegMovement> raw;
        List<LegMovementCollector.Gap> gaps;
        ActigraphySleep sleep = null;
        if (estimator != null) {
            report = opened.stream(estimator);
            sleep = estimator.result();
            raw = sleep.movements();
            gaps = List.of();
        } else {
            LegMovementCollector collector = new LegMovementCollector(rec.leg());
            report = opened.stream(new LegMovementDetector(detectorConfig(info), collector));
            raw = collector.movements();
            gaps = collector.gaps();
        }
        List<LegMovement> shifted = new ArrayList<>(raw.size());
        for (LegMovement m : raw) {
            shifted.add(new LegMovement(rec.leg(), m.onsetSeconds() + offset, m.durationSeconds(), m.peakG()));
        }
        List<LegMovementCollector.Gap> shiftedGaps = new ArrayList<>(gaps.size());
        for (LegMovementCollector.Gap g : gaps) {
            shiftedGaps.add(new LegMovementCollector.Gap(g.fromSeconds() + offset, g.toSeconds() + offset));
        }
        return new LegResult(rec.leg(), info, report, offset, shifted, shiftedGaps, sleep);
    }

    /** The leg whose estimate found a lying period, the left one when both did. */
    private static LegResult sleepSource(List<LegResult> results) {
        for (LegResult r : results) {
            if (r.sleep().lyingFound() && r.leg() == Leg.LEFT) {
                return r;
            }
        }
        for (LegResult r : results) {
            if (r.sleep().lyingFound()) {
                return r;
            }
        }
        return results.get(0);
    }

    private static Hypnogram shift(Hypnogram h, double seconds) {
        if (seconds == 0) {
            return h;
        }
        List<Epoch> out = new ArrayList<>(h.epochs().size());
        for (Epoch e : h.epochs()) {
            out.add(new Epoch(e.onsetSeconds() + seconds, e.durationSeconds(), e.stage()));
        }
        return new Hypnogram(out);
    }

    static double seconds(LocalDateTime from, LocalDateTime to) {
        Duration d = Duration.between(from, to);
        return d.getSeconds() + d.getNano() / 1e9;
    }

    private static String clock(LocalDateTime zero, double seconds) {
        return zero.plusNanos(Math.round(seconds * 1e9)).toLocalTime().withNano(0).toString();
    }
}
