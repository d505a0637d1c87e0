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

import org.plmwatch.analyzer.report.NightQuality;
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
import org.plmwatch.core.sleep.NightSplitConfig;
import org.plmwatch.core.sleep.NightSplitter;
import org.plmwatch.core.sleep.SleepConfig;

/**
 * Turns ankle recordings (one per leg) into scorable {@link Night}s: streams each file once
 * through the core detector, puts every leg on one clock, and takes sleep/wake from the PSG when
 * one is given (one night: the PSG's), else from the actigraphy estimate, which cuts the recording
 * into its nights ({@link NightSplitter}). Each recording is read in one streaming pass that keeps
 * only the lying period in progress and the finished nights, so a week of 100 Hz data needs no
 * more memory than its nights' movements. Inputs that cannot belong together (the same file for
 * both legs, a file recorded on the other leg, recordings or a PSG that do not overlap) are
 * refused with {@link InputFormatException}.
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
     * What reading one leg found.
     *
     * @param offsetSeconds  where the recording's time zero lies on the shared clock
     * @param movementCount  leg movements detected over the whole recording
     */
    public record LegResult(Leg leg, AccelRecordingInfo info, ReadReport report, double offsetSeconds,
                            long movementCount) {
    }

    /**
     * One night.
     *
     * @param night  the night to score
     * @param number 1-based number of the night within the recording
     * @param legs   per-leg detail, in the order given (the same for every night of a recording)
     * @param notes  sentences for every output: how the night was put together
     * @param quality per-leg gaps, recorded hours, damage and device ids, and the button presses
     *                near this night, on the night's clock (for the reports)
     */
    public record Result(Night night, int number, List<LegResult> legs, List<String> notes, NightQuality quality) {
        public Result {
            legs = List.copyOf(legs);
            notes = List.copyOf(notes);
            Objects.requireNonNull(quality, "quality");
        }

        public Result(Night night, int number, List<LegResult> legs, List<String> notes) {
            this(night, number, legs, notes, NightQuality.NONE);
        }
    }

    /** Button presses this long before lights-off or after lights-on still belong to the night. */
    static final double MARK_MARGIN_SECONDS = 2 * 3600;

    /** Used as time zero when no recording says when it started (and no PSG is given). */
    static final LocalDateTime UNKNOWN_START = LocalDateTime.of(2000, 1, 1, 0, 0);

    private RecordingDetection() {
    }

    /**
     * One night: with a PSG, the PSG's night; without one, the night with the most time in bed
     * (callers that want every night use {@link #detectNights}).
     */
    public static Result detect(List<LegRecording> recordings, PsgEvents psg) throws IOException, InputFormatException {
        Result main = null;
        for (Result r : detectNights(recordings, psg)) {
            if (main == null || r.night().hypnogram().tibSeconds() > main.night().hypnogram().tibSeconds()) {
                main = r;
            }
        }
        return main;
    }

    /**
     * @param recordings one or two recordings, at most one per leg
     * @param psg        the PSG recorded at the same time, or null: its stages, arousals and
     *                   respiratory events are used, its scored leg movements are not
     * @return the nights in time order: exactly one with a PSG, every night of the recording
     *         without one
     * @throws InputFormatException for a bad file, for inputs that do not belong together, or when
     *                              a recording of more than a day has no lying period at all
     */
    public static List<Result> detectNights(List<LegRecording> recordings, PsgEvents psg)
            throws IOException, InputFormatException {
        if (recordings.isEmpty()) {
            throw new IllegalArgumentException("no recording given");
        }
        if (recordings.size() == 2) {
            InputIdentity.requireDifferent(recordings.get(0).file(), recordings.get(1).file());
        }
        EnumSet<Leg> legs = EnumSet.noneOf(Leg.class);
        List<AccelRecording> opened = new ArrayList<>();
        for (LegRecording r : recordings) {
            if (!legs.add(r.leg())) {
                throw new IllegalArgumentException("two recordings for the " + r.leg().label() + " leg");
            }
            AccelRecording rec = AccelReaders.open(r.file());
            Optional<Leg> said = rec.info().leg();
            if (said.isPresent() && said.get() != r.leg()) {
                throw InputFormatException.inFile(r.file(), "this recording was made on the " + said.get().label()
                        + " leg but was given as --" + r.leg().label(), "give it as --" + said.get().label());
            }
            opened.add(rec);
        }
        List<String> notes = new ArrayList<>();
        LocalDateTime zero = timeZero(recordings, opened, psg, notes);
        return psg != null ? List.of(withPsg(recordings, opened, psg, zero, notes))
                : actigraphy(recordings, opened, zero, notes);
    }

    private static Result withPsg(List<LegRecording> recordings, List<AccelRecording> opened, PsgEvents psg,
                                  LocalDateTime zero, List<String> notes) throws IOException, InputFormatException {
        Hypnogram hypnogram = psg.night().hypnogram();
        double from = hypnogram.isEmpty() ? 0 : hypnogram.startSeconds();
        double to = hypnogram.isEmpty() ? 0 : hypnogram.endSeconds();
        // What the PSG covers: its epochs and every event it scored. A longer recording's movements
        // outside it (the days around a one-night PSG) are not part of that night.
        double coverFrom = from;
        double coverTo = to;
        for (LegMovement m : psg.night().legMovements()) {
            coverFrom = Math.min(coverFrom, m.onsetSeconds());
            coverTo = Math.max(coverTo, m.offsetSeconds());
        }
        List<TimedEvent> events = new ArrayList<>(psg.night().arousals());
        if (psg.night().respiratoryEvents() != null) {
            events.addAll(psg.night().respiratoryEvents());
        }
        for (TimedEvent e : events) {
            coverFrom = Math.min(coverFrom, e.onsetSeconds());
            coverTo = Math.max(coverTo, e.onsetSeconds() + e.durationSeconds());
        }
        int outside = 0;
        List<LegResult> results = new ArrayList<>();
        List<LegMovement> movements = new ArrayList<>();
        List<List<LegMovementCollector.Gap>> unrecorded = new ArrayList<>();
        List<GapLog> logs = new ArrayList<>();
        for (int i = 0; i < recordings.size(); i++) {
            LegRecording rec = recordings.get(i);
            AccelRecordingInfo info = opened.get(i).info();
            double offset = info.start().map(s -> seconds(zero, s)).orElse(0.0);
            LegMovementCollector collector = new LegMovementCollector(rec.leg());
            GapLog log = new GapLog(new LegMovementDetector(detectorConfig(info), collector));
            logs.add(log);
            ReadReport report = opened.get(i).stream(log);
            LegResult r = new LegResult(rec.leg(), info, report, offset, collector.movements().size());
            results.add(r);
            if (report.sampleCount() == 0 || !(report.firstSampleSeconds() + offset < to)
                    || !(report.lastSampleSeconds() + offset > from)) {
                throw InputFormatException.inFile(rec.file(), "the recording (" + span(zero, r) + ") does not overlap "
                        + "the PSG's scored night (" + clockDate(zero, from) + " to " + clockDate(zero, to) + ")",
                        "give the PSG export recorded the same night as this recording");
            }
            for (LegMovement m : collector.movements()) {
                // Inside what the PSG covers all of them, as the PSG's own would be (outside its epochs: wake, rule 13).
                double onset = m.onsetSeconds() + offset;
                if (onset >= coverFrom && onset < coverTo) {
                    movements.add(new LegMovement(rec.leg(), onset, m.durationSeconds(), m.peakG()));
                } else {
                    outside++;
                }
            }
            List<LegMovementCollector.Gap> missing = new ArrayList<>();
            missing.add(new LegMovementCollector.Gap(Double.NEGATIVE_INFINITY, report.firstSampleSeconds() + offset));
            for (LegMovementCollector.Gap g : collector.gaps()) {
                missing.add(new LegMovementCollector.Gap(g.fromSeconds() + offset, g.toSeconds() + offset));
            }
            missing.add(new LegMovementCollector.Gap(report.lastSampleSeconds() + offset, Double.POSITIVE_INFINITY));
            unrecorded.add(missing);
        }
        requireOverlap(recordings, results, zero);
        if (outside > 0) {
            notes.add(outside + " movements before or after the PSG's recording were not scored");
        }
        Hypnogram recorded = recordedEpochs(hypnogram, unrecorded);
        if (recorded.epochs().size() < hypnogram.epochs().size()) {
            notes.add(String.format(Locale.ROOT, "%.2f h of the PSG's scored epochs had no device samples: left out of "
                    + "TIB and TST, since no movement could be detected there",
                    (hypnogram.tibSeconds() - recorded.tibSeconds()) / 3600));
            hypnogram = recorded;
        }
        int ignored = psg.night().legMovements().size();
        if (ignored > 0) {
            notes.add(ignored + " leg movements scored in the PSG export were set aside: the device's movements are scored");
        }
        Night night = new Night(zero, hypnogram, SleepSource.PSG_HYPNOGRAM, EnumSet.copyOf(
                recordings.stream().map(LegRecording::leg).toList()), movements, psg.night().arousals(),
                psg.night().respiratoryEvents());
        return new Result(night, 1, results, notes,
                quality(results, logs, deviceStatuses(opened), from, to, outside));
    }

    /**
     * The PSG epochs every leg recorded: an epoch more than half of which lies in one leg's gap (or
     * before its first or after its last sample) is dropped. Both lists are in time order.
     */
    private static Hypnogram recordedEpochs(Hypnogram h, List<List<LegMovementCollector.Gap>> unrecorded) {
        List<Epoch> kept = new ArrayList<>(h.epochs().size());
        int[] next = new int[unrecorded.size()];
        for (Epoch e : h.epochs()) {
            boolean ok = true;
            for (int l = 0; l < unrecorded.size(); l++) {
                List<LegMovementCollector.Gap> gaps = unrecorded.get(l);
                while (next[l] < gaps.size() && gaps.get(next[l]).toSeconds() <= e.onsetSeconds()) {
                    next[l]++;
                }
                double missing = 0;
                for (int k = next[l]; k < gaps.size() && gaps.get(k).fromSeconds() < e.offsetSeconds(); k++) {
                    missing += Math.max(0, Math.min(e.offsetSeconds(), gaps.get(k).toSeconds())
                            - Math.max(e.onsetSeconds(), gaps.get(k).fromSeconds()));
                }
                ok &= missing <= e.durationSeconds() / 2;
            }
            if (ok) {
                kept.add(e);
            }
        }
        return kept.size() == h.epochs().size() ? h : new Hypnogram(kept);
    }

    private static List<Result> actigraphy(List<LegRecording> recordings, List<AccelRecording> opened,
                                           LocalDateTime zero, List<String> notes)
            throws IOException, InputFormatException {
        List<LegResult> results = new ArrayList<>();
        List<NightSplitter> splitters = new ArrayList<>();
        List<GapLog> logs = new ArrayList<>();
        for (int i = 0; i < recordings.size(); i++) {
            LegRecording rec = recordings.get(i);
            AccelRecordingInfo info = opened.get(i).info();
            double offset = info.start().map(s -> seconds(zero, s)).orElse(0.0);
            NightSplitter splitter = new NightSplitter(sleepConfig(detectorConfig(info)), NightSplitConfig.DEFAULTS,
                    rec.leg(), offset);
            GapLog log = new GapLog(splitter);
            logs.add(log);
            ReadReport report = opened.get(i).stream(log);
            splitter.end();
            splitters.add(splitter);
            results.add(new LegResult(rec.leg(), info, report, offset, splitter.movementCount()));
        }
        requireOverlap(recordings, results, zero);
        List<ActigraphySleep> sleeps = NightSplitter.nights(splitters);
        if (sleeps.isEmpty()) {
            LegResult r = results.get(0);
            throw InputFormatException.inFile(recordings.get(0).file(), "no night found in this recording ("
                    + span(zero, r) + "): the shank never lay down for long and the recording is longer than a "
                    + "day, so it cannot be taken whole as one night",
                    "strap the device with its x axis along the shank, or cut the recording to one night");
        }
        String from = recordings.size() == 2 ? "both ankles" : "the " + recordings.get(0).leg().label() + " ankle";
        EnumSet<Leg> legs = EnumSet.copyOf(recordings.stream().map(LegRecording::leg).toList());
        long total = 0;
        for (LegResult r : results) {
            total += r.movementCount();
        }
        long inNights = 0;
        for (ActigraphySleep s : sleeps) {
            inNights += s.movements().size();
        }
        List<DeviceStatus> statuses = deviceStatuses(opened);
        List<Result> out = new ArrayList<>();
        for (int k = 0; k < sleeps.size(); k++) {
            ActigraphySleep sleep = sleeps.get(k);
            List<String> n = new ArrayList<>(notes);
            n.add(String.format(Locale.ROOT, "lights-off %s and lights-on %s estimated from %s%s",
                    clockDate(zero, sleep.lightsOffSeconds()), clockDate(zero, sleep.lightsOnSeconds()), from,
                    !sleep.lyingFound() ? " (no lying period found: the whole recording is taken as time in bed)"
                            : sleep.shorterThanNight() ? String.format(Locale.ROOT, " (the longest lying period, "
                                    + "shorter than a night of %.0f h: no night of that length was found)",
                                    NightSplitConfig.DEFAULTS.minNightSeconds() / 3600) : ""));
            if (sleeps.size() > 1) {
                n.add("night " + (k + 1) + " of " + sleeps.size() + " in this recording");
            }
            if (sleep.offAnkleSeconds() > 0) {
                n.add(String.format(Locale.ROOT, "%.2f h with no leg movement at all for %.0f min or more taken as the "
                        + "device off the ankle: not recorded", sleep.offAnkleSeconds() / 3600,
                        NightSplitConfig.DEFAULTS.offAnkleStillSeconds() / 60));
            }
            if (k == 0 && total > inNights) {
                n.add((total - inNights) + " movements outside lights-off to lights-on of "
                        + (sleeps.size() > 1 ? "the nights" : "the night") + " were not scored");
            }
            Night night = new Night(zero, sleep.hypnogram(), SleepSource.ACTIGRAPHY, legs, sleep.movements(),
                    List.<TimedEvent>of(), null);
            out.add(new Result(night, k + 1, results, n, quality(results, logs, statuses, sleep.lightsOffSeconds(),
                    sleep.lightsOnSeconds(), total - inNights)));
        }
        return out;
    }

    /** The status blocks of each device night file (null for other formats). */
    private static List<DeviceStatus> deviceStatuses(List<AccelRecording> opened) throws InputFormatException {
        List<DeviceStatus> out = new ArrayList<>();
        for (AccelRecording r : opened) {
            out.add("plmwatch-night".equals(r.info().format()) ? DeviceStatus.read(r.info().file()) : null);
        }
        return out;
    }

    /**
     * What each leg recorded between lights-off {@code from} and lights-on {@code to} (shared
     * clock), and the button presses near that night.
     */
    private static NightQuality quality(List<LegResult> results, List<GapLog> logs, List<DeviceStatus> statuses,
                                        double from, double to, long outside) {
        List<NightQuality.LegQuality> legs = new ArrayList<>();
        List<NightQuality.Mark> marks = new ArrayList<>();
        int marksLeftOut = 0;
        for (int i = 0; i < results.size(); i++) {
            LegResult r = results.get(i);
            double offset = r.offsetSeconds();
            GapLog.Inside in = logs.get(i).inside(from - offset, to - offset);
            List<NightQuality.Span> gaps = new ArrayList<>(in.gaps().size());
            for (NightQuality.Span g : in.gaps()) {
                gaps.add(new NightQuality.Span(g.fromSeconds() + offset, g.toSeconds() + offset));
            }
            ReadReport report = r.report();
            double covered = report.sampleCount() == 0 ? 0 : Math.max(0,
                    Math.min(to, report.lastSampleSeconds() + offset) - Math.max(from, report.firstSampleSeconds() + offset));
            double recorded = Math.max(0, covered - in.seconds());
            double rate = r.info().nominalRateHz().orElse(report.meanRateHz());
            long lost = Double.isFinite(rate) && rate > 0 ? Math.round(in.seconds() * rate) : 0;
            DeviceStatus status = statuses.get(i);
            legs.add(new NightQuality.LegQuality(r.leg(), r.info().file().getFileName().toString(), r.info().format(),
                    r.info().description(), r.info().metadata(), Math.max(0, to - from) / 3600, recorded / 3600, gaps,
                    in.count(), in.seconds(), lost, report.skippedBlocks().size(), report.truncatedBytes(),
                    status == null ? 0 : status.restarts()));
            if (status != null) {
                marksLeftOut += status.marksLeftOut();
                for (DeviceStatus.Press p : status.marks()) {
                    double t = p.timeSeconds() + offset;
                    if (t >= from - MARK_MARGIN_SECONDS && t <= to + MARK_MARGIN_SECONDS) {
                        marks.add(new NightQuality.Mark(r.leg(), t, p.label()));
                    }
                }
            }
        }
        marks.sort(java.util.Comparator.comparingDouble(NightQuality.Mark::seconds));
        return new NightQuality(legs, marks, marksLeftOut, outside);
    }

    /** Two legs must have been recorded at the same time. */
    private static void requireOverlap(List<LegRecording> recordings, List<LegResult> results, LocalDateTime zero)
            throws InputFormatException {
        if (results.size() < 2) {
            return;
        }
        LegResult a = results.get(0);
        LegResult b = results.get(1);
        double a0 = a.report().firstSampleSeconds() + a.offsetSeconds();
        double a1 = a.report().lastSampleSeconds() + a.offsetSeconds();
        double b0 = b.report().firstSampleSeconds() + b.offsetSeconds();
        double b1 = b.report().lastSampleSeconds() + b.offsetSeconds();
        if (a.report().sampleCount() == 0 || b.report().sampleCount() == 0 || !(a0 < b1 && b0 < a1)) {
            throw InputFormatException.inFile(recordings.get(1).file(), "the " + b.leg().label() + " recording ("
                    + span(zero, b) + ") does not overlap the " + a.leg().label() + " recording "
                    + recordings.get(0).file().getFileName() + " (" + span(zero, a) + ")",
                    "give two recordings made at the same time, one on each leg");
        }
    }

    private static String span(LocalDateTime zero, LegResult r) {
        if (r.report().sampleCount() == 0) {
            return "no samples";
        }
        return clockDate(zero, r.report().firstSampleSeconds() + r.offsetSeconds()) + " to "
                + clockDate(zero, r.report().lastSampleSeconds() + r.offsetSeconds());
    }

    private static final java.time.format.DateTimeFormatter CLOCK =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    static String clockDate(LocalDateTime zero, double seconds) {
        if (!Double.isFinite(seconds) || Math.abs(seconds) > 1e11) {
            return "?";
        }
        return CLOCK.format(zero.plusNanos(Math.round(seconds * 1e9)));
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

    /** The detector for a recording: its sensor's floors (a plmwatch night names its chip), its rate. */
    static DetectorConfig detectorConfig(AccelRecordingInfo info) {
        DetectorConfig chip = info.format().equals("plmwatch-night")
                ? DetectorConfig.forSensor(info.metadata().get("sensor")) : DetectorConfig.DEFAULTS;
        return info.nominalRateHz().isPresent()
                && info.nominalRateHz().getAsDouble() >= 4 && info.nominalRateHz().getAsDouble() <= 2000
                ? chip.withNominalRateHz(info.nominalRateHz().getAsDouble())
                : chip;
    }

    private static SleepConfig sleepConfig(DetectorConfig detector) {
        SleepConfig d = SleepConfig.DEFAULTS;
        return new SleepConfig(d.epochSeconds(), d.shankAxis(), d.lyingMaxAxisG(), d.lyingJoinSeconds(),
                d.wakeThresholdSeconds(), d.rescoreAfterWakeEpochs(), d.rescoreSleepEpochs(), d.shortSleepEpochs(),
                d.shortSleepWakeEpochs(), d.discountPeriodic(), detector);
    }

    static double seconds(LocalDateTime from, LocalDateTime to) {
        Duration d = Duration.between(from, to);
        return d.getSeconds() + d.getNano() / 1e9;
    }

}
