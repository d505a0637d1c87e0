package org.plmwatch.core.model;

/** Where the night's sleep/wake information came from; every output says which (rule 14). */
public enum SleepSource {
    /** Scored 30-s epochs of a polysomnogram. */
    PSG_HYPNOGRAM("psg-hypnogram"),
    /** Estimated from ankle actigraphy; no sleep stages. */
    ACTIGRAPHY("actigraphy");

    private final String label;

    SleepSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
