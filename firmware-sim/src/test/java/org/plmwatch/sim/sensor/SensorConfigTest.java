package org.plmwatch.sim.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SensorConfigTest {

    @Test
    void defaultsAreFiftyHertzFourGAndHalfASecondWatermark() {
        assertEquals(new SensorConfig(50, 4, 25), SensorConfig.DEFAULT);
        assertEquals(0.5, SensorConfig.DEFAULT.watermarkSamples() / (double) SensorConfig.DEFAULT.outputDataRateHz());
    }

    @Test
    void valuesNeitherChipOffersAreRejectedWithTheAlternatives() {
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class, () -> new SensorConfig(10, 4, 25));
        assertTrue(rate.getMessage().contains("25, 50, 100, 200 or 400"), rate.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> new SensorConfig(50, 3, 25));
        assertTrue(range.getMessage().contains("2, 4, 8 or 16"), range.getMessage());
        IllegalArgumentException wtm = assertThrows(IllegalArgumentException.class, () -> new SensorConfig(50, 4, 32));
        assertTrue(wtm.getMessage().contains("1–31"), wtm.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SensorConfig(50, 4, 0));
    }

    @Test
    void wiringDefaultsMatchTheBreakoutAddresses() {
        assertEquals("i2c-1 address 0x18", SensorWiring.lis3dhDefault().location());
        assertEquals("i2c-1 address 0x53", SensorWiring.adxl345Default().location());
        assertEquals(17, SensorWiring.lis3dhDefault().interruptBcm());
        assertThrows(IllegalArgumentException.class, () -> new SensorWiring(1, 0x80, 17));
        assertThrows(IllegalArgumentException.class, () -> new SensorWiring(1, 0x18, 28));
    }
}
