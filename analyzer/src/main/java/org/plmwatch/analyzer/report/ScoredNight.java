package org.plmwatch.analyzer.report;

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
 */
public record ScoredNight(String name, String source, ScoreResult result, Map<String, Integer> ignoredEvents) {

    public ScoredNight {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(result, "result");
        ignoredEvents = Map.copyOf(new TreeMap<>(ignoredEvents));
    }
}
