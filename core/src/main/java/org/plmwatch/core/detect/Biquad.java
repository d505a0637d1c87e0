package org.plmwatch.core.detect;

/**
 * Second-order Butterworth low-pass, transposed direct form II, one sample at a time.
 *
 * <p>Hand-written rather than iirj because the coefficients are designed at run time from a
 * sample rate estimated from the data, and because a reset must put the state at rest on a given
 * value: iirj's {@code reset()} zeroes the state, which turns the 1 g of gravity into a 1 g step
 * transient after every gap.
 */
final class Biquad {

    private double b0;
    private double b1;
    private double b2;
    private double a1;
    private double a2;
    private double z1;
    private double z2;

    /** Designs the filter by the bilinear transform with pre-warping. */
    void design(double cutoffHz, double sampleRateHz) {
        if (!(cutoffHz > 0) || !(cutoffHz < sampleRateHz / 2)) {
            throw new IllegalArgumentException("cut-off " + cutoffHz + " Hz must lie in (0, "
                    + sampleRateHz / 2 + ") Hz for a sample rate of " + sampleRateHz + " Hz");
        }
        double k = Math.tan(Math.PI * cutoffHz / sampleRateHz);
        double kk = k * k;
        double norm = 1 / (1 + Math.sqrt(2) * k + kk);
        b0 = kk * norm;
        b1 = 2 * b0;
        b2 = b0;
        a1 = 2 * (kk - 1) * norm;
        a2 = (1 - Math.sqrt(2) * k + kk) * norm;
    }

    /** Makes the filter pass its input unchanged. */
    void passThrough() {
        b0 = 1;
        b1 = b2 = a1 = a2 = 0;
    }

    /** Puts the filter at rest on a constant input {@code x} (its steady state, no transient). */
    void reset(double x) {
        z1 = x * (1 - b0);
        z2 = x * (b2 - a2);
    }

    /**
     * Group delay at 0 Hz, in samples: Σk·b_k/Σb_k − Σk·a_k/Σa_k. For this Butterworth it is
     * nearly flat over the band of leg movements, so edges are dated this much early to undo it.
     */
    double groupDelaySamples() {
        double sb = b0 + b1 + b2;
        double sa = 1 + a1 + a2;
        return (b1 + 2 * b2) / sb - (a1 + 2 * a2) / sa;
    }

    double filter(double x) {
        double y = b0 * x + z1;
        z1 = b1 * x - a1 * y + z2;
        z2 = b2 * x - a2 * y;
        return y;
    }
}
