package org.plmwatch.core.scoring;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.plmwatch.core.model.Epoch;
import org.plmwatch.core.model.Hypnogram;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.Night;
import org.plmwatch.core.model.SleepSource;
import org.plmwatch.core.model.Stage;
import org.plmwatch.core.model.TimedEvent;

/** Builds small nights for rule tests: by default one hour of N2 epochs and both legs. */
final class NightBuilder {
    private final List<Epoch> epochs = new ArrayList<>();
    private final List<LegMovement> movements = new ArrayList<>();
    private final List<TimedEvent> arousals = new ArrayList<>();
    private List<TimedEvent> respiratory;
    private EnumSet<Leg> legs = EnumSet.allOf(Leg.class);

    NightBuilder epochs(double from, int count, Stage stage) {
        for (int i = 0; i < count; i++) {
            epochs.add(new Epoch(from + 30.0 * i, 30.0, stage));
        }
        return this;
    }

    NightBuilder left(double onset, double duration) {
        movements.add(LegMovement.of(Leg.LEFT, onset, duration));
        return this;
    }

    NightBuilder right(double onset, double duration) {
        movements.add(LegMovement.of(Leg.RIGHT, onset, duration));
        return this;
    }

    /** Monolateral left movements of {@code duration} at every onset. */
    NightBuilder leftAt(double duration, double... onsets) {
        for (double t : onsets) {
            left(t, duration);
        }
        return this;
    }

    NightBuilder arousal(double onset, double duration) {
        arousals.add(new TimedEvent(onset, duration));
        return this;
    }

    NightBuilder apnea(double onset, double duration) {
        if (respiratory == null) {
            respiratory = new ArrayList<>();
        }
        respiratory.add(new TimedEvent(onset, duration));
        return this;
    }

    NightBuilder respirationScored() {
        if (respiratory == null) {
            respiratory = new ArrayList<>();
        }
        return this;
    }

    NightBuilder onlyLeft() {
        legs = EnumSet.of(Leg.LEFT);
        return this;
    }

    Night build() {
        List<Epoch> e = epochs.isEmpty() ? defaultEpochs() : epochs;
        return new Night(LocalDateTime.of(2026, 1, 1, 23, 0), new Hypnogram(e), SleepSource.PSG_HYPNOGRAM,
                legs, movements, arousals, respiratory);
    }

    private static List<Epoch> defaultEpochs() {
        List<Epoch> e = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            e.add(new Epoch(30.0 * i, 30.0, Stage.N2));
        }
        return e;
    }

    ScoreResult score() {
        return new Scorer().score(build(), RuleSet.WASM2016);
    }

    ScoreResult score(RuleSet rules) {
        return new Scorer().score(build(), rules);
    }
}
