package org.plmwatch.sim.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.pi4j.io.i2c.I2CRegisterDataReaderWriter;

/** The LIS3DH driver against the register-map fake (datasheet DocID17530 Rev 2). */
class Lis3dhDriverFakeTest extends FakeChipDriverContract {

    @Override
    protected RegisterMapFake newFake() {
        return RegisterMapFake.lis3dh();
    }

    @Override
    protected AccelerometerDriver newDriver(I2CRegisterDataReaderWriter bus) throws SensorException {
        return new Lis3dhDriver(bus, "test bus");
    }

    @Override
    protected String chipName() {
        return "LIS3DH";
    }

    @Override
    protected short word(int counts) {
        return (short) (counts << 4); // high-resolution data: 12 bits, left-justified
    }

    @Override
    protected int countsPerG() {
        return 500; // 2 mg/digit at ±4 g, high resolution
    }

    @Override
    protected int maxCounts() {
        return 2047;
    }

    @Override
    protected Map<Integer, Integer> datasheetRegistersForDefaultConfig() {
        return Lis3dhDriverHardwareTest.DEFAULT_CONFIG_REGISTERS;
    }

    @Override
    protected Map.Entry<Integer, Integer> powerDownRegister() {
        return Map.entry(0x20, 0x07);
    }

    @Test
    void wrongChipFailsWithExpectedAndActualIdentity() {
        SensorException e = assertThrows(SensorException.class,
                () -> new Lis3dhDriver(RegisterMapFake.adxl345(), "i2c-1 address 0x18"));
        assertTrue(e.getMessage().contains("LIS3DH at i2c-1 address 0x18"), e.getMessage());
        assertTrue(e.getMessage().contains("WHO_AM_I (0x0F) expected 0x33, read 0x00"), e.getMessage());
        assertTrue(e.getMessage().contains("--sensor adxl345"), e.getMessage());
    }

    @Test
    void fifoIsResetThroughBypassBeforeStreamMode() throws Exception {
        try (Lis3dhDriver driver = new Lis3dhDriver(fake, "test bus")) {
            driver.configure(SensorConfig.DEFAULT);
            assertEquals(List.of(0x00, 0x99), fake.writesTo(0x2E), "FIFO_CTRL_REG: bypass, then stream | FTH 25");
            // Powered down (ODR 0000) before reconfiguring, started (ODR 0100 = 50 Hz) last.
            assertEquals(List.of(0x07, 0x07, 0x47), fake.writesTo(0x20));
        }
    }

    @Test
    void highResolutionWordsAreLeftJustifiedLittleEndian() throws Exception {
        try (Lis3dhDriver driver = new Lis3dhDriver(fake, "test bus")) {
            driver.configure(SensorConfig.DEFAULT);
            // Raw register words: 0x7FF0 = +2047, 0x8000 = -2048, 0xFFF0 = -1, 0x1F40 = +500 (1 g),
            // 0x0010 = +1. OUT_X_L holds the low byte.
            fake.produce((short) 0x7FF0, (short) 0x8000, (short) 0xFFF0);
            fake.produce((short) 0x0010, (short) 0xE0C0, (short) 0x1F40);
            RecordingSink sink = new RecordingSink();
            driver.drain(sink);
            assertEquals(List.of(RecordingSink.Event.sample(2047, -2048, -1),
                    RecordingSink.Event.sample(1, -500, 500)), sink.events);
            assertEquals(0.002, driver.gPerCount(), 1e-12);
            assertEquals(1.0, 500 * driver.gPerCount(), 1e-12);
        }
    }

    @Test
    void aBurstWithoutTheAutoIncrementBitRereadsOneRegister() {
        // Datasheet 6.1.1: SUB(7) must be 1 to read several registers; without it the chip stays put.
        fake.writeRegister(0x20, (byte) 0x47);
        fake.produce((short) 0x1234, (short) 0x5678, (short) 0x9ABC);
        byte[] plain = new byte[6];
        fake.readRegister(0x28, plain, 0, 6);
        assertEquals(List.of(0x34, 0x34, 0x34, 0x34, 0x34, 0x34), bytes(plain));
        byte[] burst = new byte[6];
        fake.readRegister(0xA8, burst, 0, 6);
        assertEquals(List.of(0x34, 0x12, 0x78, 0x56, 0xBC, 0x9A), bytes(burst));
    }

    @Test
    void otherRangesScaleByTheDatasheetSensitivity() throws Exception {
        try (Lis3dhDriver driver = new Lis3dhDriver(fake, "test bus")) {
            double[] mgPerDigit = {1, 2, 4, 12};
            int[] ranges = {2, 4, 8, 16};
            for (int i = 0; i < ranges.length; i++) {
                driver.configure(new SensorConfig(50, ranges[i], 25));
                assertEquals(mgPerDigit[i] / 1000, driver.gPerCount(), 1e-12);
                assertEquals(0x88 | (i << 4), fake.register(0x23), "CTRL_REG4 BDU | FS | HR");
            }
        }
    }

    private static List<Integer> bytes(byte[] b) {
        return java.util.stream.IntStream.range(0, b.length).mapToObj(i -> b[i] & 0xFF).toList();
    }
}
