package org.plmwatch.core.model;

/** The leg a monolateral movement was recorded on. */
public enum Leg {
    LEFT, RIGHT;

    public Leg other() {
        return this == LEFT ? RIGHT : LEFT;
    }

    /** Lower-case name used in JSON and CSV ({@code left}, {@code right}). */
    public String label() {
        return this == LEFT ? "left" : "right";
    }
}
