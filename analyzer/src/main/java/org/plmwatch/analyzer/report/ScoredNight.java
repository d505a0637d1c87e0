package org.plmwatch.analyzer.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.plmwatch.core.scoring.ScoreResult;

/**
 * A scored night with what the reports say about where it came from.
 *
 * @param name          short name of the night (file name without extension)
 * @param source        what was read, e.g. {@code night1.txt (RemLogic export)}
 * @param result        the scoring result
 * @param ignoredEvents event labels the reader did not use, with their counts
 * @param sourceNotes   how the night was put together (detection, alignment, trimming); shown
 *                      with the scorer's own notes
 */
public record ScoredNight(String name, String source, ScoreResult result, Map<String, Integer> ignoredEvents,
                          List<String> sourceNotes) {

    public ScoredNight(String name, String source, ScoreResult result, Map<String, Integer> ignoredEvents) {
        this(name, source, result, ignoredEvents, List.of());
    }

    public ScoredNight {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(result, "result");
        ignoredEvents = Map.copyOf(new TreeMap<>(ignoredEvents));
        sourceNotes = List.copyOf(sourceNotes);
    }

    /** The source's notes, then the scorer's. */
    public List<String> allNotes() {
        List<String> all = new java.util.ArrayList<>(sourceNotes);
        all.addAll(result.notes());
        return all;
    }
}
