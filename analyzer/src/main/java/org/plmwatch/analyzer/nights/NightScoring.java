package org.plmwatch.analyzer.nights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.plmwatch.analyzer.detect.RecordingDetection;
import org.plmwatch.analyzer.io.EdfAnnotationsReader;
import org.plmwatch.analyzer.io.EventLabels;
import org.plmwatch.analyzer.io.PsgEvents;
import org.plmwatch.analyzer.io.PsgReaders;
import org.plmwatch.analyzer.report.NightQuality;
import org.plmwatch.analyzer.report.ScoredNight;
import org.plmwatch.core.io.InputFiles;
import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.core.model.Hypnogram;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.Night;
import org.plmwatch.core.model.SleepSource;
import org.plmwatch.core.scoring.RuleSet;
import org.plmwatch.core.scoring.Scorer;

/**
 * The one way a {@link NightInput} becomes scored nights: read the PSG export, or detect the
 * ankle recordings (with the PSG's stages and events when given), then score by the rule set.
 * Commands only parse arguments and render what this returns.
 */
public final class NightScoring {

    private NightScoring() {
    }

    /**
     * @return the scored nights of this input, in time order (one for a PSG export)
     */
    public static List<ScoredNight> score(NightInput input, RuleSet rules, EventLabels labels)
            throws IOException, InputFormatException {
        return input.hasRecordings() ? scoreRecordings(input, rules, labels) : List.of(scorePsg(input.psg(), rules, labels));
    }

    private static ScoredNight scorePsg(Path file, RuleSet rules, EventLabels labels)
            throws IOException, InputFormatException {
        PsgEvents read = readPsg(file, labels);
        boolean none = read.night().legMovements().isEmpty();
        return scored(NightInput.baseName(file), describe(file, read), read.night(), rules, read.ignoredEvents(),
                none ? List.of("no leg movements in this export: no leg-movement events were found, so no index is given")
                        : List.of(), 1, none, NightQuality.NONE);
    }

    /**
     * One night of a recordings input, detected and scored: what {@code score} prints, with the
     * detection detail (recording headers, time offsets, the night's own movements) that exports need.
     */
    public record DetectedNight(RecordingDetection.Result detection, ScoredNight scored) {
    }

    private static List<ScoredNight> scoreRecordings(NightInput input, RuleSet rules, EventLabels labels)
            throws IOException, InputFormatException {
        List<ScoredNight> out = new ArrayList<>();
        for (DetectedNight n : detectAndScore(input, rules, labels)) {
            out.add(n.scored());
        }
        return out;
    }

    /** Like {@link #score} for an input with recordings, keeping the detection detail of every night. */
    public static List<DetectedNight> detectAndScore(NightInput input, RuleSet rules, EventLabels labels)
            throws IOException, InputFormatException {
        if (!input.hasRecordings()) {
            throw new IllegalArgumentException("no recording given");
        }
        List<RecordingDetection.LegRecording> recs = legRecordings(input.left(), input.right());
        PsgEvents read = input.psg() == null ? null : readPsg(input.psg(), labels);
        List<RecordingDetection.Result> nights = RecordingDetection.detectNights(recs, read);
        StringBuilder source = new StringBuilder();
        for (RecordingDetection.LegRecording r : recs) {
            source.append(source.length() == 0 ? "" : ", ").append(r.leg().label()).append(' ')
                    .append(r.file().getFileName());
        }
        if (read != null) {
            source.append("; stages and events from ").append(describe(input.psg(), read));
        }
        List<DetectedNight> out = new ArrayList<>(nights.size());
        for (RecordingDetection.Result n : nights) {
            // Several nights of one recording get their number in the name, so CSV rows stay apart.
            String name = nights.size() > 1 ? input.name() + "-night" + n.number() : input.name();
            out.add(new DetectedNight(n, scored(name, source.toString(), n.night(), rules,
                    read == null ? Map.of() : read.ignoredEvents(), n.notes(), n.number(), false, n.quality())));
        }
        return out;
    }

    /**
     * Scores one night and says where it lies: lights-off and lights-on are the first and last
     * scored epoch's edges; time between them without an epoch was not recorded (or not scored).
     */
    static ScoredNight scored(String name, String source, Night night, RuleSet rules, Map<String, Integer> ignored,
                              List<String> notes, int number, boolean noLegMovements, NightQuality quality) {
        Hypnogram h = night.hypnogram();
        double from = h.isEmpty() ? 0 : h.startSeconds();
        double to = h.isEmpty() ? 0 : h.endSeconds();
        double notRecordedHours = Math.max(0, (to - from - h.tibSeconds()) / 3600);
        List<String> all = new ArrayList<>(notes);
        if (notRecordedHours >= 1.0 / 120) {
            all.add(String.format(Locale.ROOT, "not recorded: %.2f h between lights-off and lights-on %s and is left out "
                    + "of TIB and TST", notRecordedHours, night.sleepSource() == SleepSource.PSG_HYPNOGRAM
                            ? "has no scored epoch" : "had no samples or the device off the ankle"));
        }
        return new ScoredNight(name, source, new Scorer().score(night, rules), ignored, all, number,
                at(night.start(), from), at(night.start(), to), notRecordedHours < 1.0 / 120 ? 0 : notRecordedHours,
                noLegMovements, quality);
    }

    private static LocalDateTime at(LocalDateTime zero, double seconds) {
        return zero.plusNanos(Math.round(seconds * 1e9));
    }

    /** The recordings of an input, left first, each checked to be a readable file. */
    public static List<RecordingDetection.LegRecording> legRecordings(Path left, Path right)
            throws InputFormatException {
        List<RecordingDetection.LegRecording> recs = new ArrayList<>();
        if (left != null) {
            recs.add(new RecordingDetection.LegRecording(Leg.LEFT, existing(left)));
        }
        if (right != null) {
            recs.add(new RecordingDetection.LegRecording(Leg.RIGHT, existing(right)));
        }
        return recs;
    }

    public static PsgEvents readPsg(Path file, EventLabels labels) throws IOException, InputFormatException {
        return PsgReaders.read(existing(file), labels);
    }

    static Path existing(Path file) throws InputFormatException {
        // A directory, a FIFO, a device or an unreadable file each get their own reason (exit 3).
        return InputFiles.requireReadable(file);
    }

    /** One line saying what a PSG file is, e.g. {@code night1.txt (RemLogic event export)}. */
    public static String describe(Path file, PsgEvents read) {
        return file.getFileName() + " ("
                + (EdfAnnotationsReader.FORMAT.equals(read.format()) ? "EDF+ annotations" : "RemLogic event export") + ")";
    }
}
