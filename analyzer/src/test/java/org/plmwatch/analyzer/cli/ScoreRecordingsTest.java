package org.plmwatch.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.analyzer.detect.SyntheticPsg;
import org.plmwatch.sim.synth.SyntheticNightConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code score --left/--right [--psg]} on a seeded two-hour synthetic night with a perfect PSG. */
class ScoreRecordingsTest {

    @TempDir
    static Path dir;
    static SyntheticPsg.Files3 night;

    @BeforeAll
    static void generate() throws IOException {
        night = SyntheticPsg.write(SyntheticNightConfig.defaults(11).withRecordingHours(2).withPlmsPerHour(40), dir, "n11");
    }

    private static JsonNode json(CliRunner r) throws IOException {
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void bothAnklesWithThePsgGiveThePsgsPlmsIndex() throws IOException {
        JsonNode truth = json(CliRunner.run("score", night.psg().toString(), "--json", "-"));
        JsonNode device = json(CliRunner.run("score", "--left", night.left().toString(), "--right",
                night.right().toString(), "--psg", night.psg().toString(), "--json", "-"));
        double t = truth.get("plms_index").asDouble();
        double d = device.get("plms_index").asDouble();
        assertTrue(t > 20, "the night has PLMs: " + t);
        // The detection issue's target: within ±1/h or ±5 %, whichever is larger.
        assertEquals(t, d, Math.max(1.0, 0.05 * t), "device " + d + " vs PSG " + t);
        assertEquals("psg-hypnogram", device.get("sleep_source").asText());
        assertEquals(truth.get("tst_hours").asDouble(), device.get("tst_hours").asDouble(), 1e-9);
        for (JsonNode m : device.get("leg_movements")) {
            assertTrue(m.get("peak_g").asDouble() > 0.01, "every detected movement carries its peak: " + m);
        }
        assertTrue(device.get("notes").toString().contains("set aside"), "says the PSG's own movements were not used");
    }

    @Test
    void oneLegAloneWorksAndSaysSo() throws IOException {
        JsonNode j = json(CliRunner.run("score", "--right", night.right().toString(), "--json", "-"));
        assertEquals(List.of("right"), List.of(j.get("legs_recorded").get(0).asText()));
        assertEquals(1, j.get("legs_recorded").size());
        assertEquals(0, j.get("bilateral_clm_count_tib").asInt());
        assertTrue(j.get("notes").toString().contains("one leg recorded (right)"), j.get("notes").toString());
        assertEquals("actigraphy", j.get("sleep_source").asText());
        for (JsonNode m : j.get("leg_movements")) {
            assertEquals("right", m.get("leg").asText());
        }
    }

    @Test
    void withoutAPsgSleepComesFromActigraphyAndSaysSo() throws IOException {
        CliRunner r = CliRunner.run("score", "--left", night.left().toString(), "--right", night.right().toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("sleep from actigraphy"), r.out());
        assertTrue(r.out().contains("estimated from both ankles"), r.out());
        JsonNode j = json(CliRunner.run("score", "--left", night.left().toString(), "--right", night.right().toString(),
                "--json", "-"));
        double trueTstHours = night.night().hypnogram().tstSeconds() / 3600;
        assertEquals(trueTstHours, j.get("tst_hours").asDouble(), 0.25, "actigraphy TST near the truth");
    }

    @Test
    void mixedOrIncompleteArgumentsAreUsageErrors() {
        assertEquals(ExitCode.USAGE, CliRunner.run("score", night.psg().toString(), "--left", night.left().toString()).code());
        assertEquals(ExitCode.USAGE, CliRunner.run("score", "--psg", night.psg().toString()).code());
    }

    @Test
    void aRecordingWithoutStartCannotBeAlignedWithAPsg() throws IOException {
        Path noStart = dir.resolve("relative.csv");
        List<String> lines = Files.readAllLines(night.left());
        lines.removeIf(l -> l.startsWith("#"));
        Files.write(noStart, lines.subList(0, 2000));
        CliRunner r = CliRunner.run("score", "--left", noStart.toString(), "--psg", night.psg().toString());
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains("relative.csv") && r.err().contains("# start:"), r.err());
    }

    @Test
    void theRealEightHertzAnkleFileGivesItsSevenBurstsAndNothingElse() throws IOException {
        Path file = Path.of(System.getProperty("plmwatch.shared.data", "../../shared/data"), "accel", "ankle-imu-bursts.csv");
        assumeTrue(Files.isRegularFile(file), "shared accelerometer data absent");
        JsonNode j = json(CliRunner.run("score", "--left", file.toString(), "--json", "-"));
        JsonNode moves = j.get("leg_movements");
        assertEquals(7, moves.size(), moves.toString());
        for (JsonNode m : moves) {
            double d = m.get("duration_s").asDouble();
            assertTrue(d > 0.8 && d < 2.2, "about 1.5 s: " + m);
        }
    }
}
