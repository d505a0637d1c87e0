package org.plmwatch.sim.sensor;

import java.util.ArrayList;
import java.util.List;

import com.pi4j.io.exception.IOException;
import com.pi4j.io.i2c.I2CRegisterDataReaderWriter;

/**
 * A LIS3DH or ADXL345 as its I2C register map, for tests and for running the real drivers in the
 * simulator. It follows the datasheets, not our drivers: a 256-byte register file with the chips'
 * reset values and identity, read-only registers that ignore writes, the chip's auto-increment rule
 * (LIS3DH only when bit 7 of the sub-address is set; ADXL345 always), and a 32-level FIFO behind
 * the data registers that {@link #produce} fills at each output-data-rate tick.
 *
 * <ul>
 * <li>LIS3DH: the FIFO works when CTRL_REG5.FIFO_EN = 1 and FIFO_CTRL_REG.FM is not bypass; a
 * read that passes OUT_Z_H (0x2D) retrieves one sample. FIFO_SRC_REG reports WTM (FSS &ge; FTH),
 * OVRN_FIFO (32 unread: full), EMPTY and FSS[4:0]. Writing FM = bypass empties the FIFO.</li>
 * <li>ADXL345: the FIFO works when FIFO_CTL.FIFO_MODE is not bypass; any read transaction that
 * touches DATAX0..DATAZ1 pops one entry. FIFO_STATUS reports the entries; INT_SOURCE reports
 * DATA_READY, Watermark (entries &ge; samples) and Overrun (FIFO filled).</li>
 * <li>Both: stream mode overwrites the oldest sample when full (counted by
 * {@link #overwrittenSamples()}), FIFO mode stops collecting. A powered-down chip (LIS3DH ODR = 0,
 * ADXL345 Measure = 0) produces nothing. {@link #int1High()} is the INT1 pin level.</li>
 * </ul>
 *
 * Not modelled: the ADXL345's 33rd entry in the output filter, trigger and stream-to-FIFO modes
 * (treated as stream), the LIS3DH FIFO's 10-bit truncation, self-test, click and inertial
 * interrupts. {@link #failAccesses} makes chosen bus accesses throw Pi4J's {@link IOException}.
 */
public final class RegisterMapFake implements I2CRegisterDataReaderWriter {

    /** Which datasheet the register semantics follow. */
    public enum Chip { LIS3DH, ADXL345 }

    private static final int LEVELS = 32;

    private final Chip chip;
    private final byte[] registers = new byte[256];
    private final short[] queue = new short[LEVELS * 3];
    private final short[] latest = new short[3];
    private final List<int[]> writes = new ArrayList<>();
    private int head;
    private int size;
    private long overwritten;
    private boolean unreadLatest;
    private long accesses;
    private long failFrom = -1;
    private long failTo = -1;

    private RegisterMapFake(Chip chip) {
        this.chip = chip;
        if (chip == Chip.LIS3DH) {
            registers[0x0F] = 0x33;   // WHO_AM_I
            registers[0x20] = 0x07;   // CTRL_REG1 reset: power-down, X/Y/Z enabled
        } else {
            registers[0x00] = (byte) 0xE5; // DEVID
            registers[0x2C] = 0x0A;        // BW_RATE reset: 100 Hz
        }
    }

    /** A LIS3DH with its reset register values. */
    public static RegisterMapFake lis3dh() {
        return new RegisterMapFake(Chip.LIS3DH);
    }

    /** An ADXL345 with its reset register values. */
    public static RegisterMapFake adxl345() {
        return new RegisterMapFake(Chip.ADXL345);
    }

    public Chip chip() {
        return chip;
    }

    /**
     * One output-data-rate tick: the chip converts a sample. Words are what the chip puts in its
     * data registers: LIS3DH left-justified (12-bit counts shifted left by 4 in high-resolution
     * mode), ADXL345 right-justified counts.
     *
     * @return false when the chip is powered down and so produced nothing
     */
    public synchronized boolean produce(short xWord, short yWord, short zWord) {
        if (!measuring()) {
            return false;
        }
        latest[0] = xWord;
        latest[1] = yWord;
        latest[2] = zWord;
        unreadLatest = true;
        int mode = fifoMode();
        if (mode == 0) {
            return true;
        }
        if (size == LEVELS) {
            if (mode == 1) {
                return true; // FIFO mode: full FIFO stops collecting
            }
            head = (head + 1) % LEVELS; // stream: the oldest sample is overwritten
            size--;
            overwritten++;
        }
        int slot = ((head + size) % LEVELS) * 3;
        queue[slot] = xWord;
        queue[slot + 1] = yWord;
        queue[slot + 2] = zWord;
        size++;
        return true;
    }

    /** Register contents as the bus would read them, without side effects (FIFO not popped). */
    public synchronized int register(int address) {
        return peek(address & 0xFF);
    }

    /** Every value written to {@code address}, in order (writes to read-only registers included). */
    public synchronized List<Integer> writesTo(int address) {
        List<Integer> values = new ArrayList<>();
        for (int[] w : writes) {
            if (w[0] == address) {
                values.add(w[1]);
            }
        }
        return values;
    }

    /** Samples in the FIFO now. */
    public synchronized int fifoLevel() {
        return size;
    }

    /** Samples lost because stream mode overwrote them. */
    public synchronized long overwrittenSamples() {
        return overwritten;
    }

    /** Bus accesses so far (each call of a read or write method counts once). */
    public synchronized long accessCount() {
        return accesses;
    }

    /** Accesses number {@code first} .. {@code first + count - 1} (1-based) throw Pi4J's IOException. */
    public synchronized void failAccesses(long first, int count) {
        failFrom = first;
        failTo = first + count - 1;
    }

    /** Level of the INT1 pin: the enabled interrupt conditions routed there, with the chip's polarity. */
    public synchronized boolean int1High() {
        boolean active;
        if (chip == Chip.LIS3DH) {
            int ctrl3 = registers[0x22] & 0xFF;
            int src = lisFifoSrc();
            active = ((ctrl3 & 0x04) != 0 && (src & 0x80) != 0) || ((ctrl3 & 0x02) != 0 && (src & 0x40) != 0);
            boolean activeLow = (registers[0x25] & 0x02) != 0; // CTRL_REG6.INT_POLARITY
            return active != activeLow;
        }
        int routedToInt1 = adxlIntSource() & registers[0x2E] & ~registers[0x2F] & 0xFF;
        boolean activeLow = (registers[0x31] & 0x20) != 0; // DATA_FORMAT.INT_INVERT
        return (routedToInt1 != 0) != activeLow;
    }

    // ---- I2CRegisterDataReaderWriter: the six abstract methods of Pi4J 2.8.0 ----

    @Override
    public synchronized int readRegister(int register) {
        access();
        byte[] one = new byte[1];
        transferRead(register, one, 0, 1);
        return one[0] & 0xFF;
    }

    @Override
    public synchronized int readRegister(byte[] register, byte[] buffer, int offset, int length) {
        access();
        requireOneByteAddress(register);
        transferRead(register[0] & 0xFF, buffer, offset, length);
        return length;
    }

    @Override
    public synchronized int readRegister(int register, byte[] buffer, int offset, int length) {
        access();
        transferRead(register & 0xFF, buffer, offset, length);
        return length;
    }

    @Override
    public synchronized int writeRegister(int register, byte b) {
        access();
        transferWrite(register & 0xFF, new byte[] {b}, 0, 1);
        return 1;
    }

    @Override
    public synchronized int writeRegister(int register, byte[] data, int offset, int length) {
        access();
        transferWrite(register & 0xFF, data, offset, length);
        return length;
    }

    @Override
    public synchronized int writeRegister(byte[] register, byte[] data, int offset, int length) {
        access();
        requireOneByteAddress(register);
        transferWrite(register[0] & 0xFF, data, offset, length);
        return length;
    }

    // ---- chip semantics ----

    private void access() {
        accesses++;
        if (accesses >= failFrom && accesses <= failTo) {
            throw new IOException("injected I2C failure at bus access " + accesses);
        }
    }

    private static void requireOneByteAddress(byte[] register) {
        if (register.length != 1) {
            throw new IllegalArgumentException("LIS3DH and ADXL345 take a 1-byte register address, got "
                    + register.length + " bytes");
        }
    }

    private boolean incrementing(int subAddress) {
        return chip == Chip.ADXL345 || (subAddress & 0x80) != 0;
    }

    private void transferRead(int subAddress, byte[] buffer, int offset, int length) {
        boolean increment = incrementing(subAddress);
        int address = chip == Chip.LIS3DH ? subAddress & 0x7F : subAddress;
        boolean touchedAdxlData = false;
        for (int i = 0; i < length; i++) {
            buffer[offset + i] = (byte) peek(address);
            if (chip == Chip.LIS3DH && address == 0x2D && fifoMode() != 0 && size > 0) {
                pop(); // OUT_Z_H read: this sample has been retrieved
            }
            if (chip == Chip.ADXL345 && address >= 0x32 && address <= 0x37) {
                touchedAdxlData = true;
            }
            if (increment) {
                address = chip == Chip.LIS3DH ? (address + 1) & 0x7F : (address + 1) & 0xFF;
            }
        }
        if (touchedAdxlData) {
            unreadLatest = false;
        }
        if (touchedAdxlData && fifoMode() != 0 && size > 0) {
            pop(); // "each FIFO level is cleared after any read (single- or multiple-byte) of FIFO"
        }
    }

    private void transferWrite(int subAddress, byte[] data, int offset, int length) {
        boolean increment = incrementing(subAddress);
        int address = chip == Chip.LIS3DH ? subAddress & 0x7F : subAddress;
        for (int i = 0; i < length; i++) {
            int value = data[offset + i] & 0xFF;
            writes.add(new int[] {address, value});
            if (!readOnly(address)) {
                registers[address] = (byte) value;
                afterWrite(address);
            }
            if (increment) {
                address = chip == Chip.LIS3DH ? (address + 1) & 0x7F : (address + 1) & 0xFF;
            }
        }
    }

    private void afterWrite(int address) {
        boolean fifoControl = chip == Chip.LIS3DH ? address == 0x2E || address == 0x24 : address == 0x38;
        if (fifoControl && fifoMode() == 0) {
            head = 0; // bypass mode (or FIFO disabled) empties the FIFO
            size = 0;
        }
    }

    private boolean readOnly(int address) {
        if (chip == Chip.LIS3DH) {
            return (address >= 0x07 && address <= 0x0F) || (address >= 0x27 && address <= 0x2D)
                    || address == 0x2F || address == 0x31 || address == 0x35 || address == 0x39;
        }
        return address == 0x00 || address == 0x2B || address == 0x30 || (address >= 0x32 && address <= 0x37)
                || address == 0x39;
    }

    private boolean measuring() {
        if (chip == Chip.LIS3DH) {
            return (registers[0x20] & 0xF0) != 0; // CTRL_REG1.ODR != power-down
        }
        return (registers[0x2D] & 0x08) != 0;     // POWER_CTL.Measure
    }

    /** 0 bypass (or FIFO disabled), 1 FIFO, 2 stream, 3 stream-to-FIFO / trigger. */
    private int fifoMode() {
        if (chip == Chip.LIS3DH) {
            if ((registers[0x24] & 0x40) == 0) {
                return 0;
            }
            return (registers[0x2E] >> 6) & 0x03;
        }
        return (registers[0x38] >> 6) & 0x03;
    }

    private int peek(int address) {
        if (chip == Chip.LIS3DH) {
            if (address >= 0x28 && address <= 0x2D) {
                return dataByte(address - 0x28);
            }
            if (address == 0x2F) {
                return lisFifoSrc();
            }
        } else {
            if (address >= 0x32 && address <= 0x37) {
                return dataByte(address - 0x32);
            }
            if (address == 0x39) {
                return fifoMode() == 0 ? 0 : size; // FIFO_TRIG (bit 7) not modelled
            }
            if (address == 0x30) {
                return adxlIntSource();
            }
        }
        return registers[address] & 0xFF;
    }

    /** Byte {@code index} (0 = x low .. 5 = z high) of the sample the data registers show. */
    private int dataByte(int index) {
        short word = fifoMode() != 0 && size > 0 ? queue[head * 3 + index / 2] : latest[index / 2];
        return (index % 2 == 0 ? word : word >> 8) & 0xFF;
    }

    private void pop() {
        head = (head + 1) % LEVELS;
        size--;
    }

    private int lisFifoSrc() {
        if (fifoMode() == 0) {
            return 0x20; // EMPTY
        }
        int fth = registers[0x2E] & 0x1F;
        int src = Math.min(size, 31);
        if (size == 0) {
            src |= 0x20;
        }
        if (size == LEVELS) {
            src |= 0x40;
        }
        if (size >= fth && size > 0) {
            src |= 0x80;
        }
        return src;
    }

    private int adxlIntSource() {
        int source = 0;
        if (fifoMode() == 0 ? unreadLatest : size > 0) {
            source |= 0x80; // DATA_READY
        }
        if (fifoMode() != 0) {
            int samples = registers[0x38] & 0x1F;
            if (size >= samples && size > 0) {
                source |= 0x02; // Watermark
            }
            if (size == LEVELS) {
                source |= 0x01; // Overrun: "set when FIFO is filled" outside bypass mode
            }
        }
        return source;
    }
}
