package org.plmwatch.sim.sensor;

import com.pi4j.io.i2c.I2CRegisterDataReaderWriter;

/**
 * Analog Devices ADXL345 over I2C (address 0x53 with SDO/ALT ADDRESS low, 0x1D high), full
 * resolution, FIFO in stream mode with the watermark interrupt on INT1 (active high). Register
 * addresses and bits follow the ADXL345 data sheet (Rev. D/E) and the Linux adxl34x driver; the
 * report of this work lists the sources checked.
 *
 * <p>Output words are 16-bit two's complement, little-endian (DATAx0 is the low byte),
 * right-justified with sign extension (justify bit 0). In full resolution the scale is 3.9 mg per
 * count in every range. Multi-byte I2C reads always increment the register address; each read of
 * the data registers pops one FIFO entry, so one 6-byte read per sample keeps x, y, z together.
 */
public final class Adxl345Driver extends FifoDriver {

    static final int DEVID = 0x00;
    static final int DEVID_VALUE = 0xE5;
    static final int BW_RATE = 0x2C;
    static final int POWER_CTL = 0x2D;
    static final int INT_ENABLE = 0x2E;
    static final int INT_MAP = 0x2F;
    static final int DATA_FORMAT = 0x31;
    static final int DATAX0 = 0x32;
    static final int FIFO_CTL = 0x38;
    static final int FIFO_STATUS = 0x39;

    /** POWER_CTL: Measure, bit 3 (0 = standby). */
    static final int POWER_CTL_MEASURE = 0x08;
    /** INT_ENABLE / INT_MAP: Watermark, bit 1. INT_MAP bit 0 routes to INT1, 1 to INT2. */
    static final int INT_WATERMARK = 0x02;
    /** DATA_FORMAT: FULL_RES, bit 3; INT_INVERT (bit 5) 0 = active high; justify (bit 2) 0 = right. */
    static final int DATA_FORMAT_FULL_RES = 0x08;
    /** FIFO_CTL FIFO_MODE in bits 7:6: 00 bypass (empties the FIFO), 10 stream; samples in bits 4:0. */
    static final int FIFO_MODE_BYPASS = 0x00;
    static final int FIFO_MODE_STREAM = 0x80;
    /** FIFO_STATUS: entries in bits 5:0. */
    static final int FIFO_STATUS_ENTRIES_MASK = 0x3F;
    /** Typical full-resolution scale factor, 3.9 mg/LSB (data sheet Table 1). */
    static final double G_PER_COUNT_FULL_RES = 0.0039;


    /**
     * Checks DEVID and leaves the chip in standby.
     *
     * @param bus      the chip's I2C device (Pi4J {@code I2C} or a register-map fake)
     * @param location where the chip is, for messages, e.g. {@code "i2c-1 address 0x53"}
     */
    public Adxl345Driver(I2CRegisterDataReaderWriter bus, String location) throws SensorException {
        super(new RetryingRegisters(bus, "ADXL345 at " + location));
        int id = regs.readByte(DEVID, "DEVID");
        if (id != DEVID_VALUE) {
            throw new SensorException(regs.location() + ": DEVID (0x00) expected 0xE5, read 0x"
                    + RetryingRegisters.hex(id) + "; this is not an ADXL345. Check the address (SDO/ALT ADDRESS"
                    + " low 0x53, high 0x1D; `i2cdetect -y 1` lists devices) or start with --sensor lis3dh");
        }
        regs.writeByte(POWER_CTL, 0x00, "POWER_CTL");
    }

    @Override
    public String chip() {
        return "ADXL345";
    }

    @Override
    public void configure(SensorConfig config) throws SensorException {
        // Data sheet: configure in standby, map interrupts before enabling them.
        regs.writeByte(POWER_CTL, 0x00, "POWER_CTL");
        regs.writeByte(INT_ENABLE, 0x00, "INT_ENABLE");
        regs.writeByte(BW_RATE, rateCode(config.outputDataRateHz()), "BW_RATE");
        regs.writeByte(DATA_FORMAT, DATA_FORMAT_FULL_RES | rangeBits(config.rangeG()), "DATA_FORMAT");
        regs.writeByte(FIFO_CTL, FIFO_MODE_BYPASS, "FIFO_CTL");
        regs.writeByte(FIFO_CTL, FIFO_MODE_STREAM | config.watermarkSamples(), "FIFO_CTL");
        regs.writeByte(INT_MAP, 0x00, "INT_MAP");
        regs.writeByte(INT_ENABLE, INT_WATERMARK, "INT_ENABLE");
        regs.writeByte(POWER_CTL, POWER_CTL_MEASURE, "POWER_CTL");
        configured(config);
    }


    @Override
    int unreadSamples() throws SensorException {
        // In stream mode the FIFO keeps the latest 32 samples and discards older ones as new data
        // arrives; 32 entries at drain time means the oldest may already be gone.
        return regs.readByte(FIFO_STATUS, "FIFO_STATUS") & FIFO_STATUS_ENTRIES_MASK;
    }

    @Override
    void readSample(byte[] six) throws SensorException {
        // At 100-400 kHz one transfer lasts far longer than the 5 µs the chip needs between the
        // end of a data read and the next FIFO read.
        regs.readBlock(DATAX0, six, 6, "DATAX0..DATAZ1");
    }

    @Override
    short decode(byte[] six, int offset) {
        return counts(six, offset);
    }

    @Override
    public double gPerCount() {
        config();
        return G_PER_COUNT_FULL_RES;
    }


    @Override
    public void close() throws SensorException {
        regs.writeByte(POWER_CTL, 0x00, "POWER_CTL");
    }

    /** Little-endian, right-justified, sign-extended 16-bit word. */
    static short counts(byte[] b, int offset) {
        return (short) ((b[offset] & 0xFF) | (b[offset + 1] << 8));
    }

    /** BW_RATE rate code, LOW_POWER (bit 4) = 0 (data sheet Table 7). */
    static int rateCode(int hz) {
        return switch (hz) {
            case 25 -> 0b1000;
            case 50 -> 0b1001;
            case 100 -> 0b1010;
            case 200 -> 0b1011;
            case 400 -> 0b1100;
            default -> throw new IllegalArgumentException("data rate " + hz + " Hz");
        };
    }

    /** DATA_FORMAT range bits D1:D0 (data sheet Table 21). */
    static int rangeBits(int rangeG) {
        return switch (rangeG) {
            case 2 -> 0b00;
            case 4 -> 0b01;
            case 8 -> 0b10;
            case 16 -> 0b11;
            default -> throw new IllegalArgumentException("range ±" + rangeG + " g");
        };
    }

}
