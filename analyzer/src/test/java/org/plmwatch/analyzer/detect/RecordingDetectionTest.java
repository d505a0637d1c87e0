package org.plmwatch.analyzer.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.plmwatch.core.detect.DetectorConfig;
import org.plmwatch.core.io.accel.AccelRecordingInfo;
import org.plmwatch.core.io.accel.AccelUnits;

class RecordingDetectionTest {

    @Test
    void aNightFileIsDetectedWithItsOwnChipsFloors() {
        // The device ran forSensor(its chip) live; re-detecting its night must not use another's.
        assertEquals(DetectorConfig.forSensor("adxl345").withNominalRateHz(50),
                RecordingDetection.detectorConfig(info("plmwatch-night", "adxl345", 50)));
        assertEquals(DetectorConfig.DEFAULTS.withNominalRateHz(25),
                RecordingDetection.detectorConfig(info("plmwatch-night", "lis3dh", 25)));
        assertEquals(DetectorConfig.forSensor("adxl345"),
                RecordingDetection.detectorConfig(info("plmwatch-night", "adxl345", 0)),
                "no rate in the header: the chip's floors, the rate estimated");
    }

    @Test
    void aForeignFileNamingASensorGetsTheDefaults() {
        // Only a plmwatch night's header names one of our chips; a CSV column or property may say anything.
        assertEquals(DetectorConfig.DEFAULTS.withNominalRateHz(50),
                RecordingDetection.detectorConfig(info("csv", "adxl345", 50)));
    }

    private static AccelRecordingInfo info(String format, String sensor, double rateHz) {
        return new AccelRecordingInfo(Path.of("night.bin"), format, "test", Optional.empty(),
                rateHz > 0 ? OptionalDouble.of(rateHz) : OptionalDouble.empty(), AccelUnits.G, "declared",
                Optional.empty(), OptionalLong.empty(), Map.of("sensor", sensor));
    }
}
