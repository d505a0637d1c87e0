package org.plmwatch.analyzer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.core.model.Epoch;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.Night;
import org.plmwatch.core.model.Stage;

/**
 * Layouts labs produce, written here: a 20-min night from 23:45:00 to 00:05:00 (40 epochs)
 * with three leg movements, one arousal and one hypopnea whose times are known exactly.
 */
class RemLogicReaderLayoutTest {

    @TempDir
    Path dir;

    /** One event row: time of day, label, duration text, location. */
    private record Row(String time, String label, String duration, String location) {
    }

    private static final String[] STAGES = {"SLEEP-S0", "SLEEP-S1", "SLEEP-S2", "SLEEP-S3", "SLEEP-REM"};

    /** The night's rows in time order; leg movement labels given by the caller. */
    private static List<Row> night(String leftLabel, String rightLabel) {
        List<Row> rows = new ArrayList<>();
        for (int e = 0; e < 40; e++) {
            int secondOfDay = (23 * 3600 + 45 * 60 + e * 30) % 86_400;
            rows.add(new Row(hms(secondOfDay) + ".000", STAGES[e % STAGES.length], "30.00", "EEG"));
        }
        rows.add(new Row("23:46:10.250", leftLabel, "1.50", "EMG.Tibialis-Leg.Left"));
        rows.add(new Row("23:50:00.000", "AROUSAL-SPONT", "5.00", "EEG-C3"));
        rows.add(new Row("23:59:50.500", rightLabel, "2.25", "EMG.Tibialis-Leg.Right"));
        rows.add(new Row("00:01:02.125", leftLabel, "0.75", "EMG.Tibialis-Leg.Left"));
        rows.add(new Row("00:02:00", "HYPOPNEA", "12.00", "Resp.Pressure-Cannula.Nasal"));
        rows.add(new Row("00:03:00", "DESAT", "20.00", "SpO2"));
        return rows;
    }

    private static String hms(int secondOfDay) {
        return String.format("%02d:%02d:%02d", secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60);
    }

    private static final String HEADER = "RemLogic Event Export\nPatient:\tanonymized\nRecording Date:\t3/14/2004\n\n"
            + "Events Included:\nAROUSAL-SPONT\nHYPOPNEA\nLM\nSLEEP-S0\n\n";

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static String table(List<Row> rows, boolean location) {
        StringBuilder sb = new StringBuilder("Time [hh:mm:ss.xxx]\tEvent\tDuration[s]" + (location ? "\tLocation" : "") + "\n");
        for (Row r : rows) {
            sb.append(r.time()).append('\t').append(r.label()).append('\t').append(r.duration());
            if (location) {
                sb.append('\t').append(r.location());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The figures every layout of {@link #night} must give, time zero 23:45:00. */
    private static void assertNight(Night n, LocalDateTime start) {
        assertEquals(start, n.start());
        List<Epoch> epochs = n.hypnogram().epochs();
        assertEquals(40, epochs.size());
        for (int e = 0; e < 40; e++) {
            assertEquals(e * 30.0, epochs.get(e).onsetSeconds(), 1e-9);
            assertEquals(30.0, epochs.get(e).durationSeconds(), 1e-9);
        }
        assertEquals(Stage.WAKE, epochs.get(0).stage());
        assertEquals(Stage.REM, epochs.get(39).stage());
        List<LegMovement> lms = n.legMovements();
        assertEquals(3, lms.size());
        assertEquals(LegMovement.of(Leg.LEFT, 70.25, 1.5), lms.get(0));
        assertEquals(LegMovement.of(Leg.RIGHT, 14 * 60 + 50.5, 2.25), lms.get(1));
        // After midnight: 16 min 2.125 s after 23:45:00.
        assertEquals(LegMovement.of(Leg.LEFT, 16 * 60 + 2.125, 0.75), lms.get(2));
        assertEquals(1, n.arousals().size());
        assertEquals(300.0, n.arousals().get(0).onsetSeconds(), 1e-9);
        assertNotNull(n.respiratoryEvents());
        assertEquals(1, n.respiratoryEvents().size());
        assertEquals(17 * 60.0, n.respiratoryEvents().get(0).onsetSeconds(), 1e-9);
        assertEquals(12.0, n.respiratoryEvents().get(0).durationSeconds(), 1e-9);
    }

    @Test
    void legFromEventNameWhenThereIsNoLocationColumn() throws Exception {
        Path f = write("nolocation.txt", HEADER + table(night("left-LM", "right-LM"), false));
        PsgEvents events = RemLogicReader.read(f, EventLabels.defaults());
        assertNight(events.night(), LocalDateTime.of(2004, 3, 14, 23, 45));
        assertEquals(Map.of("DESAT", 1), events.ignoredEvents());
    }

    @Test
    void timesOfDayInShuffledOrderAreAcrossMidnight() throws Exception {
        List<Row> rows = night("LM", "LM");
        Collections.shuffle(rows, new Random(20040314));
        Path f = write("shuffled.txt", HEADER + table(rows, true));
        assertNight(RemLogicReader.read(f, EventLabels.defaults()).night(), LocalDateTime.of(2004, 3, 14, 23, 45));
    }

    @Test
    void withoutRecordingDateTheNightStartsOnTheDefaultDate() throws Exception {
        List<Row> rows = night("PLM-LM", "PLM-LM");
        Collections.shuffle(rows, new Random(7));
        Path f = write("nodate.txt", "RemLogic Event Export\n\n" + table(rows, true));
        Night n = RemLogicReader.read(f, EventLabels.defaults()).night();
        assertNight(n, LocalDateTime.of(2000, 1, 1, 23, 45));
    }

    @Test
    void isoTimesAcrossMidnightAndEventsBeforeTheFirstEpoch() throws Exception {
        StringBuilder sb = new StringBuilder(HEADER + "Time [hh:mm:ss.xxx]\tEvent\tDuration[s]\tLocation\n");
        // A movement 2.5 s before the first epoch keeps a negative onset: time zero is the epoch.
        sb.append("2004-03-14T23:58:57.5\tLM\t1.0\tEMG.Tibialis-Leg.Right\n");
        for (int e = 0; e < 4; e++) {
            sb.append(e < 2 ? "2004-03-14T23:59:" + (e == 0 ? "00" : "30") : "2004-03-15T00:00:" + (e == 2 ? "00" : "30"))
                    .append(".000000000\tSLEEP-S2\t30.00\tEEG\n");
        }
        sb.append("2004-03-15T00:01:00.1234567\tLM\t0.5\tEMG.Tibialis-Leg.Left\n");
        Night n = RemLogicReader.read(write("iso.txt", sb.toString()), EventLabels.defaults()).night();
        assertEquals(LocalDateTime.of(2004, 3, 14, 23, 59), n.start());
        assertEquals(4, n.hypnogram().epochs().size());
        assertEquals(120.0, n.hypnogram().endSeconds(), 1e-9);
        assertEquals(-2.5, n.legMovements().get(0).onsetSeconds(), 1e-9);
        assertEquals(120.1234567, n.legMovements().get(1).onsetSeconds(), 1e-9);
    }

    @Test
    void extraColumnsInAnyOrderAreIgnored() throws Exception {
        StringBuilder sb = new StringBuilder(HEADER + "Event\tPosition\tTime [hh:mm:ss]\tSleep Stage\tLocation\tDuration [s]\n");
        for (Row r : night("PLM-LM", "PLM-LM")) {
            sb.append(r.label()).append("\tSupine\t").append(r.time().substring(0, 8)).append("\tN2\t")
                    .append(r.location()).append('\t').append(r.duration()).append('\n');
        }
        Night n = RemLogicReader.read(write("extra.txt", sb.toString()), EventLabels.defaults()).night();
        // Whole seconds only in this layout: 23:46:10, 23:59:50, 00:01:02.
        assertEquals(70.0, n.legMovements().get(0).onsetSeconds(), 1e-9);
        assertEquals(16 * 60 + 2.0, n.legMovements().get(2).onsetSeconds(), 1e-9);
        assertEquals(40, n.hypnogram().epochs().size());
    }

    @Test
    void crlfBomAndTrailingBlankLines() throws Exception {
        String text = "\uFEFF" + (HEADER + table(night("LM", "LM"), true)).replace("\n", "\r\n") + "\r\n\r\n  \r\n";
        Path f = write("crlf.txt", text);
        assertTrue(Files.readAllBytes(f)[0] == (byte) 0xEF);
        assertNight(RemLogicReader.read(f, EventLabels.defaults()).night(), LocalDateTime.of(2004, 3, 14, 23, 45));
    }

    @Test
    void labsOwnLabels() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (Row r : night("Bein links", "Bein rechts")) {
            String label = switch (r.label()) {
                case "SLEEP-S0" -> "Wach";
                case "SLEEP-S2" -> "Stadium N2";
                default -> r.label();
            };
            rows.add(new Row(r.time(), label, r.duration(), r.location()));
        }
        Path f = write("german.txt", HEADER + table(rows, false));
        EventLabels labels = EventLabels.builder()
                .leftLegMovement("Bein links").rightLegMovement("Bein rechts")
                .stage("Wach", Stage.WAKE).stage("Stadium N2", Stage.N2)
                .build();
        assertNight(RemLogicReader.read(f, labels).night(), LocalDateTime.of(2004, 3, 14, 23, 45));

        // The default vocabulary knows none of them: the movements are ignored, and without the
        // Location column nothing else tells the leg; the stages left are still read.
        PsgEvents plain = RemLogicReader.read(f, EventLabels.defaults());
        assertEquals(Map.of("Bein links", 2, "Bein rechts", 1, "DESAT", 1, "Stadium N2", 8, "Wach", 8),
                plain.ignoredEvents());
        assertEquals(24, plain.night().hypnogram().epochs().size());
        assertTrue(plain.night().legMovements().isEmpty());
    }

    @Test
    void respirationScoredOnlyWhenListedOrPresent() throws Exception {
        List<Row> noResp = new ArrayList<>(night("LM", "LM"));
        noResp.removeIf(r -> r.label().equals("HYPOPNEA"));
        // Listed but none occurred: scored, an empty list.
        Night listed = RemLogicReader.read(write("listed.txt", HEADER + table(noResp, true)),
                EventLabels.defaults()).night();
        assertEquals(List.of(), listed.respiratoryEvents());
        // Neither listed nor present: not scored.
        String unlisted = HEADER.replace("HYPOPNEA\n", "");
        Night notScored = RemLogicReader.read(write("unlisted.txt", unlisted + table(noResp, true)),
                EventLabels.defaults()).night();
        assertNull(notScored.respiratoryEvents());
        // No list, but rows: scored.
        Night present = RemLogicReader.read(write("present.txt", table(night("LM", "LM"), true)),
                EventLabels.defaults()).night();
        assertEquals(1, present.respiratoryEvents().size());
    }

    @Test
    void windows1252LabelsAreDecoded() throws Exception {
        String text = HEADER + table(night("Bewegung Bein (links)", "LM"), true).replace("AROUSAL-SPONT", "Weckreaktion Ü");
        Path f = dir.resolve("cp1252.txt");
        Files.write(f, text.getBytes("windows-1252"));
        PsgEvents events = RemLogicReader.read(f, EventLabels.builder().arousal("Weckreaktion Ü")
                .legMovement("Bewegung Bein*").build());
        assertEquals(1, events.night().arousals().size());
        assertEquals(3, events.night().legMovements().size());
    }
}
