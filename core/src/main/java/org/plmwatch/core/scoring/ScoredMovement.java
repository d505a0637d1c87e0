package org.plmwatch.core.scoring;

import org.plmwatch.core.model.Stage;

/**
 * A pooled movement after rule 4, with everything the rules decided about it.
 *
 * @param side            left, right or bilateral (rule 4)
 * @param onsetSeconds    onset, seconds from the night's time zero
 * @param durationSeconds onset to the latest offset of its parts
 * @param parts           number of monolateral movements merged into it
 * @param peakG           largest peak acceleration of its parts, NaN when not from acceleration
 * @param clm             candidate leg movement (rules 3, 5, 6)
 * @param plm             periodic: a CLM inside a series of all CLMs (rules 10–12)
 * @param series          1-based number of that series, 0 when not in one
 * @param plmNr           periodic in the series found without respiratory CLMs (rule 8)
 * @param respiratory     within the respiratory window of an apnea or hypopnea (rule 7)
 * @param arousal         associated with an arousal (rule 18)
 * @param stage           the stage of the epoch holding its onset, wake when none (rule 13)
 */
public record ScoredMovement(Side side,
                             double onsetSeconds,
                             double durationSeconds,
                             int parts,
                             double peakG,
                             boolean clm,
                             boolean plm,
                             int series,
                             boolean plmNr,
                             boolean respiratory,
                             boolean arousal,
                             Stage stage) {

    public double offsetSeconds() {
        return onsetSeconds + durationSeconds;
    }

    public boolean inSleep() {
        return stage.isSleep();
    }
}
