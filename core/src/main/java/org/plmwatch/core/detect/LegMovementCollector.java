package org.plmwatch.core.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;

/** A {@link MovementListener} that keeps the movements of one leg and the gaps, in time order. */
public final class LegMovementCollector implements MovementListener {

    /** Samples missing between two times. */
    public record Gap(double fromSeconds, double toSeconds) {
    }

    private final Leg leg;
    private final List<LegMovement> movements = new ArrayList<>();
    private final List<Gap> gaps = new ArrayList<>();

    public LegMovementCollector(Leg leg) {
        this.leg = Objects.requireNonNull(leg, "leg");
    }

    @Override
    public void movement(double onsetSeconds, double durationSeconds, double peakG) {
        movements.add(new LegMovement(leg, onsetSeconds, durationSeconds, peakG));
    }

    @Override
    public void gap(double fromSeconds, double toSeconds) {
        gaps.add(new Gap(fromSeconds, toSeconds));
    }

    public Leg leg() {
        return leg;
    }

    /** An immutable copy of the movements so far. */
    public List<LegMovement> movements() {
        return List.copyOf(movements);
    }

    public List<Gap> gaps() {
        return List.copyOf(gaps);
    }
}
