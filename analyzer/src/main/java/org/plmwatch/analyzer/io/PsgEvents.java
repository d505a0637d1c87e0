package org.plmwatch.analyzer.io;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.plmwatch.core.model.Night;

/**
 * A PSG event export, read.
 *
 * @param source        the file
 * @param format        {@code remlogic} or {@code edf+}
 * @param night         stages, leg movements, arousals and respiratory events
 * @param ignoredEvents event labels that mean nothing to the scorer, with how often each occurred;
 *                      every output lists them so a lab can see what was left out
 */
public record PsgEvents(Path source, String format, Night night, Map<String, Integer> ignoredEvents) {

    public PsgEvents {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(night, "night");
        ignoredEvents = Map.copyOf(new TreeMap<>(ignoredEvents));
    }
}
