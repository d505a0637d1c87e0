package org.plmwatch.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.analyzer.detect.SyntheticPsg;
import org.plmwatch.sim.synth.SyntheticNightConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code validate} on two seeded synthetic nights, each with a perfectly scored PSG export. */
class ValidateCommandTest {

    @TempDir
    static Path dir;
    static SyntheticPsg.Files3 low;
    static SyntheticPsg.Files3 high;

    @BeforeAll
    static void generate() throws IOException {
        low = SyntheticPsg.write(SyntheticNightConfig.defaults(21).withRecordingHours(1.5).withPlmsPerHour(15), dir, "low");
        high = SyntheticPsg.write(SyntheticNightConfig.defaults(22).withRecordingHours(1.5).withPlmsPerHour(70), dir, "high");
    }

    @Test
    void twoNightsGivePerLegAgreementAndBlandAltman() throws IOException {
        Path json = dir.resolve("agreement.json");
        CliRunner r = CliRunner.run("validate",
                "--left", low.left().toString(), "--right", low.right().toString(), "--psg", low.psg().toString(),
                "--left", high.left().toString(), "--right", high.right().toString(), "--psg", high.psg().toString(),
                "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("limits of agreement"), r.out());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, j.get("nights").size());
        for (JsonNode n : j.get("nights")) {
            for (String leg : new String[] {"left", "right"}) {
                JsonNode l = n.get("legs").get(leg);
                int matched = l.get("matched").asInt();
                assertEquals(matched + l.get("missed").asInt(), truthCount(n.get("night").asText(), leg),
                        "matched + missed = the PSG's movements of that leg");
                assertTrue(l.get("f1").asDouble() >= 0.9, n + " " + leg);
                assertTrue(l.get("median_onset_error_s").asDouble() <= 0.3, l.toString());
                assertTrue(l.get("median_duration_error_s").asDouble() <= 0.5, l.toString());
            }
            double psg = n.get("plms_index_psg").asDouble();
            assertEquals(psg, n.get("plms_index_device").asDouble(), Math.max(1.0, 0.05 * psg));
        }
        JsonNode ba = j.get("bland_altman");
        assertEquals(2, ba.get("nights").asInt());
        assertEquals(ba.get("bias").asDouble() - 1.96 * ba.get("sd").asDouble(), ba.get("lower_limit").asDouble(), 1e-3);
    }

    /** The PSG's monolateral movements of a leg after rules 1–2, as the scorer sees them. */
    private static int truthCount(String night, String leg) throws IOException {
        SyntheticPsg.Files3 f = night.startsWith("low") ? low : high;
        CliRunner r = CliRunner.run("score", f.psg().toString(), "--json", "-");
        int n = 0;
        for (JsonNode m : new ObjectMapper().readTree(r.out()).get("leg_movements")) {
            n += m.get("leg").asText().equals(leg) ? 1 : 0;
        }
        return n;
    }

    @Test
    void aBrokenNightIsReportedAndTheOthersGoOn() throws IOException {
        Path broken = dir.resolve("broken-psg.txt");
        Files.writeString(broken, "this is not an export\n");
        CliRunner r = CliRunner.run("validate",
                "--left", broken.toString(), "--psg", broken.toString(),
                "--left", low.left().toString(), "--psg", low.psg().toString());
        assertEquals(ExitCode.BAD_INPUT, r.code());
        assertTrue(r.err().contains("night 1 skipped") && r.err().contains("broken-psg.txt"), r.err());
        assertTrue(r.out().contains("low-psg: PLMS index"), "night 2 still validated: " + r.out());
    }

    @Test
    void countsOfRecordingsMustMatchTheNights() {
        assertEquals(ExitCode.USAGE, CliRunner.run("validate", "--left", low.left().toString(), "--left",
                high.left().toString(), "--psg", low.psg().toString()).code());
        assertEquals(ExitCode.USAGE, CliRunner.run("validate", "--psg", low.psg().toString()).code());
    }
}
