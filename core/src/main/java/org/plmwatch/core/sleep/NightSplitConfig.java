package org.plmwatch.core.sleep;

/**
 * How {@link NightSplitter} cuts a recording into nights; defaults and reasons in
 * docs/DETECTION.md §2.
 *
 * @param minNightSeconds      a lying period (lights-off to lights-on) at least this long is a
 *                             night; shorter ones are naps or rests and are not scored (3 h:
 *                             room for the 2 h of sleep a clinical reading needs plus sleep onset
 *                             and wake in bed)
 * @param maxNightSeconds      a lying period is cut after this long (24 h), so memory stays
 *                             bounded whatever the recording (a device left lying on a table)
 * @param maxGapJoinSeconds    time without samples up to this long inside a lying period does not
 *                             end it (a device restart, lost blocks); longer gaps do
 * @param maxSampleStepSeconds two samples further apart than this leave the time between them
 *                             unrecorded
 * @param offAnkleStillSeconds recorded time in a lying period with no leg movement at all for at
 *                             least this long counts as the device off the ankle (not recorded);
 *                             0 turns the check off
 */
public record NightSplitConfig(double minNightSeconds,
                               double maxNightSeconds,
                               double maxGapJoinSeconds,
                               double maxSampleStepSeconds,
                               double offAnkleStillSeconds) {

    public static final NightSplitConfig DEFAULTS = new NightSplitConfig(3 * 3600, 24 * 3600, 2 * 3600, 2, 3600);

    public NightSplitConfig {
        if (!(minNightSeconds >= 0) || !(maxNightSeconds >= minNightSeconds) || maxNightSeconds > 7 * 86400) {
            throw new IllegalArgumentException("need 0 <= minNightSeconds <= maxNightSeconds <= 7 days, were "
                    + minNightSeconds + " and " + maxNightSeconds);
        }
        if (!(maxGapJoinSeconds >= 0) || !(maxSampleStepSeconds > 0) || !(offAnkleStillSeconds >= 0)) {
            throw new IllegalArgumentException("maxGapJoinSeconds and offAnkleStillSeconds must be >= 0, "
                    + "maxSampleStepSeconds > 0");
        }
    }

    public NightSplitConfig withMinNightSeconds(double seconds) {
        return new NightSplitConfig(seconds, Math.max(seconds, maxNightSeconds), maxGapJoinSeconds,
                maxSampleStepSeconds, offAnkleStillSeconds);
    }

    public NightSplitConfig withOffAnkleStillSeconds(double seconds) {
        return new NightSplitConfig(minNightSeconds, maxNightSeconds, maxGapJoinSeconds, maxSampleStepSeconds, seconds);
    }
}
