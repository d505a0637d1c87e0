package org.plmwatch.core.scoring;

/**
 * The two rule sets of docs/SCORING.md. Only the IMI lower bound (rule 10) and the respiratory
 * window (rule 7) differ; every other number is shared and lives in {@link Rules}.
 */
public enum RuleSet {
    /** World Association of Sleep Medicine 2016 (Ferri et al., Sleep Med 26:86–95). The default. */
    WASM2016("wasm2016", 10.0, 2.0, 10.25),
    /** AASM scoring manual. */
    AASM("aasm", 5.0, 0.5, 0.5);

    private final String id;
    private final double minImiSeconds;
    private final double respiratoryBeforeEndSeconds;
    private final double respiratoryAfterEndSeconds;

    RuleSet(String id, double minImiSeconds, double respiratoryBeforeEndSeconds, double respiratoryAfterEndSeconds) {
        this.id = id;
        this.minImiSeconds = minImiSeconds;
        this.respiratoryBeforeEndSeconds = respiratoryBeforeEndSeconds;
        this.respiratoryAfterEndSeconds = respiratoryAfterEndSeconds;
    }

    /** The name used on the command line and in JSON. */
    public String id() {
        return id;
    }

    /** Rule 10: shortest IMI inside a PLM series (inclusive). */
    public double minImiSeconds() {
        return minImiSeconds;
    }

    /** Rule 7: the respiratory window starts this long before the end of an apnea or hypopnea. */
    public double respiratoryBeforeEndSeconds() {
        return respiratoryBeforeEndSeconds;
    }

    /** Rule 7: the respiratory window ends this long after the end of an apnea or hypopnea. */
    public double respiratoryAfterEndSeconds() {
        return respiratoryAfterEndSeconds;
    }

    /** The rule set named {@code id} ({@code wasm2016} or {@code aasm}), case-insensitive. */
    public static RuleSet fromId(String id) {
        for (RuleSet r : values()) {
            if (r.id.equalsIgnoreCase(id.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown rule set '" + id + "': use wasm2016 or aasm");
    }
}
