package org.plmwatch.sim.synth;

/**
 * What a synthetic night stresses, one class per row group of the detection table
 * (docs/DETECTION.md, "Classes"). {@link #STANDARD} is the original mix and streams exactly the
 * samples it always did; every other class changes the night's PLMs and isolated movements (the
 * movement classes) or adds a signal that is not a leg movement and must not be detected (the
 * disturbance classes).
 */
public enum MovementClass {
    /** The original mix: a magnitude envelope, a turning direction, a tilt that comes back. */
    STANDARD(false, 0.05),
    /**
     * Held dorsiflexion: the foot tilts by 3–15° with a short shake, holds perfectly still, and
     * tilts back with another shake; PLMs last 1–10 s, isolated movements 1.5–25 s (beyond 10 s a
     * long, non-CLM movement). One movement from the first shake to the end of the return.
     */
    HELD(false, 0.05),
    /**
     * Settle, then move: a movement ends with the foot still in a new orientation (3–20° away),
     * and 0.5–3 s later the next movement starts from there. Two movements.
     */
    SETTLE_THEN_MOVE(false, 0.05),
    /** Two movements (each with a returning tilt) separated by a true gap of 0.5–1.0 s. */
    SHORT_GAP(false, 0.05),
    /**
     * 30 % of PLMs and isolated movements are tiny: a tilt of 0.3–1.5° and a shake of 3–15 mg.
     * They count when their tilt turns gravity by at least 0.5° or their shake reaches 8 mg (and
     * their peak 8 mg): issue 11's "down to 0.5°/8 mg". Smaller ones are optional.
     */
    TINY(false, 0.008),
    /**
     * Ballistocardiogram (a 0.5–2 mg beat along the body axis at 50–75 bpm) and breathing (the
     * shank rocks by 0.05–0.15° at 12–20 breaths/min) throughout the time in bed.
     */
    CARDIORESPIRATORY(true, 0.05),
    /**
     * A bed partner's movements reach the ankle through the mattress: 12 per hour in bed, 1–8 s,
     * a linear 1–3 mg vibration at 1–5 Hz and a 0.03–0.1° rock that comes back.
     */
    PARTNER(true, 0.05),
    /**
     * Slow drift: the shank's orientation drifts by 1–6° over 3–20 min, several times a night,
     * and the sensor's offset drifts by up to ±3 mg per axis over the night (temperature).
     */
    DRIFT(true, 0.05);

    private final boolean disturbance;
    private final double countedPeakG;

    MovementClass(boolean disturbance, double countedPeakG) {
        this.disturbance = disturbance;
        this.countedPeakG = countedPeakG;
    }

    /** True for the classes that add a signal that must not be detected. */
    public boolean isDisturbance() {
        return disturbance;
    }

    /** True movements of the class count in F1 from this peak, g (weaker ones are optional). */
    public double countedPeakG() {
        return countedPeakG;
    }
}
