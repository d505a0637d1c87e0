package org.plmwatch.analyzer.io;

import org.plmwatch.core.io.InputFormatException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.core.model.Epoch;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.Night;
import org.plmwatch.core.model.Stage;

/**
 * TAL forms EDFlib never writes, in annotation-only EDF+ files assembled byte by byte here from
 * the EDF+ specification (edfplus.info/specs/edfplus.html): several texts in one TAL, stages
 * covering many epochs as Sleep-EDF hypnograms give them, a 2-digit-year header without a
 * Startdate in the recording id, and a header whose record count is -1.
 */
class EdfTalParsingTest {

    @TempDir
    Path dir;

    private static String field(String s, int width) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < width) {
            sb.append(' ');
        }
        return sb.substring(0, width);
    }

    /** One annotation signal; each record's bytes are given as TAL text, padded with NULs. */
    private Path edf(String name, String recordingId, String date, String records, int recordBytes, String... tals)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String header = field("0", 8) + field("X X X X", 80) + field(recordingId, 80) + date + "22.15.00"
                + field("512", 8) + field("EDF+C", 44) + field(records, 8) + field("0", 8) + field("1", 4)
                + field(EdfAnnotationsReader.ANNOTATION_LABEL, 16) + field("", 80) + field("", 8)
                + field("-1", 8) + field("1", 8) + field("-32768", 8) + field("32767", 8) + field("", 80)
                + field(String.valueOf(recordBytes / 2), 8) + field("", 32);
        assertEquals(512, header.length());
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        for (String tal : tals) {
            byte[] record = new byte[recordBytes];
            byte[] t = tal.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(t, 0, record, 0, t.length);
            out.write(record);
        }
        Path f = dir.resolve(name);
        Files.write(f, out.toByteArray());
        return f;
    }

    @Test
    void severalTextsLongStagesAndTwoDigitYear() throws Exception {
        Path f = edf("sleepedf.edf", "Startdate X X X X", "24.12.89", "2", 200,
                "+0\u0014\u0014\u0000+0\u0015120\u0014Sleep stage W\u0014\u0000",
                "+120\u0014\u0014\u0000+120\u001530\u0014Sleep stage 2\u0014\u0000"
                        + "+125.5\u00151.25\u0014Limb movement left\u0014Limb movement right\u0014Arousal\u0014\u0000"
                        + "+150\u0014Sleep stage ?\u0014\u0000");
        PsgEvents events = EdfAnnotationsReader.read(f, EventLabels.defaults());
        Night n = events.night();
        assertEquals(LocalDateTime.of(1989, 12, 24, 22, 15), n.start());
        // 120 s of wake become four 30-s epochs, then one N2 epoch.
        List<Epoch> epochs = n.hypnogram().epochs();
        assertEquals(5, epochs.size());
        assertEquals(new Epoch(90, 30, Stage.WAKE), epochs.get(3));
        assertEquals(new Epoch(120, 30, Stage.N2), epochs.get(4));
        assertEquals(List.of(LegMovement.of(Leg.LEFT, 125.5, 1.25), LegMovement.of(Leg.RIGHT, 125.5, 1.25)),
                n.legMovements());
        assertEquals(1, n.arousals().size());
        assertEquals(Map.of("Sleep stage ?", 1), events.ignoredEvents());
    }

    @Test
    void unknownRecordCountIsTakenFromTheFileLength() throws Exception {
        Path f = edf("open.edf", "Startdate 02-JAN-2084 X X X", "02.01.84", "-1", 64,
                "+0\u0014\u0014\u0000+0\u0014Sleep stage R\u0014\u0000",
                "+1\u0014\u0014\u0000+30\u0014Sleep stage R\u0014\u0000");
        Night n = EdfAnnotationsReader.read(f, EventLabels.defaults()).night();
        assertEquals(LocalDateTime.of(2084, 1, 2, 22, 15), n.start());
        assertEquals(2, n.hypnogram().epochs().size());
    }

    @Test
    void unclosedTal() throws Exception {
        Path f = edf("bad.edf", "Startdate X X X X", "01.01.01", "1", 32, "+0\u0014\u0014\u0000+5\u0014Arousal");
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> EdfAnnotationsReader.read(f, EventLabels.defaults()));
        // The text starts at byte 512 + 5 + 3 and is never closed by 0x14.
        assertEquals("byte 520", e.where());
        assertTrue(e.getMessage().contains("malformed TAL"), e.getMessage());
    }
}
