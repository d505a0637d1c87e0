package org.plmwatch.core.scoring;

import org.plmwatch.core.model.Leg;

/** The side of a pooled movement after rule 4. */
public enum Side {
    LEFT, RIGHT, BILATERAL;

    static Side of(Leg leg) {
        return leg == Leg.LEFT ? LEFT : RIGHT;
    }

    /** Lower-case name used in JSON and CSV. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
