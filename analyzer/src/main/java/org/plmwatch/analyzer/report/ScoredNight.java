package org.plmwatch.analyzer.report;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.plmwatch.core.scoring.ScoreResult;

/**
 * A scored night with what the reports say about where it came from and where it lies in its
 * recording.
 *
 * @param name             short name of the night: the file name without extension, with
 *                         {@code -nightN} appended when a recording holds several nights (so CSV
 *                         tables of several nights stay apart in their {@code night} column)
 * @param source           what was read, e.g. {@code night1.txt (RemLogic export)}
 * @param result           the scoring result
 * @param ignoredEvents    event labels the reader did not use, with their counts
 * @param sourceNotes      how the night was put together (detection, alignment, trimming); shown
 *                         with the scorer's own notes
 * @param night            1-based number of this night within its recording (1 for a PSG export)
 * @param lightsOff        local date-time of lights-off (the first scored epoch)
 * @param lightsOn         local date-time of lights-on (the end of the last scored epoch)
 * @param notRecordedHours hours between lights-off and lights-on with no samples (gaps, device
 *                         off): excluded from TIB and TST
 * @param noLegMovements   true when the input held no leg-movement events at all (a PSG export
 *                         without leg channels scored): the indices are absent, not 0/h
 * @param quality          the recordings' devices, gaps, damage and button presses over this night
 *                         ({@link NightQuality#NONE} for a PSG export)
 */
public record ScoredNight(String name, String source, ScoreResult result, Map<String, Integer> ignoredEvents,
                          List<String> sourceNotes, int night, LocalDateTime lightsOff, LocalDateTime lightsOn,
                          double notRecordedHours, boolean noLegMovements, NightQuality quality) {

    /** A night without device detail (a PSG export, a generated night). */
    public ScoredNight(String name, String source, ScoreResult result, Map<String, Integer> ignoredEvents,
                       List<String> sourceNotes, int night, LocalDateTime lightsOff, LocalDateTime lightsOn,
                       double notRecordedHours, boolean noLegMovements) {
        this(name, source, result, ignoredEvents, sourceNotes, night, lightsOff, lightsOn, notRecordedHours,
                noLegMovements, NightQuality.NONE);
    }

    /** A single night whose scored time runs without holes from the result's time zero. */
    public ScoredNight(String name, String source, ScoreResult result, Map<String, Integer> ignoredEvents) {
        this(name, source, result, ignoredEvents, List.of());
    }

    /**
     * A single night whose lights-off and lights-on are the edges of the result's own hypnogram
     * (the result's time zero when it kept none).
     */
    public ScoredNight(String name, String source, ScoreResult result, Map<String, Integer> ignoredEvents,
                       List<String> sourceNotes) {
        this(name, source, result, ignoredEvents, sourceNotes, 1, edge(result, true), edge(result, false), 0, false);
    }

    private static LocalDateTime edge(ScoreResult result, boolean first) {
        if (result.hypnogram().isEmpty()) {
            return first ? result.start() : result.start().plusNanos(Math.round(result.tibHours() * 3600e9));
        }
        double seconds = first ? result.hypnogram().startSeconds() : result.hypnogram().endSeconds();
        return result.start().plusNanos(Math.round(seconds * 1e9));
    }

    /** The same night under another name and source (the demo names its nights after the seed). */
    public ScoredNight relabelled(String newName, String newSource) {
        return new ScoredNight(newName, newSource, result, ignoredEvents, sourceNotes, night, lightsOff, lightsOn,
                notRecordedHours, noLegMovements, quality);
    }

    public ScoredNight {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(lightsOff, "lightsOff");
        Objects.requireNonNull(lightsOn, "lightsOn");
        Objects.requireNonNull(quality, "quality");
        ignoredEvents = Map.copyOf(new TreeMap<>(ignoredEvents));
        sourceNotes = List.copyOf(sourceNotes);
        if (night < 1) {
            throw new IllegalArgumentException("night numbers start at 1, was " + night);
        }
        if (!(notRecordedHours >= 0)) {
            throw new IllegalArgumentException("notRecordedHours must be >= 0, was " + notRecordedHours);
        }
    }

    /** This night with the recordings' quality detail (device ids, gaps, presses). */
    public ScoredNight withQuality(NightQuality quality) {
        return new ScoredNight(name, source, result, ignoredEvents, sourceNotes, night, lightsOff, lightsOn,
                notRecordedHours, noLegMovements, quality);
    }

    /** The source's notes, then the scorer's. */
    public List<String> allNotes() {
        List<String> all = new java.util.ArrayList<>(sourceNotes);
        for (String note : result.notes()) {
            // Without any leg movement in the input, "CLMS index 0.0/h" would read as a measurement.
            if (!(noLegMovements && note.startsWith("periodicity index"))) {
                all.add(note);
            }
        }
        return all;
    }

    /**
     * False when too little sleep was scored for a clinical reading ({@link ScoreResult#interpretable()}):
     * indices are still given, the threshold reading is not.
     */
    public boolean interpretable() {
        return result.interpretable();
    }
}
