package org.plmwatch.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.analyzer.detect.RecordingDetection;
import org.plmwatch.analyzer.detect.SyntheticPsg;
import org.plmwatch.analyzer.edf.IndependentEdfReaders;
import org.plmwatch.analyzer.io.EventLabels;
import org.plmwatch.analyzer.io.PsgEvents;
import org.plmwatch.analyzer.io.PsgReaders;
import org.plmwatch.analyzer.nights.NightInput;
import org.plmwatch.analyzer.nights.NightScoring;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.scoring.RuleSet;
import org.plmwatch.sim.synth.SyntheticNightConfig;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code export-edf} on a seeded one-hour synthetic night (two ankles and a perfectly scored PSG),
 * on the real GENEActiv file and on a recording with a hole; every file is read back by EDFlib,
 * MNE-Python and our own EDF+ annotations reader.
 */
class ExportEdfCommandTest {

    @TempDir
    static Path dir;
    static SyntheticPsg.Files3 night;
    static Path edf;
    static List<NightScoring.DetectedNight> expected;

    @BeforeAll
    static void export() throws Exception {
        night = SyntheticPsg.write(SyntheticNightConfig.defaults(23).withRecordingHours(1).withPlmsPerHour(60), dir,
                "n23");
        edf = dir.resolve("out/n23.edf");
        CliRunner r = CliRunner.run("export-edf", "--left", night.left().toString(), "--right",
                night.right().toString(), "--psg", night.psg().toString(), "--out", edf.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("EDF+C"), r.out());
        expected = NightScoring.detectAndScore(NightInput.recordings(night.left(), night.right(), night.psg()),
                RuleSet.WASM2016, EventLabels.defaults());
    }

    private static List<LegMovement> movements(Leg leg) {
        List<LegMovement> out = new java.util.ArrayList<>();
        for (NightScoring.DetectedNight n : expected) {
            for (LegMovement m : n.detection().night().legMovements()) {
                if (m.leg() == leg) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    private static int rate() {
        return (int) Math.round(expected.get(0).detection().legs().get(0).info().nominalRateHz().getAsDouble());
    }

    @Test
    void edflibReadsChannelsUnitsRatesAndOneAnnotationPerMovement() throws Exception {
        IndependentEdfReaders.Edflib e = IndependentEdfReaders.edflib(edf);
        assertEquals("1", e.fields().get("filetype"), "EDF+");
        assertEquals("6", e.fields().get("signals"));
        assertEquals("10000000", e.fields().get("record_duration"), "1-s records");
        String[] labels = {"Accel Left X", "Accel Left Y", "Accel Left Z", "Accel Right X", "Accel Right Y",
            "Accel Right Z"};
        for (int i = 0; i < 6; i++) {
            String[] s = e.signals().get(i);
            assertEquals(labels[i], s[0].trim());
            assertEquals("g", s[1].trim());
            assertEquals(rate(), Integer.parseInt(s[2]));
            assertEquals(-8.0, Double.parseDouble(s[4]));
            assertEquals(8.0, Double.parseDouble(s[5]));
        }
        long records = Long.parseLong(e.fields().get("records"));
        assertTrue(Math.abs(records - 3600) <= 2, "one hour of 1-s records: " + records);
        assertEquals(movements(Leg.LEFT).size(), e.annotationsWith("Leg movement left"));
        assertEquals(movements(Leg.RIGHT).size(), e.annotationsWith("Leg movement right"));
        assertTrue(movements(Leg.LEFT).size() > 20, "the night has movements");
        assertEquals(night.night().hypnogram().epochs().size(),
                e.annotations().stream().filter(a -> a[2].startsWith("Sleep stage ")).count());
        long series = e.annotations().stream().filter(a -> a[2].startsWith("PLM series ")).count();
        assertTrue(series >= 1, "PLM series annotated");
        // Physics: the ankles rest most of the hour, and a resting sensor reads 1 g.
        assertEquals(1.0, e.medianMagnitude().get("Accel Left"), 0.03);
        assertEquals(1.0, e.medianMagnitude().get("Accel Right"), 0.03);
        // Onsets: the first left movement where detection put it (EDFlib: 100 ns units from the file start).
        LegMovement first = movements(Leg.LEFT).get(0);
        double fileStartOnNightClock = expected.get(0).detection().legs().get(0).offsetSeconds();
        assertTrue(e.annotations().stream().anyMatch(a -> a[2].equals("Leg movement left")
                && Math.abs(Long.parseLong(a[0]) / 1e7 - (first.onsetSeconds() - fileStartOnNightClock)) < 1.0001e-4),
                "first left movement's onset");
    }

    @Test
    void mneReadsChannelsUnitsRateAndAnnotations() throws Exception {
        JsonNode m = IndependentEdfReaders.mne(edf);
        assertEquals(List.of("Accel Left X", "Accel Left Y", "Accel Left Z", "Accel Right X", "Accel Right Y",
                "Accel Right Z"), listOf(m.get("channels")));
        assertEquals(rate(), m.get("sfreq").asDouble(), 1e-9);
        // MNE names only SI units ("n/a" for g) and reads values as written (scale 1): they stay g.
        assertEquals("n/a", m.get("units").get("Accel Left X").asText());
        for (JsonNode scale : m.get("unit_scaling")) {
            assertEquals(1.0, scale.asDouble());
        }
        long left = 0;
        long right = 0;
        for (JsonNode d : m.get("annotations")) {
            left += d.asText().equals("Leg movement left") ? 1 : 0;
            right += d.asText().equals("Leg movement right") ? 1 : 0;
        }
        assertEquals(movements(Leg.LEFT).size(), left);
        assertEquals(movements(Leg.RIGHT).size(), right);
        assertEquals(1.0, m.get("median_magnitude").get("Left").asDouble(), 0.03);
        assertEquals(1.0, m.get("median_magnitude").get("Right").asDouble(), 0.03);
    }

    @Test
    void ourOwnEdfReaderReadsTheMovementsAndStagesBack() throws Exception {
        PsgEvents back = PsgReaders.read(edf, EventLabels.defaults());
        assertEquals(movements(Leg.LEFT).size() + movements(Leg.RIGHT).size(), back.night().legMovements().size());
        assertEquals(movements(Leg.LEFT).size(),
                back.night().legMovements().stream().filter(x -> x.leg() == Leg.LEFT).count());
        assertEquals(night.night().hypnogram().epochs().size(), back.night().hypnogram().epochs().size());
    }

    @Test
    void geneactivFileBecomesAnEdfAtAWholeRate() throws Exception {
        Path bin = Path.of(System.getProperty("plmwatch.shared.data", "../../shared/data"), "accel",
                "GENEActiv_testfile.bin");
        Assumptions.assumeTrue(Files.isRegularFile(bin), "shared data not present");
        Path out = dir.resolve("geneactiv.edf");
        CliRunner r = CliRunner.run("export-edf", "--left", bin.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("resampled from 85.7 Hz to 86 Hz"), r.out());
        IndependentEdfReaders.Edflib e = IndependentEdfReaders.edflib(out);
        assertEquals("3", e.fields().get("signals"));
        assertEquals("86", e.signals().get(0)[2]);
        // 58.7 s of samples starting at 10:12:54.500: records from 10:12:54 to 10:13:53.
        assertEquals("2013-05-30T10:12:54", e.fields().get("start"));
        assertEquals("60", e.fields().get("records"));
        assertEquals(1.0, e.medianMagnitude().get("Accel Left"), 0.03);
        JsonNode m = IndependentEdfReaders.mne(out);
        assertEquals(86.0, m.get("sfreq").asDouble(), 1e-9);
        assertEquals(1.0, m.get("median_magnitude").get("Left").asDouble(), 0.03);
    }

    @Test
    void aHoleInTheRecordingMakesEdfPlusDWithAGapAnnotation() throws Exception {
        Path csv = dir.resolve("hole.csv");
        StringBuilder sb = new StringBuilder("# start: 2026-01-31T22:30:00.250\n# rate: 50\nt,x,y,z\n");
        Random rnd = new Random(7);
        for (int i = 0; i < 50 * 300; i++) {
            double t = i / 50.0;
            if (t >= 120 && t < 180) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%.3f,%.4f,%.4f,%.4f%n", t, 0.02 * rnd.nextGaussian() * 0.1,
                    0.002 * rnd.nextGaussian(), 1 + 0.002 * rnd.nextGaussian()));
        }
        Files.writeString(csv, sb.toString(), StandardCharsets.US_ASCII);
        Path out = dir.resolve("hole.edf");
        CliRunner r = CliRunner.run("export-edf", "--right", csv.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("EDF+D"), r.out());
        byte[] header = Files.readAllBytes(out);
        assertEquals("EDF+D", new String(header, 192, 5, StandardCharsets.US_ASCII));
        // Records 0-120 and 180-300 of the file clock (the file starts at 22:30:00, data at .250).
        assertEquals("242", new String(header, 236, 8, StandardCharsets.US_ASCII).trim());
        // EDFlib refuses EDF+D (its error -10), so it reads the --continuous variant.
        Path continuous = dir.resolve("hole-c.edf");
        r = CliRunner.run("export-edf", "--right", csv.toString(), "--out", continuous.toString(), "--continuous");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("EDF+C") && r.out().contains("1 holes without data written as 0 g"), r.out());
        IndependentEdfReaders.Edflib e = IndependentEdfReaders.edflib(continuous);
        assertEquals("301", e.fields().get("records"));
        assertEquals(1, e.annotationsWith("Gap right (no data)"));
        String[] gap = e.annotations().stream().filter(a -> a[2].equals("Gap right (no data)")).findFirst().get();
        assertEquals(120.23, Long.parseLong(gap[0]) / 1e7, 1e-4);
        assertEquals(1.0, e.medianMagnitude().get("Accel Right"), 0.01);
        // MNE reads EDF+D too: 242 records of 50 samples, and the gap annotation.
        JsonNode m = IndependentEdfReaders.mne(out);
        assertEquals(242 * 50, m.get("n_times").asInt());
        assertTrue(m.get("annotations").toString().contains("Gap right (no data)"), m.toString());
    }

    @Test
    void badInputExits3AndLeavesNothingBehind() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "t,x,y,z\n0,0,0,1\n-1,0,0,1\n");
        Path out = dir.resolve("bad/none.edf");
        CliRunner r = CliRunner.run("export-edf", "--left", bad.toString(), "--out", out.toString());
        assertEquals(3, r.code(), r.err() + r.out());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(out.resolveSibling("none.edf.part")));
        assertEquals(2, CliRunner.run("export-edf", "--out", out.toString()).code());
        assertEquals(2, CliRunner.run("export-edf", "--left", bad.toString()).code());
    }

    private static List<String> listOf(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
