package org.plmwatch.core.nightfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The worked example of docs/FORMATS.md, byte for byte. The expected bytes were not taken from the
 * writer: they were built from the tables in FORMATS.md with Python's {@code struct} and a bitwise
 * CRC32C (polynomial 0x82F63B78, check value 0xE3069283 for "123456789"); the script is in
 * FORMATS.md under "Worked example".
 */
class NightFileGoldenTest {

    private static final String GOLDEN = ""
            // header block: magic, type 1, version 1, length 53, sequence 0, time 0
            + "B7 50 4C 4D 01 01 35 00 00 00 00 00 00 00 00 00 00 00 00 00 "
            // 50.0 Hz, 0.002 g/LSB, ±4 g, left, start unknown, start 0
            + "00 00 00 00 00 00 49 40 FC A9 F1 D2 4D 62 60 3F 04 00 01 00 00 00 00 00 00 00 00 00 "
            // "plmw-0042", "0.1.0", "lis3dh", 0 properties, CRC32C
            + "09 70 6C 6D 77 2D 30 30 34 32 05 30 2E 31 2E 30 06 6C 69 73 33 64 68 00 00 F7 2B CA 6F "
            // samples block: type 2, length 17, sequence 1, time 1 000 000 µs
            + "B7 50 4C 4D 02 01 11 00 01 00 00 00 40 42 0F 00 00 00 00 00 "
            // 3 samples, period 20 000 000 ns; x 100 (+1 -2), y 0 (0 0), z 500 (-2 +1); CRC32C
            + "03 00 00 2D 31 01 64 00 02 0E 00 00 00 F4 01 02 0B AA 2E 0B 3B";

    @Test
    void writerProducesTheDocumentedBytesAndReaderDecodesThem() throws Exception {
        NightHeader header = NightHeader.of("plmw-0042", "0.1.0", "lis3dh", 50, 4, 0.002, WornOn.LEFT, OptionalLong.empty());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NightFileWriter w = NightFileWriter.create(out, header);
        w.writeSamples(1_000_000, new short[] {100, 0, 500, 101, 0, 498, 99, 0, 499}, 0, 3);
        w.flush();
        byte[] golden = HexFormat.ofDelimiter(" ").parseHex(GOLDEN.trim());
        assertArrayEquals(golden, out.toByteArray());

        RecordingSink sink = new RecordingSink();
        NightFileContents c = NightFileReader.strict().read(ByteBuffer.wrap(golden), "golden", sink);
        assertEquals(header, c.header());
        assertEquals(3, sink.n);
        assertArrayEquals(new double[] {1.0, 1.02, 1.04}, java.util.Arrays.copyOf(sink.t, 3), 1e-12);
        assertArrayEquals(new double[] {0.200, 0.202, 0.198}, java.util.Arrays.copyOf(sink.x, 3), 1e-12);
        assertArrayEquals(new double[] {1.000, 0.996, 0.998}, java.util.Arrays.copyOf(sink.z, 3), 1e-12);
        assertEquals(0, c.report().dropped().size());
    }
}
