package org.plmwatch.analyzer.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.plmwatch.core.model.Leg;

/**
 * What the recordings of one night say about themselves: who recorded (device ids, firmware),
 * where samples are missing, what was damaged, and the button presses of a device night file.
 * Times are seconds on the night's clock (the scoring result's time zero), like every event of
 * the night. Carried from detection to the reports so they show fields, not parsed notes.
 *
 * @param legs             one entry per recording, in the order given (empty for a PSG export)
 * @param marks            button presses on a device (lights off/on), in time order, at most
 *                         {@link #MAX_MARKS}
 * @param marksLeftOut     presses beyond {@link #MAX_MARKS}, counted only
 * @param movementsOutside movements detected in the recordings outside every scored night's
 *                         lights-off..on (one figure for the whole recording); -1 when unknown
 */
public record NightQuality(List<LegQuality> legs, List<Mark> marks, int marksLeftOut, long movementsOutside) {

    /** At most this many gaps per leg are kept with their times (the longest); the rest are counted. */
    public static final int MAX_GAPS = 500;
    public static final int MAX_MARKS = 1000;

    /** A night that came from no device recording (a PSG export): nothing to say. */
    public static final NightQuality NONE = new NightQuality(List.of(), List.of(), 0, -1);

    public NightQuality {
        legs = List.copyOf(legs);
        marks = List.copyOf(marks);
        if (marksLeftOut < 0) {
            throw new IllegalArgumentException("marksLeftOut must be >= 0, was " + marksLeftOut);
        }
    }

    /** A stretch of time with no samples. */
    public record Span(double fromSeconds, double toSeconds) {
        public Span {
            if (!(toSeconds >= fromSeconds)) {
                throw new IllegalArgumentException("a span ends after it starts: " + fromSeconds + ".." + toSeconds);
            }
        }

        public double seconds() {
            return toSeconds - fromSeconds;
        }
    }

    /**
     * A button press.
     *
     * @param leg   the leg of the device it was pressed on
     * @param label {@code lights off}, {@code lights on} or {@code button}
     */
    public record Mark(Leg leg, double seconds, String label) {
        public Mark {
            Objects.requireNonNull(leg, "leg");
            Objects.requireNonNull(label, "label");
        }
    }

    /**
     * One leg's recording over this night.
     *
     * @param file            the recording's file name
     * @param format          reader format, e.g. {@code plmwatch-night}
     * @param description     the reader's one line about the device or column layout (from the file)
     * @param metadata        header fields the file states (device id, firmware, sensor, ...)
     * @param spanHours       lights-off to lights-on of the night
     * @param recordedHours   the part of it with samples from this leg
     * @param gaps            the longest gaps inside the night (clipped to it), at most {@link #MAX_GAPS},
     *                        in time order
     * @param gapCount        every gap reported inside the night, kept or not
     * @param gapSeconds      their total length inside the night
     * @param samplesLost     gap time times the nominal rate: samples the device would have recorded
     * @param skippedBlocks   damaged blocks the reader left out (whole recording)
     * @param truncatedBytes  bytes cut off at the end of the file (whole recording)
     * @param restarts        times the device restarted (power loss) and went on recording into the
     *                        same file (whole recording; night files only)
     */
    public record LegQuality(Leg leg, String file, String format, String description, Map<String, String> metadata,
                             double spanHours, double recordedHours, List<Span> gaps, long gapCount,
                             double gapSeconds, long samplesLost, int skippedBlocks, long truncatedBytes,
                             int restarts) {
        public LegQuality {
            Objects.requireNonNull(leg, "leg");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(description, "description");
            metadata = Map.copyOf(new TreeMap<>(metadata));
            gaps = List.copyOf(gaps);
        }

        /** The device id the file states, or empty. */
        public String deviceId() {
            return metadata.getOrDefault("deviceId", "");
        }

        /** The firmware version the file states, or empty. */
        public String firmware() {
            return metadata.getOrDefault("firmwareVersion", "");
        }
    }
}
