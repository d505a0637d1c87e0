package org.plmwatch.core.scoring;

/** The numbers of docs/SCORING.md shared by both rule sets, named after their rule. */
final class Rules {
    private Rules() {
    }

    /**
     * Tolerance for every boundary comparison. Times arrive as decimal text (ms or µs), so 0.5 s
     * may read as 0.49999999999; a microsecond keeps "exactly 0.5 s" on the side the rule says.
     */
    static final double EPS = 1e-6;

    /** Rule 1: same-leg fragments closer than this (strictly) are joined. */
    static final double JOIN_GAP_SECONDS = 0.5;
    /** Rule 2: shorter than this (strictly) after joining is not a movement. */
    static final double MIN_DURATION_SECONDS = 0.5;
    /** Rule 3: a monolateral movement longer than this (strictly) is a non-CLM. */
    static final double MAX_MONOLATERAL_SECONDS = 10.0;
    /** Rule 4: movements starting before the current offset plus this (strictly) merge. */
    static final double BILATERAL_GAP_SECONDS = 0.5;
    /** Rule 5: a bilateral movement longer than this (strictly) is a non-CLM. */
    static final double MAX_BILATERAL_SECONDS = 15.0;
    /** Rule 5: a bilateral movement of more parts than this is a non-CLM. */
    static final int MAX_BILATERAL_PARTS = 4;
    /** Rule 10: longest IMI inside a PLM series (inclusive). */
    static final double MAX_IMI_SECONDS = 90.0;
    /** Rule 17: log-IMI statistics use IMIs of 10–90 s, whatever the rule set. */
    static final double PERIODIC_IMI_MIN_SECONDS = 10.0;
    /** Rule 10: shortest run of CLMs that is a series. */
    static final int MIN_SERIES_LENGTH = 4;
    /** Rule 18: a movement and an arousal this close (strictly) are associated. */
    static final double AROUSAL_GAP_SECONDS = 0.5;
    /** Rule 16: below this CLMS index the periodicity index is uninterpretable. */
    static final double MIN_INTERPRETABLE_CLMS_INDEX = 10.0;
    /** Rule 19: adult PLMD threshold, PLMS index strictly above. */
    static final double ADULT_PLMS_THRESHOLD = 15.0;
}
