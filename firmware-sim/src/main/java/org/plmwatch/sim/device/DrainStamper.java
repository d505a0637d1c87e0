package org.plmwatch.sim.device;

/**
 * Time stamps for FIFO drains. The FIFO holds no times: a drain is stamped when it happens, so the
 * newest sample's time is the drain time minus up to one period plus scheduling delay, and the
 * i-th of n samples is stamped drain time − (n − 1 − i) × period. Raw, those stamps jitter by a
 * few ms from drain to drain, and a jitter of half a period makes two contiguous drains look like
 * a hole (the night file writer starts a new block, the reader sees a false gap and the detector
 * restarts). So contiguous drains are tracked: the true period (the chip's oscillator is off by a
 * few percent) is the slope of drain time over samples since the run began, each batch start is
 * predicted from the previous batch with it and corrected by a tenth of the drain's error. A drain
 * after a loss, or one more than 5 periods off the prediction, starts a new run.
 * Allocates nothing.
 */
final class DrainStamper {

    /** Position gain: a tenth of each drain's error, so scheduling jitter is averaged over ~10 drains. */
    static final double ALPHA = 0.1;
    private static final double MAX_PERIOD_ERROR = 0.10;

    private final double nominalPeriodMicros;
    private double periodMicros;
    private double nextFirstMicros;
    private boolean tracking;
    /** Drain time of the run's first drain and samples taken since its newest sample. */
    private long runStartDrainMicros;
    private long samplesSinceRunStart;

    DrainStamper(double sampleRateHz) {
        this.nominalPeriodMicros = 1e6 / sampleRateHz;
        this.periodMicros = nominalPeriodMicros;
    }

    /**
     * @param drainMicros when the drain finished (the newest sample's time, within a period)
     * @param count       samples drained, &gt; 0
     * @param contiguous  false after a FIFO overflow or a failed read: the batch does not continue the previous one
     * @return the time of the batch's first sample
     */
    long firstSampleMicros(long drainMicros, int count, boolean contiguous) {
        if (tracking && contiguous) {
            long since = samplesSinceRunStart + count;
            // The period is the slope over the whole run: the error of each drain time shrinks as 1/run length.
            double period = clampPeriod((drainMicros - runStartDrainMicros) / (double) since);
            double predictedNewest = nextFirstMicros + (count - 1) * period;
            double error = drainMicros - predictedNewest;
            if (Math.abs(error) <= 5 * period) {
                periodMicros = period;
                samplesSinceRunStart = since;
                double first = nextFirstMicros + ALPHA * error;
                nextFirstMicros = first + count * periodMicros;
                return Math.round(first);
            }
        }
        double first = drainMicros - (count - 1) * periodMicros;
        nextFirstMicros = first + count * periodMicros;
        runStartDrainMicros = drainMicros;
        samplesSinceRunStart = 0;
        tracking = true;
        return Math.round(first);
    }

    private double clampPeriod(double p) {
        return Math.max(nominalPeriodMicros * (1 - MAX_PERIOD_ERROR), Math.min(nominalPeriodMicros * (1 + MAX_PERIOD_ERROR), p));
    }

    /** The current estimate of the sample period, µs. */
    double periodMicros() {
        return periodMicros;
    }
}
