package org.plmwatch.analyzer.edf;

import java.util.Objects;

/**
 * One ordinary signal of an EDF+ file, as its 256-byte signal header describes it. Text fields
 * are cut to their EDF widths and made printable ASCII by {@link EdfPlusWriter}.
 *
 * @param label            16 characters, e.g. {@code Accel Left X}
 * @param transducer       80 characters
 * @param physicalUnit     8 characters, e.g. {@code g}
 * @param physicalMin      physical value of {@code digitalMin}
 * @param physicalMax      physical value of {@code digitalMax}
 * @param prefiltering     80 characters
 * @param samplesPerRecord samples in each data record
 */
public record EdfSignal(String label, String transducer, String physicalUnit, double physicalMin, double physicalMax,
                        String prefiltering, int samplesPerRecord) {

    /** EDF stores samples as 16-bit two's complement integers; the full range is used. */
    public static final int DIGITAL_MIN = -32768;
    public static final int DIGITAL_MAX = 32767;

    public EdfSignal {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(transducer, "transducer");
        Objects.requireNonNull(physicalUnit, "physicalUnit");
        Objects.requireNonNull(prefiltering, "prefiltering");
        if (!(physicalMax > physicalMin)) {
            throw new IllegalArgumentException("physical range " + physicalMin + ".." + physicalMax);
        }
        if (samplesPerRecord < 1) {
            throw new IllegalArgumentException("samples per record " + samplesPerRecord);
        }
    }

    /** The digital value nearest to a physical one, clipped to the 16-bit range. */
    public int digital(double physical) {
        double d = (physical - physicalMin) / (physicalMax - physicalMin) * ((double) DIGITAL_MAX - DIGITAL_MIN)
                + DIGITAL_MIN;
        if (!(d > DIGITAL_MIN)) {
            return DIGITAL_MIN;
        }
        return d >= DIGITAL_MAX ? DIGITAL_MAX : (int) Math.round(d);
    }
}
