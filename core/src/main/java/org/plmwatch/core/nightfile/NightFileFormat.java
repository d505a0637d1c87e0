package org.plmwatch.core.nightfile;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Byte layout of a night file, shared by writer, scanner and reader. docs/FORMATS.md describes
 * every field and why it was chosen; keep the two in step.
 *
 * <pre>
 * block = magic(4) type(1) version(1) payloadLength(u16) sequence(u32) timeMicros(i64) payload CRC32C(u32)
 * </pre>
 * All multi-byte fields are little-endian (the Pi, x86 hosts and the accelerometers' own registers).
 */
public final class NightFileFormat {

    /** First bytes of every block: 0xB7 'P' 'L' 'M'. The high first byte is never ASCII text, zeros or erased flash. */
    public static final byte[] MAGIC = {(byte) 0xB7, 'P', 'L', 'M'};
    public static final int VERSION = 1;

    static final int OFF_TYPE = 4;
    static final int OFF_VERSION = 5;
    static final int OFF_LENGTH = 6;
    static final int OFF_SEQUENCE = 8;
    static final int OFF_TIME = 12;
    /** Bytes before the payload. */
    public static final int HEADER_BYTES = 20;
    public static final int CRC_BYTES = 4;
    /** Bytes a block adds around its payload. */
    public static final int OVERHEAD_BYTES = HEADER_BYTES + CRC_BYTES;
    /** No block is larger than one 4 KiB page, so a torn or zeroed page destroys at most two blocks. */
    public static final int MAX_BLOCK_BYTES = 4096;
    public static final int MAX_PAYLOAD_BYTES = MAX_BLOCK_BYTES - OVERHEAD_BYTES;
    /** A sample block holds at most this much time, so a lost block loses at most a second. */
    public static final double MAX_SAMPLE_BLOCK_SECONDS = 1.0;

    private NightFileFormat() {
    }

    static boolean magicAt(ByteBuffer buf, int pos) {
        return buf.get(pos) == MAGIC[0] && buf.get(pos + 1) == MAGIC[1]
                && buf.get(pos + 2) == MAGIC[2] && buf.get(pos + 3) == MAGIC[3];
    }

    /** CRC32C of {@code length} bytes of {@code buf} from absolute {@code pos}; does not move the buffer. */
    static int crc(CRC32C crc, ByteBuffer buf, int pos, int length) {
        crc.reset();
        if (buf.hasArray()) {
            crc.update(buf.array(), buf.arrayOffset() + pos, length);   // no garbage per block on the device
        } else {
            crc.update(buf.slice(pos, length));
        }
        return (int) crc.getValue();
    }
}
