package org.plmwatch.sim.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.pi4j.io.i2c.I2CRegisterDataReaderWriter;

/** The ADXL345 driver against the register-map fake (ADXL345 data sheet). */
class Adxl345DriverFakeTest extends FakeChipDriverContract {

    @Override
    protected RegisterMapFake newFake() {
        return RegisterMapFake.adxl345();
    }

    @Override
    protected AccelerometerDriver newDriver(I2CRegisterDataReaderWriter bus) throws SensorException {
        return new Adxl345Driver(bus, "test bus");
    }

    @Override
    protected String chipName() {
        return "ADXL345";
    }

    @Override
    protected short word(int counts) {
        return (short) counts; // right-justified, sign-extended
    }

    @Override
    protected int countsPerG() {
        return 256; // full resolution, 3.9 mg/LSB
    }

    @Override
    protected int maxCounts() {
        return 1023; // ±4 g full resolution: 11 bits
    }

    @Override
    protected Map<Integer, Integer> datasheetRegistersForDefaultConfig() {
        return Adxl345DriverHardwareTest.DEFAULT_CONFIG_REGISTERS;
    }

    @Override
    protected Map.Entry<Integer, Integer> powerDownRegister() {
        return Map.entry(0x2D, 0x00);
    }

    @Test
    void wrongChipFailsWithExpectedAndActualIdentity() {
        SensorException e = assertThrows(SensorException.class,
                () -> new Adxl345Driver(RegisterMapFake.lis3dh(), "i2c-1 address 0x53"));
        assertTrue(e.getMessage().contains("ADXL345 at i2c-1 address 0x53"), e.getMessage());
        assertTrue(e.getMessage().contains("DEVID (0x00) expected 0xE5, read 0x00"), e.getMessage());
        assertTrue(e.getMessage().contains("--sensor lis3dh"), e.getMessage());
    }

    @Test
    void configuresInStandbyAndEnablesTheInterruptLast() throws Exception {
        try (Adxl345Driver driver = new Adxl345Driver(fake, "test bus")) {
            driver.configure(SensorConfig.DEFAULT);
            assertEquals(List.of(0x00, 0x00, 0x08), fake.writesTo(0x2D), "POWER_CTL: standby .. Measure last");
            assertEquals(List.of(0x00, 0x02), fake.writesTo(0x2E), "INT_ENABLE: off while mapping, then Watermark");
            assertEquals(List.of(0x00, 0x99), fake.writesTo(0x38), "FIFO_CTL: bypass, then stream | samples 25");
        }
    }

    @Test
    void wordsAreLittleEndianRightJustified() throws Exception {
        try (Adxl345Driver driver = new Adxl345Driver(fake, "test bus")) {
            driver.configure(SensorConfig.DEFAULT);
            // 0x0100 = +256 (1 g), 0xFF00 = -256, 0xFFFF = -1, 0x03FF = +1023, 0xFC00 = -1024.
            fake.produce((short) 0x0100, (short) 0xFF00, (short) 0xFFFF);
            fake.produce((short) 0x03FF, (short) 0xFC00, (short) 0x0001);
            RecordingSink sink = new RecordingSink();
            driver.drain(sink);
            assertEquals(List.of(RecordingSink.Event.sample(256, -256, -1),
                    RecordingSink.Event.sample(1023, -1024, 1)), sink.events);
            assertEquals(0.9984, 256 * driver.gPerCount(), 1e-12);
        }
    }

    @Test
    void everyDataReadPopsOneFifoEntry() {
        fake.writeRegister(0x38, (byte) 0x80);
        fake.writeRegister(0x2D, (byte) 0x08);
        fake.produce((short) 0x0102, (short) 0x0304, (short) 0x0506);
        fake.produce((short) 0x0708, (short) 0x090A, (short) 0x0B0C);
        assertEquals(2, fake.register(0x39));
        assertEquals(0x02, fake.readRegister(0x32), "a single-byte read of DATAX0 pops the entry too");
        assertEquals(1, fake.register(0x39));
        byte[] rest = new byte[6];
        fake.readRegister(0x32, rest, 0, 6);
        assertEquals(List.of(0x08, 0x07, 0x0A, 0x09, 0x0C, 0x0B),
                java.util.stream.IntStream.range(0, 6).mapToObj(i -> rest[i] & 0xFF).toList());
        assertEquals(0, fake.register(0x39));
    }
}
