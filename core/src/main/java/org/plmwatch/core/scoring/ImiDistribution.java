package org.plmwatch.core.scoring;

import java.util.Arrays;

/**
 * Rule 17: the inter-movement intervals of consecutive CLMs in sleep.
 *
 * @param linearCounts  counts in 2-s bins: index i holds IMIs in [2i, 2i+2), i = 0..44 (0–90 s);
 *                      an IMI of exactly 90 s falls in the last bin, since 90 s still qualifies
 *                      for a series (rule 10)
 * @param over90Count   IMIs above 90 s
 * @param logCounts     counts of ln(IMI) in 0.1-wide bins: index i holds [i/10, (i+1)/10), i =
 *                      0..{@value #LOG_BINS}-1, i.e. IMIs from 1 s to about 50 min
 * @param logBelowCount IMIs under 1 s (ln &lt; 0)
 * @param logAboveCount IMIs with ln(IMI) ≥ {@value #LOG_BINS}/10
 * @param logImiMean    mean of ln(IMI) over IMIs of 10–90 s; NaN when there are none
 * @param logImiSd      sample standard deviation of the same; NaN when fewer than two
 * @param periodicImiCount the number of IMIs of 10–90 s the two statistics use
 */
public record ImiDistribution(int[] linearCounts,
                              int over90Count,
                              int[] logCounts,
                              int logBelowCount,
                              int logAboveCount,
                              double logImiMean,
                              double logImiSd,
                              int periodicImiCount) {

    public static final int LINEAR_BINS = 45;
    public static final double LINEAR_BIN_SECONDS = 2.0;
    public static final int LOG_BINS = 80;
    public static final double LOG_BIN_WIDTH = 0.1;

    public ImiDistribution {
        linearCounts = linearCounts.clone();
        logCounts = logCounts.clone();
    }

    @Override
    public int[] linearCounts() {
        return linearCounts.clone();
    }

    @Override
    public int[] logCounts() {
        return logCounts.clone();
    }

    public int totalCount() {
        return Arrays.stream(linearCounts).sum() + over90Count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImiDistribution d
                && Arrays.equals(linearCounts, d.linearCounts) && over90Count == d.over90Count
                && Arrays.equals(logCounts, d.logCounts) && logBelowCount == d.logBelowCount
                && logAboveCount == d.logAboveCount && Double.compare(logImiMean, d.logImiMean) == 0
                && Double.compare(logImiSd, d.logImiSd) == 0 && periodicImiCount == d.periodicImiCount;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(linearCounts) + Arrays.hashCode(logCounts) + over90Count;
    }

    @Override
    public String toString() {
        return "ImiDistribution[n=" + totalCount() + ", over90=" + over90Count + ", logMean=" + logImiMean
                + ", logSd=" + logImiSd + "]";
    }
}
