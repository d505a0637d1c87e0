package org.plmwatch.analyzer.io;

import org.plmwatch.core.io.InputFormatException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dispatch by content; the EDF+ path is covered in {@link EdfAnnotationsReaderTest}. */
class PsgReadersTest {

    @TempDir
    Path dir;

    @Test
    void textGoesToTheRemLogicReaderWhateverTheName() throws Exception {
        Path f = dir.resolve("export.edf");
        Files.writeString(f, "Time [hh:mm:ss.xxx]\tEvent\tDuration[s]\n22:00:00\tSLEEP-S0\t30\n", StandardCharsets.UTF_8);
        PsgEvents events = PsgReaders.read(f, EventLabels.defaults());
        assertEquals("remlogic", events.format());
        assertEquals(1, events.night().hypnogram().epochs().size());
    }

    @Test
    void utf16TextWithBom() throws Exception {
        Path f = dir.resolve("utf16.txt");
        Files.write(f, "\uFEFFTime [hh:mm:ss.xxx]\tEvent\tDuration[s]\r\n22:00:00\tSLEEP-S0\t30\r\n"
                .getBytes(StandardCharsets.UTF_16LE));
        assertEquals(1, PsgReaders.read(f, EventLabels.defaults()).night().hypnogram().epochs().size());
    }

    @Test
    void bdfIsRefusedByName() throws Exception {
        Path f = dir.resolve("rec.bdf");
        byte[] b = new byte[300];
        b[0] = (byte) 0xFF;
        System.arraycopy("BIOSEMI".getBytes(StandardCharsets.US_ASCII), 0, b, 1, 7);
        Files.write(f, b);
        InputFormatException e = assertThrows(InputFormatException.class, () -> PsgReaders.read(f, EventLabels.defaults()));
        assertEquals("byte 0", e.where());
        assertTrue(e.getMessage().contains("BDF"), e.getMessage());
    }

    @Test
    void binaryJunkIsRefused() throws Exception {
        Path f = dir.resolve("night.cwa");
        Files.write(f, new byte[] {'M', 'D', 0x00, 0x01, 0x02, 0x7F});
        InputFormatException e = assertThrows(InputFormatException.class, () -> PsgReaders.read(f, EventLabels.defaults()));
        assertTrue(e.getMessage().startsWith(f + ":byte 0: neither an EDF+ file"), e.getMessage());
    }

    @Test
    void emptyFile() throws Exception {
        Path f = dir.resolve("empty.txt");
        Files.write(f, new byte[0]);
        InputFormatException e = assertThrows(InputFormatException.class, () -> PsgReaders.read(f, EventLabels.defaults()));
        assertTrue(e.getMessage().contains("empty file"), e.getMessage());
    }
}
