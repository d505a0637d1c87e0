package org.plmwatch.sim.sensor;

import com.pi4j.io.i2c.I2CRegisterDataReaderWriter;

/**
 * ST LIS3DH over I2C (address 0x18 with SDO/SA0 low, 0x19 high), high-resolution mode, FIFO in
 * stream mode with the watermark on INT1 (active high, push-pull). Register addresses and bits
 * follow datasheet DocID17530 Rev 2 and ST's lis3dh_reg.h; the report of this work lists the
 * sources checked.
 *
 * <p>Output words are 16-bit two's complement, little-endian (BLE = 0), left-justified: in
 * high-resolution mode the 12 significant bits are the top bits, so counts = word &gt;&gt; 4 with
 * 1, 2, 4 or 12 mg per count at ±2, ±4, ±8, ±16 g. ST notes that the FIFO keeps only the top 10
 * bits, so drained samples step in 4 counts (8 mg at ±4 g); the scale is unchanged.
 */
public final class Lis3dhDriver extends FifoDriver {

    static final int WHO_AM_I = 0x0F;
    static final int WHO_AM_I_VALUE = 0x33;
    static final int CTRL_REG1 = 0x20;
    static final int CTRL_REG3 = 0x22;
    static final int CTRL_REG4 = 0x23;
    static final int CTRL_REG5 = 0x24;
    static final int OUT_X_L = 0x28;
    static final int FIFO_CTRL_REG = 0x2E;
    static final int FIFO_SRC_REG = 0x2F;

    /** I2C sub-address bit 7: increment the register address during a multi-byte read. */
    static final int AUTO_INCREMENT = 0x80;

    /** CTRL_REG1: Zen | Yen | Xen; LPen (bit 3) stays 0 for high-resolution mode. */
    static final int CTRL_REG1_XYZ_ENABLE = 0x07;
    /** CTRL_REG4: BDU, bit 7 (LSB and MSB of one sample are never mixed). */
    static final int CTRL_REG4_BDU = 0x80;
    /** CTRL_REG4: HR, bit 3 (high-resolution 12-bit output). */
    static final int CTRL_REG4_HR = 0x08;
    /** CTRL_REG3: I1_WTM, bit 2 (FIFO watermark on INT1). */
    static final int CTRL_REG3_I1_WTM = 0x04;
    /** CTRL_REG5: FIFO_EN, bit 6. */
    static final int CTRL_REG5_FIFO_EN = 0x40;
    /** FIFO_CTRL_REG FM[1:0] in bits 7:6: 00 bypass (also resets the FIFO), 10 stream. */
    static final int FIFO_MODE_BYPASS = 0x00;
    static final int FIFO_MODE_STREAM = 0x80;
    /** FIFO_SRC_REG: WTM bit 7, OVRN_FIFO bit 6, EMPTY bit 5, FSS[4:0]. */
    static final int FIFO_SRC_OVRN = 0x40;
    static final int FIFO_SRC_FSS_MASK = 0x1F;


    /**
     * Checks WHO_AM_I and leaves the chip powered down.
     *
     * @param bus      the chip's I2C device (Pi4J {@code I2C} or a register-map fake)
     * @param location where the chip is, for messages, e.g. {@code "i2c-1 address 0x18"}
     */
    public Lis3dhDriver(I2CRegisterDataReaderWriter bus, String location) throws SensorException {
        super(new RetryingRegisters(bus, "LIS3DH at " + location));
        int id = regs.readByte(WHO_AM_I, "WHO_AM_I");
        if (id != WHO_AM_I_VALUE) {
            throw new SensorException(regs.location() + ": WHO_AM_I (0x0F) expected 0x33, read 0x"
                    + RetryingRegisters.hex(id) + "; this is not a LIS3DH. Check the address (SDO/SA0 low 0x18,"
                    + " high 0x19; `i2cdetect -y 1` lists devices) or start with --sensor adxl345");
        }
        regs.writeByte(CTRL_REG1, CTRL_REG1_XYZ_ENABLE, "CTRL_REG1");
    }

    @Override
    public String chip() {
        return "LIS3DH";
    }

    @Override
    public void configure(SensorConfig config) throws SensorException {
        // Power down while reconfiguring, then the FIFO through bypass (which empties it), then go.
        regs.writeByte(CTRL_REG1, CTRL_REG1_XYZ_ENABLE, "CTRL_REG1");
        regs.writeByte(CTRL_REG4, ctrlReg4(config.rangeG()), "CTRL_REG4");
        regs.writeByte(CTRL_REG3, CTRL_REG3_I1_WTM, "CTRL_REG3");
        regs.writeByte(CTRL_REG5, CTRL_REG5_FIFO_EN, "CTRL_REG5");
        regs.writeByte(FIFO_CTRL_REG, FIFO_MODE_BYPASS, "FIFO_CTRL_REG");
        // TR = 0: trigger on INT1; FTH[4:0] = watermark (WTM when FSS >= FTH, datasheet 5.1).
        regs.writeByte(FIFO_CTRL_REG, FIFO_MODE_STREAM | config.watermarkSamples(), "FIFO_CTRL_REG");
        regs.writeByte(CTRL_REG1, (odrBits(config.outputDataRateHz()) << 4) | CTRL_REG1_XYZ_ENABLE, "CTRL_REG1");
        configured(config);
    }


    @Override
    int unreadSamples() throws SensorException {
        int src = regs.readByte(FIFO_SRC_REG, "FIFO_SRC_REG");
        // FSS has 5 bits: a full FIFO (32 unread) shows as OVRN_FIFO = 1; the next ODR tick then
        // overwrites the oldest sample, so a full FIFO at drain time means samples may be lost.
        return (src & FIFO_SRC_OVRN) != 0 ? FIFO_LEVELS : src & FIFO_SRC_FSS_MASK;
    }

    @Override
    void readSample(byte[] six) throws SensorException {
        regs.readBlock(OUT_X_L | AUTO_INCREMENT, six, 6, "OUT_X_L..OUT_Z_H");
    }

    @Override
    short decode(byte[] six, int offset) {
        return counts(six, offset);
    }

    @Override
    public double gPerCount() {
        return milligPerCount(config().rangeG()) / 1000.0;
    }


    @Override
    public void close() throws SensorException {
        regs.writeByte(CTRL_REG1, CTRL_REG1_XYZ_ENABLE, "CTRL_REG1");
    }

    /** Little-endian, left-justified 16-bit word to 12-bit high-resolution counts. */
    static short counts(byte[] b, int offset) {
        short word = (short) ((b[offset] & 0xFF) | (b[offset + 1] << 8));
        return (short) (word >> 4);
    }

    static int ctrlReg4(int rangeG) {
        int fs = switch (rangeG) {
            case 2 -> 0;
            case 4 -> 1;
            case 8 -> 2;
            case 16 -> 3;
            default -> throw new IllegalArgumentException("range ±" + rangeG + " g");
        };
        return CTRL_REG4_BDU | (fs << 4) | CTRL_REG4_HR;
    }

    /** ODR[3:0] of CTRL_REG1 (datasheet Table 31; ST lis3dh_odr_t). */
    static int odrBits(int hz) {
        return switch (hz) {
            case 25 -> 0b0011;
            case 50 -> 0b0100;
            case 100 -> 0b0101;
            case 200 -> 0b0110;
            case 400 -> 0b0111;
            default -> throw new IllegalArgumentException("data rate " + hz + " Hz");
        };
    }

    /** High-resolution sensitivity (datasheet Table 4; ST lis3dh_from_fsN_hr_to_mg). */
    static double milligPerCount(int rangeG) {
        return switch (rangeG) {
            case 2 -> 1.0;
            case 4 -> 2.0;
            case 8 -> 4.0;
            case 16 -> 12.0;
            default -> throw new IllegalArgumentException("range ±" + rangeG + " g");
        };
    }

}
