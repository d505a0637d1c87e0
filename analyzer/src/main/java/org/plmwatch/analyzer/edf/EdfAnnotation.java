package org.plmwatch.analyzer.edf;

import java.util.Objects;

/**
 * One EDF+ annotation (a TAL entry).
 *
 * @param onsetSeconds    seconds after the file's start date-time (may be negative)
 * @param durationSeconds its duration, or NaN for an instant
 * @param text            what it is; made printable ASCII when written
 */
public record EdfAnnotation(double onsetSeconds, double durationSeconds, String text) {

    public EdfAnnotation {
        Objects.requireNonNull(text, "text");
        if (!Double.isFinite(onsetSeconds)) {
            throw new IllegalArgumentException("onset " + onsetSeconds);
        }
        if (!Double.isNaN(durationSeconds) && !(durationSeconds >= 0 && Double.isFinite(durationSeconds))) {
            throw new IllegalArgumentException("duration " + durationSeconds);
        }
    }
}
