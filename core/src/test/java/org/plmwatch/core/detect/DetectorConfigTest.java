package org.plmwatch.core.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class DetectorConfigTest {

    @Test
    void theAdxl345GetsFloorsFromItsOwnNoiseAndCounts() {
        // 3 mg of noise and 3.9 mg counts (FULL_RES, as the driver sets it): 3.2 mg per reading, so
        // the fast onset floor is 3 x 3.2 = 9.6 mg, over the 5 mg the LIS3DH's 1.1 mg gives.
        DetectorConfig adxl = DetectorConfig.forSensor("adxl345");
        double perReading = Math.sqrt(0.003 * 0.003 + 0.0039 * 0.0039 / 12);
        assertEquals(3 * perReading, adxl.onsetFloorG(), 1e-12);
        assertEquals(0.0096, adxl.onsetFloorG(), 0.0001);
        assertEquals(0.005, DetectorConfig.DEFAULTS.onsetFloorG(), 1e-12);
        assertEquals(adxl, DetectorConfig.forSensor("ADXL345"), "the link may spell it in capitals");
    }

    @Test
    void anyOtherSensorGetsTheLis3dhFloors() {
        for (String sensor : new String[] {"lis3dh", "LIS3DH", "synthetic", "replay", "", null}) {
            assertSame(DetectorConfig.DEFAULTS, DetectorConfig.forSensor(sensor), String.valueOf(sensor));
        }
    }
}
