package org.plmwatch.core.model;

import java.util.Objects;

/** One scored epoch of the hypnogram (30 s on a PSG; any length from actigraphy). */
public record Epoch(double onsetSeconds, double durationSeconds, Stage stage) {

    public Epoch {
        Objects.requireNonNull(stage, "stage");
        if (!Double.isFinite(onsetSeconds) || !(durationSeconds > 0) || !Double.isFinite(durationSeconds)) {
            throw new IllegalArgumentException(
                    "epoch needs a finite onset and a positive duration, was " + onsetSeconds + " / " + durationSeconds);
        }
    }

    public double offsetSeconds() {
        return onsetSeconds + durationSeconds;
    }
}
