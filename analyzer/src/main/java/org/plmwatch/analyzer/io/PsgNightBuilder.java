package org.plmwatch.analyzer.io;

import org.plmwatch.core.io.InputFormatException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.plmwatch.core.model.Epoch;
import org.plmwatch.core.model.Hypnogram;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.Night;
import org.plmwatch.core.model.SleepSource;
import org.plmwatch.core.model.Stage;
import org.plmwatch.core.model.TimedEvent;

/**
 * Collects the events of one PSG export, timed in nanoseconds from a reader-chosen reference
 * date-time, and turns them into a {@link Night} whose time zero is the onset of the first scored
 * epoch. Events before that epoch (lights-off notes, a movement scored a few seconds early) keep a
 * negative onset rather than moving time zero: docs/SCORING.md defines {@code start} as the first
 * scored epoch, and moving it would shift the hypnogram away from whole epochs.
 */
final class PsgNightBuilder {

    static final double EPOCH_SECONDS = 30.0;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /**
     * Exports round epoch starts to the millisecond and {@link Hypnogram} allows 1 ms of overlap;
     * a little less here so an export this check passes never fails there on rounding.
     */
    private static final long OVERLAP_SLACK_NANOS = 900_000L;
    /**
     * The longest PSG this reads: a night with an evening before and a morning after fits twice
     * over; a longer span is a damaged export or days of recording in one file, and taking it
     * would make every later stage allocate in proportion to a duration nobody recorded.
     */
    static final double LONGEST_NIGHT_SECONDS = 48 * 3600.0;
    /**
     * The longest stage row taken as one epoch. Epochs are 30 s (20 s in old exports); a longer
     * row that is not a whole number of 30-s epochs is no epoch at all.
     */
    static final double LONGEST_EPOCH_SECONDS = 60.0;
    /**
     * More events than this in one export is not a night: 48 h of 30-s epochs plus an event
     * every second. Bounds the memory a file can make the reader hold (~100 bytes per event).
     */
    static final int MOST_EVENTS = 5_760 + 172_800;

    private record StageRow(long onsetNanos, long durationNanos, Stage stage, long position) {
    }

    private record Interval(long onsetNanos, double durationSeconds) {
    }

    private record Movement(Leg leg, long onsetNanos, double durationSeconds) {
    }

    private final Path file;
    private final EventLabels labels;
    private final boolean byteOffsets;
    private final String legFix;
    private final Map<String, EventLabels.Meaning> meanings = new HashMap<>();
    private final List<StageRow> stages = new ArrayList<>();
    private final List<Movement> movements = new ArrayList<>();
    private final List<Interval> arousals = new ArrayList<>();
    private final List<Interval> respiratory = new ArrayList<>();
    private final Map<String, Integer> ignored = new TreeMap<>();
    private final Map<String, Integer> labelsSeen = new LinkedHashMap<>();
    private int events;
    private double stageSeconds;
    private long firstOnsetNanos = Long.MAX_VALUE;
    private long firstPosition;
    private double lastEndSeconds = Double.NEGATIVE_INFINITY;

    /**
     * @param byteOffsets true when positions are byte offsets (EDF+), false for 1-based lines
     * @param legFix      how to fix a leg movement whose leg cannot be told
     */
    PsgNightBuilder(Path file, EventLabels labels, boolean byteOffsets, String legFix) {
        this.file = file;
        this.labels = labels;
        this.byteOffsets = byteOffsets;
        this.legFix = legFix;
    }

    InputFormatException error(long position, String what, String fix) {
        return byteOffsets ? InputFormatException.atByte(file, position, what, fix)
                : InputFormatException.atLine(file, position, what, fix);
    }

    EventLabels.Meaning classify(String label) {
        return meanings.computeIfAbsent(label, labels::classify);
    }

    /**
     * Routes one event by its label.
     *
     * @param durationSeconds the duration, or NaN when the export gave none
     * @param legText         a location or channel text that may name the leg; null if none
     * @param position        line or byte offset, for errors
     */
    void add(String label, long onsetNanos, double durationSeconds, String legText, long position)
            throws InputFormatException {
        checkBounds(onsetNanos, durationSeconds, position);
        labelsSeen.merge(label, 1, Integer::sum);
        EventLabels.Meaning meaning = classify(label);
        switch (meaning.kind()) {
            case STAGE -> addStage(label, meaning.stage(), onsetNanos, durationSeconds, position);
            case LEG_MOVEMENT -> {
                Leg leg = meaning.leg();
                if (leg == null) {
                    leg = EventLabels.legFromText(legText);
                }
                if (leg == null) {
                    leg = EventLabels.legFromText(label);
                }
                if (leg == null) {
                    throw error(position, "cannot tell the leg of leg movement '" + label + "'"
                            + (legText == null ? "" : " (location '" + legText + "' names no single leg)"), legFix);
                }
                movements.add(new Movement(leg, onsetNanos, orZero(durationSeconds)));
            }
            case AROUSAL -> arousals.add(new Interval(onsetNanos, orZero(durationSeconds)));
            case RESPIRATORY -> respiratory.add(new Interval(onsetNanos, orZero(durationSeconds)));
            case UNKNOWN -> ignored.merge(label, 1, Integer::sum);
        }
    }

    /** The count and time-span limits, checked before anything is stored for the event. */
    private void checkBounds(long onsetNanos, double durationSeconds, long position) throws InputFormatException {
        if (++events > MOST_EVENTS) {
            throw error(position, "more than " + MOST_EVENTS + " events: more than one night's PSG export "
                    + "holds (48 h of 30-s epochs and an event every second)", "export one night per file");
        }
        if (onsetNanos < firstOnsetNanos) {
            firstOnsetNanos = onsetNanos;
            firstPosition = position;
        }
        double end = onsetNanos / (double) NANOS_PER_SECOND + orZero(durationSeconds);
        lastEndSeconds = Math.max(lastEndSeconds, end);
        double span = lastEndSeconds - firstOnsetNanos / (double) NANOS_PER_SECOND;
        if (span > LONGEST_NIGHT_SECONDS) {
            throw error(position, String.format(java.util.Locale.ROOT, "the export spans %.2f h from the event at %s "
                            + "%d to this one: a PSG export of one night covers at most 48 h", span / 3600,
                            byteOffsets ? "byte" : "line", firstPosition),
                    "check this event's time and duration; export one night per file");
        }
    }

    private static double orZero(double durationSeconds) {
        return Double.isNaN(durationSeconds) ? 0 : durationSeconds;
    }

    private void addStage(String label, Stage stage, long onsetNanos, double durationSeconds, long position)
            throws InputFormatException {
        double d = Double.isNaN(durationSeconds) ? EPOCH_SECONDS : durationSeconds;
        if (!(d > 0)) {
            throw error(position, "sleep stage '" + label + "' has duration " + durationSeconds
                    + " s; an epoch needs a positive duration", "give the epoch its length (normally 30 s)");
        }
        // Some exports (Sleep-EDF hypnograms) give one row per run of equal stages: split it so
        // every epoch is 30 s as rule 13 expects.
        long epochs = Math.round(d / EPOCH_SECONDS);
        boolean run = epochs >= 2 && Math.abs(d - epochs * EPOCH_SECONDS) < 1e-3;
        if (!run && d > LONGEST_EPOCH_SECONDS) {
            throw error(position, String.format(java.util.Locale.ROOT, "sleep stage '%s' lasts %.3f s: neither one "
                            + "epoch (at most %.0f s) nor a whole number of 30-s epochs", label, d, LONGEST_EPOCH_SECONDS),
                    "give the epoch its length (normally 30 s), or one row per run of whole 30-s epochs");
        }
        // Epochs do not overlap, so together they last no longer than the night: checked before
        // a run is split, so a row cannot make the reader allocate epochs for time it claims.
        stageSeconds += d;
        if (stageSeconds > LONGEST_NIGHT_SECONDS + EPOCH_SECONDS) {
            throw error(position, String.format(java.util.Locale.ROOT, "the sleep-stage rows up to this one add "
                            + "up to %.1f h: more than the 48 h a night's PSG covers, so epochs overlap or "
                            + "durations are wrong", stageSeconds / 3600),
                    "export each epoch once, with its length (normally 30 s)");
        }
        if (run) {
            long step = (long) (EPOCH_SECONDS * NANOS_PER_SECOND);
            for (long i = 0; i < epochs; i++) {
                stages.add(new StageRow(onsetNanos + i * step, step, stage, position));
            }
        } else {
            stages.add(new StageRow(onsetNanos, Math.round(d * NANOS_PER_SECOND), stage, position));
        }
    }

    boolean hasRespiratoryEvents() {
        return !respiratory.isEmpty();
    }

    /**
     * @param reference           the date-time all onsets were counted from
     * @param respirationListed   the export's list of included events names a respiratory label
     * @param stageFix            how to fix an export without sleep stages
     */
    Night build(LocalDateTime reference, boolean respirationListed, String stageFix) throws InputFormatException {
        if (stages.isEmpty()) {
            String seen = labelsSeen.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(8)
                    .map(e -> e.getKey() + " (" + e.getValue() + ")")
                    .collect(Collectors.joining(", "));
            throw InputFormatException.inFile(file, "no sleep-stage rows at all"
                    + (seen.isEmpty() ? " (no events either)" : "; labels found: " + seen), stageFix);
        }
        stages.sort(Comparator.comparingLong(StageRow::onsetNanos));
        for (int i = 1; i < stages.size(); i++) {
            StageRow prev = stages.get(i - 1);
            StageRow cur = stages.get(i);
            if (cur.onsetNanos() < prev.onsetNanos() + prev.durationNanos() - OVERLAP_SLACK_NANOS) {
                throw error(cur.position(), "sleep-stage epoch overlaps the epoch scored at "
                                + (byteOffsets ? "byte " : "line ") + prev.position(),
                        "export each epoch once (one hypnogram, 30-s epochs)");
            }
        }
        long zero = stages.get(0).onsetNanos();
        List<Epoch> epochs = new ArrayList<>(stages.size());
        for (StageRow s : stages) {
            epochs.add(new Epoch(seconds(s.onsetNanos() - zero), seconds(s.durationNanos()), s.stage()));
        }
        List<LegMovement> lms = new ArrayList<>(movements.size());
        for (Movement m : movements) {
            lms.add(LegMovement.of(m.leg(), seconds(m.onsetNanos() - zero), m.durationSeconds()));
        }
        boolean scored = respirationListed || !respiratory.isEmpty();
        return new Night(reference.plusNanos(zero), new Hypnogram(epochs), SleepSource.PSG_HYPNOGRAM,
                EnumSet.allOf(Leg.class), lms, timed(arousals, zero), scored ? timed(respiratory, zero) : null);
    }

    Map<String, Integer> ignoredEvents() {
        return ignored;
    }

    private static List<TimedEvent> timed(List<Interval> in, long zero) {
        List<TimedEvent> out = new ArrayList<>(in.size());
        for (Interval i : in) {
            out.add(new TimedEvent(seconds(i.onsetNanos() - zero), i.durationSeconds()));
        }
        return out;
    }

    private static double seconds(long nanos) {
        return nanos / (double) NANOS_PER_SECOND;
    }
}
