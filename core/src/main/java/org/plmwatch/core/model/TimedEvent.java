package org.plmwatch.core.model;

/** An interval event from the PSG: an arousal or a respiratory event (apnea, hypopnea). */
public record TimedEvent(double onsetSeconds, double durationSeconds) {

    public TimedEvent {
        if (!Double.isFinite(onsetSeconds) || !(durationSeconds >= 0) || !Double.isFinite(durationSeconds)) {
            throw new IllegalArgumentException(
                    "event needs a finite onset and a duration >= 0, was " + onsetSeconds + " / " + durationSeconds);
        }
    }

    public double offsetSeconds() {
        return onsetSeconds + durationSeconds;
    }
}
