package org.plmwatch.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ScoreCommandTest {

    private static final Path PSG = Path.of(System.getProperty("plmwatch.shared.data", "../../shared/data"), "psg");

    /** The field names of docs/SCORING.md §8. */
    private static final List<String> SECTION_G = List.of("start", "rules", "tib_hours", "tst_hours",
            "clm_count_sleep", "plm_count_sleep", "clm_count_tib", "plm_count_tib", "nonclm_count_tib",
            "bilateral_clm_count_tib", "plms_index", "plms_nr_index", "plmw_index", "clms_index",
            "periodicity_index", "leg_movements", "movements");

    private static Path night(int n) {
        Path p = PSG.resolve("night" + n + ".remlogic.txt");
        assumeTrue(Files.isRegularFile(p), "shared PSG data absent: " + p);
        return p;
    }

    @Test
    void realNightsScoreWithSectionGJson(@TempDir Path tmp) throws IOException {
        for (int n = 1; n <= 2; n++) {
            Path json = tmp.resolve("night" + n + ".json");
            CliRunner r = CliRunner.run("score", night(n).toString(), "--json", json.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("PLM in sleep (PLMS)"), r.out());
            JsonNode j = new ObjectMapper().readTree(json.toFile());
            for (String field : SECTION_G) {
                assertTrue(j.has(field), "missing " + field + " in night " + n);
            }
            assertEquals("wasm2016", j.get("rules").asText());
            // Derived figures must agree with the movement list they come from.
            int plmSleep = 0;
            int clmTib = 0;
            for (JsonNode m : j.get("movements")) {
                assertTrue(Set.of("left", "right", "bilateral").contains(m.get("leg").asText()));
                if (m.get("plm").asBoolean() && !m.get("stage").asText().equals("W")) {
                    plmSleep++;
                }
                if (m.get("clm").asBoolean()) {
                    clmTib++;
                }
                assertEquals(m.get("plm").asBoolean(), !m.get("series").isNull());
            }
            assertEquals(plmSleep, j.get("plm_count_sleep").asInt());
            assertEquals(clmTib, j.get("clm_count_tib").asInt());
            assertEquals(plmSleep / j.get("tst_hours").asDouble(), j.get("plms_index").asDouble(), 0.01);
        }
    }

    @Test
    void night1HasRespiratoryScoringAndNight2DoesNot(@TempDir Path tmp) throws IOException {
        Path j1 = tmp.resolve("1.json");
        Path j2 = tmp.resolve("2.json");
        assertEquals(0, CliRunner.run("score", night(1).toString(), "--json", j1.toString()).code());
        assertEquals(0, CliRunner.run("score", night(2).toString(), "--json", j2.toString()).code());
        ObjectMapper om = new ObjectMapper();
        JsonNode a = om.readTree(j1.toFile());
        JsonNode b = om.readTree(j2.toFile());
        assertTrue(a.get("plms_nr_index").isNumber());
        assertTrue(b.get("plms_nr_index").isNull(), "night 2 has no respiratory scoring");
        assertTrue(b.get("plm_nr_count_sleep").isNull());
        // Figures cross-checked with an independent naive implementation of the rules (see the
        // issue note): night 1 has 108 PLMs and 120 CLMs in 7.733 h of sleep, night 2 8 and 33
        // in 7.217 h, with 10 bilateral CLMs and 26 non-CLMs.
        assertEquals(108, a.get("plm_count_sleep").asInt());
        assertEquals(120, a.get("clm_count_sleep").asInt());
        assertEquals(8, b.get("plm_count_sleep").asInt());
        assertEquals(33, b.get("clm_count_sleep").asInt());
        assertEquals(10, b.get("bilateral_clm_count_tib").asInt());
        assertEquals(26, b.get("nonclm_count_tib").asInt());
        // Night 1: 959 epochs of 30 s; every PSG movement lasts 5 s, so none is over 10 s alone.
        assertEquals(959 * 30 / 3600.0, a.get("tib_hours").asDouble(), 1e-3);
        assertEquals(960 * 30 / 3600.0, b.get("tib_hours").asDouble(), 1e-3);
        assertEquals(109, a.get("ignored_events").get("DESAT").asInt());
    }

    @Test
    void aasmRulesAreSelectable(@TempDir Path tmp) throws IOException {
        Path json = tmp.resolve("a.json");
        CliRunner r = CliRunner.run("score", night(1).toString(), "--rules", "aasm", "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("aasm", new ObjectMapper().readTree(json.toFile()).get("rules").asText());
    }

    @Test
    void csvTablesHaveOneRowPerMovementAndPerBin(@TempDir Path tmp) throws IOException {
        Path json = tmp.resolve("n.json");
        Path dir = tmp.resolve("csv");
        assertEquals(0, CliRunner.run("score", night(2).toString(), "--json", json.toString(), "--csv", dir.toString()).code());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        List<String> movements = Files.readAllLines(dir.resolve("movements.csv"));
        assertEquals(j.get("movements").size() + 1, movements.size());
        assertTrue(movements.get(0).startsWith("night,onset_s,onset_time,duration_s,leg,"));
        assertEquals(j.get("leg_movements").size() + 1, Files.readAllLines(dir.resolve("leg_movements.csv")).size());
        List<String> indices = Files.readAllLines(dir.resolve("indices.csv"));
        assertEquals(2, indices.size());
        assertTrue(indices.get(1).startsWith("night2,"));
        assertEquals(45 + 1 + 1, Files.readAllLines(dir.resolve("imi_histogram.csv")).size());
    }

    @Test
    void jsonToStandardOutputIsPureJson() throws IOException {
        CliRunner r = CliRunner.run("score", night(2).toString(), "--json", "-");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(j.get("plm_count_tib").asInt(), countPlm(j));
    }

    private static int countPlm(JsonNode j) {
        int n = 0;
        for (JsonNode m : j.get("movements")) {
            n += m.get("plm").asBoolean() ? 1 : 0;
        }
        return n;
    }

    @Test
    void notARemLogicFileIsBadInputNamingTheFile(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("notes.txt");
        Files.writeString(f, "Dear doctor,\nthe patient slept well.\n");
        CliRunner r = CliRunner.run("score", f.toString());
        assertEquals(ExitCode.BAD_INPUT, r.code());
        assertTrue(r.err().contains(f.toString()), r.err());
        assertTrue(r.err().contains("Fix:"), r.err());
    }

    @Test
    void badTimeIsBadInputNamingTheLine(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("bad-time.txt");
        Files.writeString(f, String.join("\n",
                "RemLogic Event Export",
                "",
                "Time [hh:mm:ss.xxx]\tEvent\tDuration[s]\tLocation",
                "2001-01-01T22:50:57.000000\tSLEEP-S2\t30.00\tEKG",
                "2001-01-01T22:5x:27.000000\tSLEEP-S2\t30.00\tEKG",
                ""), StandardCharsets.UTF_8);
        CliRunner r = CliRunner.run("score", f.toString());
        assertEquals(ExitCode.BAD_INPUT, r.code());
        assertTrue(r.err().contains("line 5"), r.err());
    }

    @Test
    void exportWithoutSleepStagesIsBadInput(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("no-stages.txt");
        Files.writeString(f, String.join("\n",
                "Time [hh:mm:ss.xxx]\tEvent\tDuration[s]\tLocation",
                "2001-01-01T22:50:57.000000\tLM\t2.00\tEMG.Tibialis-Leg.Left",
                ""), StandardCharsets.UTF_8);
        CliRunner r = CliRunner.run("score", f.toString());
        assertEquals(ExitCode.BAD_INPUT, r.code());
        assertTrue(r.err().toLowerCase().contains("stage"), r.err());
    }

    @Test
    void truncatedEdfIsBadInputNamingTheByte(@TempDir Path tmp) throws IOException {
        // A header that promises one 16-byte record but ends after the header.
        Path f = tmp.resolve("cut.edf");
        StringBuilder h = new StringBuilder();
        h.append(pad("0", 8)).append(pad("X X X X", 80)).append(pad("Startdate 01-JAN-2001 X X X", 80))
                .append(pad("01.01.01", 8)).append(pad("22.00.00", 8)).append(pad("512", 8))
                .append(pad("EDF+C", 44)).append(pad("1", 8)).append(pad("1", 8)).append(pad("1", 4))
                .append(pad("EDF Annotations", 16)).append(pad("", 80)).append(pad("", 8))
                .append(pad("-32768", 8)).append(pad("32767", 8)).append(pad("-32768", 8)).append(pad("32767", 8))
                .append(pad("", 80)).append(pad("8", 8)).append(pad("", 32));
        Files.writeString(f, h.toString(), StandardCharsets.US_ASCII);
        CliRunner r = CliRunner.run("score", f.toString());
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("byte"), r.err());
    }

    private static String pad(String s, int n) {
        return String.format("%-" + n + "s", s);
    }

    @Test
    void labLabelsForStagesAndLegsAreAccepted(@TempDir Path tmp) throws IOException {
        StringBuilder b = new StringBuilder("Time [hh:mm:ss.xxx]\tEvent\tDuration[s]\n");
        java.time.LocalDateTime t0 = java.time.LocalDateTime.of(2001, 1, 1, 23, 0);
        java.time.format.DateTimeFormatter iso = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
        for (int i = 0; i < 20; i++) {
            b.append(iso.format(t0.plusSeconds(30L * i))).append("\tStadium2\t30.0\n");
        }
        for (int i = 0; i < 5; i++) {
            b.append(iso.format(t0.plusSeconds(60 + 20L * i))).append("\tBein links\t2.0\n");
        }
        Path f = tmp.resolve("lab.txt");
        Files.writeString(f, b.toString());
        CliRunner bad = CliRunner.run("score", f.toString());
        assertEquals(ExitCode.BAD_INPUT, bad.code());
        assertTrue(bad.err().contains("--stage-label"), bad.err());
        CliRunner r = CliRunner.run("score", f.toString(), "--stage-label", "N2=Stadium2", "--left-label", "Bein links",
                "--json", "-");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(5, j.get("leg_movements").size());
        assertEquals(20 * 30 / 3600.0, j.get("tst_hours").asDouble(), 1e-3);
        assertEquals(ExitCode.USAGE, CliRunner.run("score", f.toString(), "--stage-label", "N5=x").code());
    }

    @Test
    void missingFileIsBadInput() {
        CliRunner r = CliRunner.run("score", "/no/such/night.txt");
        assertEquals(ExitCode.BAD_INPUT, r.code());
        assertTrue(r.err().contains("/no/such/night.txt"));
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(ExitCode.USAGE, CliRunner.run("score").code());
        assertEquals(ExitCode.USAGE, CliRunner.run("score", "--rules", "rls2020", "x").code());
        assertEquals(ExitCode.USAGE, CliRunner.run("frobnicate").code());
        assertEquals(ExitCode.USAGE, CliRunner.run().code());
    }

    @Test
    void helpAndVersionExitZero() {
        CliRunner help = CliRunner.run("--help");
        assertEquals(0, help.code());
        for (String cmd : new TreeSet<>(List.of("score", "demo"))) {
            assertTrue(help.out().contains(cmd), help.out());
        }
        assertEquals(0, CliRunner.run("--version").code());
    }

    @Test
    void psgStyleDemoScoresItsOwnNightAndIsDeterministic(@TempDir Path tmp) throws IOException {
        CliRunner r = CliRunner.run("demo", "--psg-style");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("PLMS index"), r.out());
        Path a = tmp.resolve("a.json");
        Path b = tmp.resolve("b.json");
        CliRunner.run("demo", "--psg-style", "--seed", "7", "--json", a.toString());
        CliRunner.run("demo", "--psg-style", "--seed", "7", "--json", b.toString());
        assertEquals(Files.readString(a), Files.readString(b));
        JsonNode j = new ObjectMapper().readTree(a.toFile());
        assertTrue(j.get("plm_count_sleep").asInt() > 50, "the demo night has PLM episodes");
        assertTrue(j.get("respiratory_clm_count_sleep").asInt() > 0, "and respiratory-related movements");
        assertTrue(j.get("plms_nr_index").asDouble() < j.get("plms_index").asDouble());
    }
}
