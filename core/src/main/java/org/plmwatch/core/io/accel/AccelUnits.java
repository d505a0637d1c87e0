package org.plmwatch.core.io.accel;

/** Units an acceleration column is stored in. Readers always deliver g to the sink. */
public enum AccelUnits {
    /** Standard gravity units; a resting sensor reads |a| ≈ 1. */
    G(1.0, "g"),
    /** SI units; a resting sensor reads |a| ≈ 9.81. */
    METERS_PER_SECOND_SQUARED(1.0 / AccelUnits.STANDARD_GRAVITY, "m/s²");

    /** 1 g in m/s² (CGPM 1901, the value AccelSink documents). */
    public static final double STANDARD_GRAVITY = 9.80665;

    private final double toG;
    private final String symbol;

    AccelUnits(double toG, String symbol) {
        this.toG = toG;
        this.symbol = symbol;
    }

    /** Multiply a value in these units by this to get g. */
    public double toG() {
        return toG;
    }

    public String symbol() {
        return symbol;
    }
}
