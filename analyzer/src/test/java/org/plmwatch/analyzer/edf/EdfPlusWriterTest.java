package org.plmwatch.analyzer.edf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.analyzer.io.EventLabels;
import org.plmwatch.analyzer.nights.NightInput;
import org.plmwatch.core.nightfile.MarkKind;
import org.plmwatch.core.nightfile.NightFileWriter;
import org.plmwatch.core.nightfile.NightHeader;
import org.plmwatch.core.nightfile.WornOn;
import org.plmwatch.core.scoring.RuleSet;

class EdfPlusWriterTest {

    @TempDir
    Path dir;

    private static final LocalDateTime START = LocalDateTime.of(2026, 1, 31, 22, 30, 0);

    @Test
    void layoutMergesRunsAndMapsRecordsToSlots() {
        RecordLayout l = RecordLayout.of(List.of(new long[] {10, 12}, new long[] {0, 3}, new long[] {4, 5},
                new long[] {11, 20}));
        assertEquals(2, l.runCount());
        assertEquals(6 + 11, l.recordCount());
        assertEquals(0, l.slotOf(0));
        assertEquals(5, l.slotOf(5));
        assertEquals(-1, l.slotOf(7));
        assertEquals(6, l.slotOf(10));
        assertEquals(16, l.slotOf(20));
        assertEquals(-1, l.slotOf(21));
        for (long slot = 0; slot < l.recordCount(); slot++) {
            assertEquals(slot, l.slotOf(l.recordOf(slot)));
        }
        assertTrue(RecordLayout.of(List.<long[]>of(new long[] {0, 1}, new long[] {2, 3})).continuous());
    }

    @Test
    void talsUseTheEdfPlusSyntax() {
        assertEquals("+12.5\u00150.25\u0014Leg movement left\u0014\u0000",
                new String(EdfPlusWriter.tal(new EdfAnnotation(12.5, 0.25, "Leg movement left")),
                        StandardCharsets.US_ASCII));
        assertEquals("-3\u0014Lights off\u0014\u0000",
                new String(EdfPlusWriter.tal(new EdfAnnotation(-3.00001, Double.NaN, "Lights off")),
                        StandardCharsets.US_ASCII));
        // Separators and non-ASCII in a text cannot break the TAL structure.
        assertEquals("+0\u0014a_b_c_\u0014\u0000", new String(EdfPlusWriter.tal(
                new EdfAnnotation(0, Double.NaN, "a\u0014b\u0000c\u00e9")), StandardCharsets.US_ASCII));
    }

    /** Untrusted text in the header: printable ASCII only, cut to its field, every field in place. */
    @Test
    void headerTextIsPrintableAsciiInFixedFields() throws Exception {
        String hostile = "Ger\u00e4t \u0007\r\n\u0000" + "x".repeat(300);
        EdfSignal s = new EdfSignal("Accel Left X \u00e9\u00e9\u00e9\u00e9\u00e9", hostile, "g\u00b2", -8, 8, hostile, 10);
        Path f = dir.resolve("h.edf");
        try (EdfPlusWriter w = EdfPlusWriter.create(f, new EdfPlusWriter.Header(hostile, hostile, START), List.of(s),
                RecordLayout.of(List.<long[]>of(new long[] {0, 1})), List.of(new EdfAnnotation(0.5, 1, hostile)))) {
            ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
            w.writeSamples(0, 0, b);
            w.writeSamples(1, 0, b.clear());
            w.finish();
        }
        byte[] bytes = Files.readAllBytes(f);
        int header = 256 * 3;
        for (int i = 0; i < header; i++) {
            assertTrue(bytes[i] >= 0x20 && bytes[i] < 0x7f, "byte " + i + " is " + bytes[i]);
        }
        String h = new String(bytes, 0, header, StandardCharsets.US_ASCII);
        assertEquals("0       ", h.substring(0, 8));
        assertTrue(h.substring(8, 88).startsWith("Ger_t ____x"), h.substring(8, 88));
        assertTrue(h.substring(88, 168).startsWith("Startdate 31-JAN-2026 Ger_t"), h.substring(88, 168));
        assertEquals("31.01.26", h.substring(168, 176));
        assertEquals("22.30.00", h.substring(176, 184));
        assertEquals("768     ", h.substring(184, 192));
        assertEquals("EDF+C", h.substring(192, 197));
        assertEquals("2       ", h.substring(236, 244));
        assertEquals("1       ", h.substring(244, 252));
        assertEquals("2   ", h.substring(252, 256));
        assertEquals("Accel Left X ___", h.substring(256, 272));
        assertEquals("EDF Annotations ", h.substring(272, 288));
        assertEquals("g_      ", h.substring(256 + 32 + 160, 256 + 32 + 160 + 8));
        long recordBytes = (bytes.length - header) / 2;
        assertEquals(bytes.length, header + 2 * recordBytes);
        assertThrows(IllegalArgumentException.class, () -> new EdfPlusWriter.Header("X", "X", START.withYear(2085)));
    }

    /** Thousands of annotations in a file of three records all fit, and EDFlib reads every one. */
    @Test
    void denseAnnotationsAllFitAndEdflibReadsThem() throws Exception {
        Random rnd = new Random(99);
        List<EdfAnnotation> anns = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            anns.add(new EdfAnnotation(rnd.nextInt(30_000) / 10_000.0, rnd.nextInt(50) / 10.0,
                    "Leg movement " + (i % 2 == 0 ? "left" : "right")));
        }
        // An event before the file's start (a PSG that started before the recordings) keeps its negative onset.
        anns.add(new EdfAnnotation(-5.5, 30, "Sleep stage W"));
        EdfSignal s = new EdfSignal("Accel Left X", "t", "g", -8, 8, "", 5);
        EdfSignal y = new EdfSignal("Accel Left Y", "t", "g", -8, 8, "", 5);
        EdfSignal z = new EdfSignal("Accel Left Z", "t", "g", -8, 8, "", 5);
        Path f = dir.resolve("dense.edf");
        try (EdfPlusWriter w = EdfPlusWriter.create(f, new EdfPlusWriter.Header("X X X X", "X X test", START),
                List.of(s, y, z), RecordLayout.of(List.<long[]>of(new long[] {0, 2})), anns)) {
            for (int r = 0; r < 3; r++) {
                ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < 15; i++) {
                    b.putShort((short) (i / 5 == 2 ? s.digital(1.0) : 0));
                }
                w.writeSamples(r, 0, b.flip());
            }
            w.finish();
        }
        IndependentEdfReaders.Edflib e = IndependentEdfReaders.edflib(f);
        assertEquals("3001", e.fields().get("annotations"));
        String[] early = e.annotations().stream().filter(a -> a[2].equals("Sleep stage W")).findFirst().orElseThrow();
        assertEquals(-55_000_000L, Long.parseLong(early[0]));
        assertEquals(1500, e.annotationsWith("Leg movement left"));
        assertEquals(1.0, e.medianMagnitude().get("Accel Left"), 1e-3);
    }

    /** A device night file's button presses become annotations at their time. */
    @Test
    void buttonMarksOfANightFileAreAnnotated() throws Exception {
        Path night = dir.resolve("marks.night");
        long startMicros = START.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli() * 1000;
        NightHeader h = NightHeader.of("dev-1", "0.1.0", "lis3dh", 50, 4, 0.002, WornOn.LEFT,
                OptionalLong.of(startMicros));
        try (NightFileWriter w = NightFileWriter.create(night, h)) {
            short[] xyz = new short[3 * 50];
            for (int i = 0; i < 50; i++) {
                xyz[3 * i + 2] = 500; // 1 g at 0.002 g per count
            }
            for (int s = 0; s < 600; s++) {
                w.writeSamples(s * 1_000_000L, xyz, 0, 50);
                if (s == 100) {
                    w.writeMark(s * 1_000_000L + 500_000, MarkKind.LIGHTS_OFF);
                }
                if (s == 500) {
                    w.writeMark(s * 1_000_000L, MarkKind.LIGHTS_ON);
                }
            }
        }
        Path out = dir.resolve("marks.edf");
        EdfExport.Result r = EdfExport.export(NightInput.recordings(night, null, null), RuleSet.WASM2016,
                EventLabels.defaults(), out, false);
        assertEquals(600, r.records());
        IndependentEdfReaders.Edflib e = IndependentEdfReaders.edflib(out);
        String[] off = e.annotations().stream().filter(a -> a[2].equals("Button left (lights off)")).findFirst()
                .orElseThrow(() -> new AssertionError(e.annotations().toString()));
        assertEquals(100.5, Long.parseLong(off[0]) / 1e7, 1e-4);
        assertEquals(1, e.annotationsWith("Button left (lights on)"));
        assertEquals("4", e.signals().get(0)[5], "±4 g from the night file's header");
        assertEquals(1.0, e.medianMagnitude().get("Accel Left"), 1e-3);
    }
}
