package org.plmwatch.sim.device;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.plmwatch.sim.sensor.Lis3dhDriver;
import org.plmwatch.sim.sensor.RegisterMapFake;
import org.plmwatch.sim.sensor.SensorException;

/** The resting-magnitude rule, the LED contract and the identity check a wrong chip fails. */
class SelfTestTest {

    /** 50 samples of a LIS3DH at rest (2 mg/count): z = 500 counts = 1 g, x/y a little noise. */
    private static short[] resting(int scale) {
        short[] xyz = new short[150];
        for (int i = 0; i < 50; i++) {
            xyz[3 * i] = (short) ((i % 5 - 2) * scale);
            xyz[3 * i + 1] = (short) ((i % 3 - 1) * scale);
            xyz[3 * i + 2] = (short) (500 * scale + (i % 2));
        }
        return xyz;
    }

    @Test
    void aRestingSensorReadsOneGAndPasses() {
        assertEquals(1.0, SelfTest.medianMagnitudeG(resting(1), 50, 0.002), 0.01);
        assertDoesNotThrow(() -> SelfTest.restingMagnitude("LIS3DH", resting(1), 50, 0.002));
    }

    @Test
    void aUnitSlipOrADeadSensorFailsWithTheMeasuredMagnitude() {
        StartFailure fourTimes = assertThrows(StartFailure.class,
                () -> SelfTest.restingMagnitude("LIS3DH", resting(1), 50, 0.008));   // ±16 g scale on ±4 g counts
        assertTrue(fourTimes.getMessage().contains("4.0"), fourTimes.getMessage());
        assertEquals(ExitCodes.SELF_TEST_FAILED, fourTimes.exitCode());
        assertThrows(StartFailure.class, () -> SelfTest.restingMagnitude("LIS3DH", new short[150], 50, 0.002));
        assertThrows(StartFailure.class, () -> SelfTest.restingMagnitude("LIS3DH", new short[0], 0, 0.002));
    }

    @Test
    void aWrongChipAtTheAddressFailsTheIdentityCheckWithExpectedAndRead() {
        SensorException e = assertThrows(SensorException.class,
                () -> new Lis3dhDriver(RegisterMapFake.adxl345(), "i2c-1 address 0x18"));
        assertTrue(e.getMessage().contains("expected 0x33"), e.getMessage());
    }

    @Test
    void theClockAdvances() {
        assertDoesNotThrow(() -> SelfTest.clock(MonotonicClock.system()));
        assertThrows(StartFailure.class, () -> SelfTest.clock(() -> 5));
    }

    @Test
    void ledPatternsFollowTheHardwareContract() {
        assertEquals(5000, LedPattern.RECORDING.cycleMillis());
        assertTrue(LedPattern.RECORDING.litAt(0) && LedPattern.RECORDING.litAt(49));
        assertTrue(!LedPattern.RECORDING.litAt(50) && !LedPattern.RECORDING.litAt(4999));
        assertEquals(200, LedPattern.FAULT.cycleMillis());   // 5 Hz
        assertTrue(LedPattern.STORAGE_FULL.litAt(50) && !LedPattern.STORAGE_FULL.litAt(150)
                && LedPattern.STORAGE_FULL.litAt(350) && !LedPattern.STORAGE_FULL.litAt(1000));
        assertEquals(2000, LedPattern.STORAGE_FULL.cycleMillis());
        assertEquals(LedPattern.FAULT, LedPattern.select(true, true, true), "fault outranks storage full");
        assertEquals(LedPattern.STORAGE_FULL, LedPattern.select(true, false, true));
        assertEquals(LedPattern.RECORDING, LedPattern.select(true, false, false));
        assertEquals(LedPattern.DARK, LedPattern.select(false, false, false));
        assertTrue(!LedPattern.DARK.litAt(0));
    }
}
