package org.plmwatch.analyzer.io;

import org.plmwatch.core.io.InputFormatException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.core.model.Epoch;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.Night;
import org.plmwatch.core.model.Stage;
import org.plmwatch.core.model.TimedEvent;

/**
 * EDF+ files written by Debian's EDFlib (the reference C library, package libedf-dev) through
 * the test resource {@code edflib/write_edfplus.c}, compiled here with gcc; skipped when gcc or
 * edflib.h is missing. The files start 2003-03-03 22:30:00; EDFlib stores onsets and durations
 * in units of 100 µs, so the expected values below are exact at that resolution.
 */
class EdfAnnotationsReaderTest {

    @TempDir
    static Path tools;
    static Path writer;

    @TempDir
    Path dir;

    /** An annotation as EDFlib takes it: onset and duration in 100 µs, duration -1 for none. */
    private record Ann(long onset, long duration, String text) {
    }

    private static final long FIRST_EPOCH = 123_456; // 12.3456 s after the file start
    private static final int EPOCHS = 80;
    private static final String[] STAGE_TEXTS =
            {"Sleep stage W", "Sleep stage N1", "Sleep stage N2", "Sleep stage N3", "Sleep stage R"};
    private static final Stage[] STAGES = {Stage.WAKE, Stage.N1, Stage.N2, Stage.N3, Stage.REM};

    @BeforeAll
    static void compileWriter() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(Path.of("/usr/include/edflib.h")), "edflib.h absent (libedf-dev)");
        Path source = tools.resolve("write_edfplus.c");
        try (InputStream in = EdfAnnotationsReaderTest.class.getResourceAsStream("/edflib/write_edfplus.c")) {
            Files.copy(in, source);
        }
        writer = tools.resolve("write_edfplus");
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-O1", "-o", writer.toString(), source.toString(), "-ledf", "-lm")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("gcc absent: " + e.getMessage());
            return;
        }
        String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, gcc.exitValue(), "gcc: " + out);
    }

    private Path writeEdf(String name, List<Ann> anns, int seconds) throws Exception {
        Path tsv = dir.resolve(name + ".tsv");
        StringBuilder sb = new StringBuilder();
        for (Ann a : anns) {
            sb.append(a.onset()).append('\t').append(a.duration()).append('\t').append(a.text()).append('\n');
        }
        Files.writeString(tsv, sb.toString(), StandardCharsets.UTF_8);
        Path edf = dir.resolve(name);
        Process p = new ProcessBuilder(writer.toString(), edf.toString(), tsv.toString(), String.valueOf(seconds))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "write_edfplus: " + out);
        return edf;
    }

    /** A 40-min scored night plus events, seeded. */
    private static List<Ann> night(long seed) {
        Random rnd = new Random(seed);
        List<Ann> anns = new ArrayList<>();
        for (int e = 0; e < EPOCHS; e++) {
            // Epoch 5 has no duration: the reader must take 30 s.
            anns.add(new Ann(FIRST_EPOCH + e * 300_000L, e == 5 ? -1 : 300_000, STAGE_TEXTS[e % STAGE_TEXTS.length]));
        }
        anns.add(new Ann(FIRST_EPOCH + EPOCHS * 300_000L, 300_000, "Sleep stage ?"));
        anns.add(new Ann(50_000, -1, "Lights off"));
        // Before the first epoch: onset -2.3456 s.
        anns.add(new Ann(100_000, 15_000, "Limb movement right"));
        for (int i = 0; i < 30; i++) {
            boolean left = rnd.nextBoolean();
            String text = i % 2 == 0 ? (left ? "Limb movement left" : "Limb movement right")
                    : (left ? "Leg movement (left)" : "Leg movement (right)");
            anns.add(new Ann(FIRST_EPOCH + rnd.nextInt(24_000_000), 5_000 + rnd.nextInt(95_000), text));
        }
        for (int i = 0; i < 10; i++) {
            anns.add(new Ann(FIRST_EPOCH + rnd.nextInt(24_000_000), 30_000 + rnd.nextInt(120_000), "Arousal"));
        }
        for (int i = 0; i < 8; i++) {
            anns.add(new Ann(FIRST_EPOCH + rnd.nextInt(24_000_000), 100_000 + rnd.nextInt(300_000),
                    i % 2 == 0 ? "Obstructive apnea" : "Hypopnea"));
        }
        for (int i = 0; i < 3; i++) {
            anns.add(new Ann(FIRST_EPOCH + rnd.nextInt(24_000_000), 200_000, "Desaturation"));
        }
        anns.sort(Comparator.comparingLong(Ann::onset));
        return anns;
    }

    private static double seconds(long units) {
        return (units - FIRST_EPOCH) / 1e4;
    }

    private static void assertNightRoundTrips(List<Ann> anns, Night n) {
        assertEquals(LocalDateTime.of(2003, 3, 3, 22, 30, 12, 345_600_000), n.start());
        List<Epoch> epochs = n.hypnogram().epochs();
        assertEquals(EPOCHS, epochs.size());
        for (int e = 0; e < EPOCHS; e++) {
            assertEquals(e * 30.0, epochs.get(e).onsetSeconds(), 1e-9);
            assertEquals(30.0, epochs.get(e).durationSeconds(), 1e-9);
            assertEquals(STAGES[e % STAGES.length], epochs.get(e).stage());
        }
        List<LegMovement> lms = n.legMovements();
        List<Ann> lmAnns = anns.stream().filter(a -> a.text().contains("movement")).toList();
        assertEquals(31, lms.size());
        for (int i = 0; i < lms.size(); i++) {
            Ann a = lmAnns.get(i);
            assertEquals(a.text().contains("left") ? Leg.LEFT : Leg.RIGHT, lms.get(i).leg());
            assertEquals(seconds(a.onset()), lms.get(i).onsetSeconds(), 1e-9, a.toString());
            assertEquals(a.duration() / 1e4, lms.get(i).durationSeconds(), 1e-9, a.toString());
        }
        assertEquals(-2.3456, lms.get(0).onsetSeconds(), 1e-9);
        assertTimed(anns.stream().filter(a -> a.text().equals("Arousal")).toList(), n.arousals());
        assertTimed(anns.stream().filter(a -> a.text().endsWith("pnea")).toList(), n.respiratoryEvents());
    }

    private static void assertTimed(List<Ann> expected, List<TimedEvent> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < actual.size(); i++) {
            assertEquals(seconds(expected.get(i).onset()), actual.get(i).onsetSeconds(), 1e-9);
            assertEquals(expected.get(i).duration() / 1e4, actual.get(i).durationSeconds(), 1e-9);
        }
    }

    @Test
    void edfPlusContinuousRoundTrips() throws Exception {
        List<Ann> anns = night(2003);
        Path edf = writeEdf("night.edf", anns, 2_500);
        PsgEvents events = EdfAnnotationsReader.read(edf, EventLabels.defaults());
        assertEquals("edf+", events.format());
        assertNightRoundTrips(anns, events.night());
        assertEquals(Map.of("Desaturation", 3, "Lights off", 1, "Sleep stage ?", 1), events.ignoredEvents());
        // Dispatch by content gives the same.
        PsgEvents dispatched = PsgReaders.read(edf, EventLabels.defaults());
        assertEquals("edf+", dispatched.format());
        assertNightRoundTrips(anns, dispatched.night());
    }

    @Test
    void edfPlusDiscontinuousReadsTheSame() throws Exception {
        List<Ann> anns = night(17);
        Path edf = writeEdf("d.edf", anns, 2_500);
        byte[] b = Files.readAllBytes(edf);
        assertEquals("EDF+C", new String(b, 192, 5, StandardCharsets.US_ASCII));
        b[196] = 'D';
        Files.write(edf, b);
        assertNightRoundTrips(anns, EdfAnnotationsReader.read(edf, EventLabels.defaults()).night());
    }

    @Test
    void noRespiratoryAnnotationsMeansNotScored() throws Exception {
        List<Ann> anns = new ArrayList<>(night(5));
        anns.removeIf(a -> a.text().endsWith("pnea"));
        Night n = EdfAnnotationsReader.read(writeEdf("noresp.edf", anns, 2_500), EventLabels.defaults()).night();
        assertEquals(null, n.respiratoryEvents());
        assertEquals(31, n.legMovements().size());
    }

    @Test
    void labsOwnLabelsInUtf8() throws Exception {
        List<Ann> anns = List.of(new Ann(0, 300_000, "Schlafstadium 2"), new Ann(300_000, 300_000, "Schlafstadium 2"),
                new Ann(310_000, 12_345, "Beinbewegung rechts"), new Ann(320_000, -1, "Weckreaktion ä"));
        Path edf = writeEdf("de.edf", anns, 700);
        Night n = EdfAnnotationsReader.read(edf, EventLabels.builder().stage("Schlafstadium 2", Stage.N2)
                .rightLegMovement("Beinbewegung rechts").arousal("Weckreaktion ä").build()).night();
        assertEquals(LocalDateTime.of(2003, 3, 3, 22, 30), n.start());
        assertEquals(2, n.hypnogram().epochs().size());
        assertEquals(List.of(LegMovement.of(Leg.RIGHT, 31.0, 1.2345)), n.legMovements());
        assertEquals(List.of(new TimedEvent(32.0, 0.0)), n.arousals());
    }

    private InputFormatException fail(Path edf) {
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> EdfAnnotationsReader.read(edf, EventLabels.defaults()));
        assertTrue(e.getMessage().startsWith(edf.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("Fix: "), e.getMessage());
        return e;
    }

    @Test
    void truncatedFileSaysExpectedAndActualBytes() throws Exception {
        Path edf = writeEdf("trunc.edf", night(1), 2_500);
        byte[] b = Files.readAllBytes(edf);
        int cut = b.length - 1_000;
        Files.write(edf, Arrays.copyOf(b, cut));
        InputFormatException e = fail(edf);
        assertEquals("byte " + cut, e.where());
        assertTrue(e.getMessage().contains(cut + " bytes, but the header promises " + b.length), e.getMessage());
        // Cut inside the header.
        Files.write(edf, Arrays.copyOf(b, 300));
        assertEquals("byte 300", fail(edf).where());
    }

    @Test
    void plainEdfHasNoAnnotations() throws Exception {
        // EDFlib writes only EDF+ (EDF+C); a plain EDF header has a blank reserved field.
        Path edf = writeEdf("plain.edf", List.of(), 10);
        byte[] b = Files.readAllBytes(edf);
        Arrays.fill(b, 192, 197, (byte) ' ');
        Files.write(edf, b);
        InputFormatException e = fail(edf);
        assertEquals("byte 192", e.where());
        assertTrue(e.getMessage().contains("plain EDF has no annotations"), e.getMessage());
    }

    @Test
    void notEdfAtAll() throws Exception {
        Path edf = writeEdf("x.edf", night(2), 2_500);
        byte[] b = Files.readAllBytes(edf);
        b[0] = 'X';
        Files.write(edf, b);
        assertEquals("byte 0", fail(edf).where());
        // By content, neither EDF nor text.
        InputFormatException e = assertThrows(InputFormatException.class, () -> PsgReaders.read(edf, EventLabels.defaults()));
        assertTrue(e.getMessage().contains("neither an EDF+ file"), e.getMessage());
    }

    @Test
    void unparsableHeaderField() throws Exception {
        Path edf = writeEdf("hdr.edf", night(3), 2_500);
        byte[] b = Files.readAllBytes(edf);
        System.arraycopy("25x0    ".getBytes(StandardCharsets.US_ASCII), 0, b, 236, 8);
        Files.write(edf, b);
        InputFormatException e = fail(edf);
        assertEquals("byte 236", e.where());
        assertTrue(e.getMessage().contains("number of data records '25x0'"), e.getMessage());
    }

    @Test
    void malformedTalGivesItsOffset() throws Exception {
        Path edf = writeEdf("tal.edf", night(4), 2_500);
        byte[] b = Files.readAllBytes(edf);
        int signals = Integer.parseInt(new String(b, 252, 4, StandardCharsets.US_ASCII).trim());
        int header = 256 * (signals + 1);
        int dummyBytes = 2 * Integer.parseInt(new String(b, 256 + signals * 216, 8, StandardCharsets.US_ASCII).trim());
        int annotationBytes = 2 * Integer.parseInt(new String(b, 256 + signals * 216 + 8, 8, StandardCharsets.US_ASCII).trim());
        int secondRecordTal = header + (dummyBytes + annotationBytes) + dummyBytes;
        assertEquals('+', b[secondRecordTal]);
        b[secondRecordTal] = '*';
        Files.write(edf, b);
        InputFormatException e = fail(edf);
        assertEquals("byte " + secondRecordTal, e.where());
        assertTrue(e.getMessage().contains("malformed TAL"), e.getMessage());
    }

    @Test
    void legMovementWithoutLegNamesItsTal() throws Exception {
        List<Ann> anns = List.of(new Ann(0, 300_000, "Sleep stage N2"), new Ann(40_000, 10_000, "Limb movement"));
        Path edf = writeEdf("noleg.edf", anns, 60);
        byte[] b = Files.readAllBytes(edf);
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int text = s.indexOf("Limb movement\u0014");
        int talStart = s.lastIndexOf('\0', text) + 1;
        assertEquals('+', b[talStart]);
        InputFormatException e = fail(edf);
        assertEquals("byte " + talStart, e.where());
        assertTrue(e.getMessage().contains("--left-label"), e.getMessage());
    }

    @Test
    void noStages() throws Exception {
        Path edf = writeEdf("nostage.edf", List.of(new Ann(40_000, 10_000, "Arousal")), 60);
        InputFormatException e = fail(edf);
        assertEquals("", e.where());
        assertTrue(e.getMessage().contains("no sleep-stage rows"), e.getMessage());
    }
}
