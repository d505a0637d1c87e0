package org.plmwatch.core.model;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the scorer needs about one night. All times are seconds from {@link #start()}.
 *
 * @param start             local date-time of time zero
 * @param hypnogram         scored epochs (PSG) or the actigraphy sleep/wake estimate
 * @param sleepSource       which of the two the hypnogram is
 * @param legsRecorded      legs that had a sensor or an EMG channel; one leg means rule 4 has
 *                          nothing to merge
 * @param legMovements      monolateral movements as scored or detected, before rules 1 and 2
 * @param arousals          scored arousals (may be empty)
 * @param respiratoryEvents apneas and hypopneas; {@code null} when respiration was not scored, so
 *                          the "nr" indices are not computed, an empty list when scored and none
 *                          occurred
 */
public record Night(LocalDateTime start,
                    Hypnogram hypnogram,
                    SleepSource sleepSource,
                    Set<Leg> legsRecorded,
                    List<LegMovement> legMovements,
                    List<TimedEvent> arousals,
                    List<TimedEvent> respiratoryEvents) {

    public Night {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(hypnogram, "hypnogram");
        Objects.requireNonNull(sleepSource, "sleepSource");
        if (legsRecorded == null || legsRecorded.isEmpty()) {
            throw new IllegalArgumentException("at least one leg must be recorded");
        }
        legsRecorded = Set.copyOf(EnumSet.copyOf(legsRecorded));
        legMovements = sortedCopy(legMovements, Comparator.comparingDouble(LegMovement::onsetSeconds));
        arousals = sortedCopy(arousals, Comparator.comparingDouble(TimedEvent::onsetSeconds));
        respiratoryEvents = respiratoryEvents == null ? null
                : sortedCopy(respiratoryEvents, Comparator.comparingDouble(TimedEvent::onsetSeconds));
        for (LegMovement m : legMovements) {
            if (!legsRecorded.contains(m.leg())) {
                throw new IllegalArgumentException("movement on a leg that was not recorded: " + m);
            }
        }
    }

    private static <T> List<T> sortedCopy(List<T> in, Comparator<T> order) {
        List<T> copy = new ArrayList<>(in == null ? List.of() : in);
        copy.sort(order);
        return List.copyOf(copy);
    }

    public boolean respirationScored() {
        return respiratoryEvents != null;
    }

    public boolean bothLegs() {
        return legsRecorded.size() == 2;
    }
}
