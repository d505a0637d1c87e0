package org.plmwatch.sim.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The fake's register semantics on their own, written from the datasheets without any driver:
 * LIS3DH DocID17530 Rev 2 section 5.1 (FIFO_SRC_REG flags), ADXL345 data sheet (INT_SOURCE,
 * FIFO_STATUS, read-only registers).
 */
class RegisterMapFakeTest {

    @Test
    void lis3dhFifoSourceRegisterFollowsTheFillLevel() {
        RegisterMapFake fake = RegisterMapFake.lis3dh();
        fake.writeRegister(0x24, (byte) 0x40); // FIFO_EN
        fake.writeRegister(0x2E, (byte) 0x99); // stream, FTH 25
        fake.writeRegister(0x20, (byte) 0x47); // 50 Hz
        assertEquals(0x20, fake.register(0x2F), "empty: EMPTY");
        for (int i = 0; i < 24; i++) {
            fake.produce((short) 0, (short) 0, (short) 8000);
        }
        assertEquals(24, fake.register(0x2F), "FSS 24 below FTH 25: no WTM");
        fake.produce((short) 0, (short) 0, (short) 8000);
        assertEquals(0x80 | 25, fake.register(0x2F), "FSS >= FTH: WTM");
        for (int i = 0; i < 7; i++) {
            fake.produce((short) 0, (short) 0, (short) 8000);
        }
        assertEquals(0x80 | 0x40 | 0x1F, fake.register(0x2F), "32 unread: WTM, OVRN_FIFO, FSS 11111");
        assertEquals(0, fake.overwrittenSamples());
        fake.produce((short) 0, (short) 0, (short) 8000);
        assertEquals(1, fake.overwrittenSamples(), "stream mode overwrote the oldest");
        fake.writeRegister(0x2E, (byte) 0x00);
        assertEquals(0, fake.fifoLevel(), "bypass resets the FIFO");
    }

    @Test
    void lis3dhIdentityAndReadOnlyRegisters() {
        RegisterMapFake fake = RegisterMapFake.lis3dh();
        assertEquals(0x33, fake.readRegister(0x0F));
        fake.writeRegister(0x0F, (byte) 0x00);
        assertEquals(0x33, fake.readRegister(0x0F), "WHO_AM_I is read-only");
        assertEquals(0x07, fake.readRegister(0x20), "CTRL_REG1 reset value");
        assertEquals(0x33, fake.readRegister(0x8F), "bit 7 of the sub-address is the increment flag, not address");
    }

    @Test
    void adxl345InterruptSourceAndFifoStatus() {
        RegisterMapFake fake = RegisterMapFake.adxl345();
        assertEquals(0xE5, fake.readRegister(0x00));
        assertEquals(0x0A, fake.readRegister(0x2C), "BW_RATE reset value (100 Hz)");
        fake.writeRegister(0x38, (byte) 0x99); // stream, samples 25
        assertFalse(fake.produce((short) 1, (short) 2, (short) 3), "standby produces nothing");
        fake.writeRegister(0x2D, (byte) 0x08);
        fake.writeRegister(0x2E, (byte) 0x02); // watermark interrupt, mapped to INT1
        for (int i = 0; i < 24; i++) {
            fake.produce((short) 1, (short) 2, (short) 3);
        }
        assertEquals(24, fake.register(0x39));
        assertEquals(0x80, fake.register(0x30), "DATA_READY only");
        assertFalse(fake.int1High());
        fake.produce((short) 1, (short) 2, (short) 3);
        assertEquals(0x82, fake.register(0x30), "DATA_READY | Watermark");
        assertTrue(fake.int1High());
        fake.writeRegister(0x2F, (byte) 0x02);
        assertFalse(fake.int1High(), "INT_MAP bit set: watermark goes to INT2");
        for (int i = 0; i < 7; i++) {
            fake.produce((short) 1, (short) 2, (short) 3);
        }
        assertEquals(0x83, fake.register(0x30), "FIFO filled: Overrun");
        fake.writeRegister(0x39, (byte) 0);
        assertEquals(32, fake.register(0x39), "FIFO_STATUS is read-only");
    }

    @Test
    void injectedFailuresThrowPi4jIoExceptionsOnTheChosenAccesses() {
        RegisterMapFake fake = RegisterMapFake.adxl345();
        fake.failAccesses(2, 2);
        assertEquals(0xE5, fake.readRegister(0x00));
        assertThrows(com.pi4j.io.exception.IOException.class, () -> fake.readRegister(0x00));
        assertThrows(com.pi4j.io.exception.IOException.class, () -> fake.readRegister(0x00));
        assertEquals(0xE5, fake.readRegister(0x00));
        assertEquals(4, fake.accessCount());
    }
}
