package org.plmwatch.core.io.accel;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.plmwatch.core.model.Leg;

/**
 * What opening a recording learnt from its header, before any sample is streamed.
 *
 * @param file          the recording
 * @param format        {@code plmwatch-csv}, {@code csv} or {@code axivity-cwa}
 * @param description   one line for people: device or column layout
 * @param start         wall-clock date-time of time zero, as the file states it (no zone); empty when
 *                      the file has only relative times and no {@code # start:} line
 * @param nominalRateHz the rate the device was set to, when the file says
 * @param units         units the file stores acceleration in (samples reach the sink in g)
 * @param unitsEvidence why those units: declared by the format, detected from the resting magnitude, or
 *                      given by the caller
 * @param leg           the leg the sensor was on, when the file says
 * @param sampleCount   number of samples when cheaply known (for CWA from the file size and the last
 *                      block, exact unless blocks are damaged)
 * @param metadata      other header fields, by name
 */
public record AccelRecordingInfo(Path file, String format, String description, Optional<LocalDateTime> start,
                                 OptionalDouble nominalRateHz, AccelUnits units, String unitsEvidence,
                                 Optional<Leg> leg, OptionalLong sampleCount, Map<String, String> metadata) {

    public AccelRecordingInfo {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(nominalRateHz, "nominalRateHz");
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(unitsEvidence, "unitsEvidence");
        Objects.requireNonNull(leg, "leg");
        Objects.requireNonNull(sampleCount, "sampleCount");
        metadata = Map.copyOf(new TreeMap<>(metadata));
    }
}
