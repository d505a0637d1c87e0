package org.plmwatch.core.model;

/**
 * The state of a scored epoch. {@link #SLEEP} is sleep of unknown stage, as estimated from ankle
 * actigraphy when no hypnogram exists (scoring rule 14).
 */
public enum Stage {
    WAKE("W"), N1("N1"), N2("N2"), N3("N3"), REM("REM"), SLEEP("S");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public boolean isSleep() {
        return this != WAKE;
    }

    /** Short label used in JSON, CSV and the terminal summary. */
    public String label() {
        return label;
    }
}
