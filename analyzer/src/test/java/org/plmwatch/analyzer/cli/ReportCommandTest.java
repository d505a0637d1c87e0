package org.plmwatch.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code plmwatch report} on the real PSG nights and on bad arguments. */
class ReportCommandTest {

    private static final Path PSG = Path.of(System.getProperty("plmwatch.shared.data", "../../shared/data"), "psg");

    private static Path night(String name) {
        Path p = PSG.resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(p), "shared PSG data not present: " + p);
        return p;
    }

    @Test
    void twoRealNightsGiveOnePageAndTheirJson(@TempDir Path dir) throws IOException {
        Path html = dir.resolve("out/report.html");
        Path json = dir.resolve("out/nights.json");
        Path diary = dir.resolve("diary.csv");
        Files.writeString(diary, "date,tags,note\n2001-01-01,caffeine,\n");
        CliRunner r = CliRunner.run("report", night("night1.remlogic.txt").toString(),
                night("night2.remlogic.txt").toString(), "--html", html.toString(), "--json", json.toString(),
                "--diary", diary.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("2 nights"), r.out());
        String page = Files.readString(html);
        assertTrue(page.contains("Across nights"));
        assertTrue(page.contains("night1.remlogic.txt") && page.contains("night2.remlogic.txt"));
        JsonNode j = new ObjectMapper().readTree(json.toFile()).get("nights");
        assertEquals(2, j.size());
        // The page shows the very figure the JSON holds.
        String plmsi = String.format(java.util.Locale.ROOT, "%.1f", j.get(0).get("plms_index").asDouble());
        assertTrue(page.contains(">" + plmsi + "<"), plmsi);
        assertFalse(Files.exists(dir.resolve("out/report.html.part")));
    }

    @Test
    void aFolderIsExpandedAndTheReportsOwnFilesInItAreNotJunk(@TempDir Path dir) throws IOException {
        Files.copy(night("night1.remlogic.txt"), dir.resolve("night1.remlogic.txt"));
        Files.copy(night("night2.remlogic.txt"), dir.resolve("night2.remlogic.txt"));
        Path html = dir.resolve("report.html");
        for (int run = 0; run < 2; run++) {
            CliRunner r = CliRunner.run("report", dir.toString(), "--html", html.toString(), "--json",
                    dir.resolve("nights.json").toString());
            assertEquals(0, r.code(), "run " + run + ": " + r.err());
            assertTrue(r.out().contains("2 nights"), r.out());
        }
    }

    @Test
    void aBrokenNightIsLeftOutAndSaid(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.txt");
        Files.writeString(broken, "not an export\n");
        Path html = dir.resolve("r.html");
        CliRunner r = CliRunner.run("report", night("night1.remlogic.txt").toString(), broken.toString(),
                "--html", html.toString());
        assertEquals(ExitCode.BAD_INPUT, r.code());
        assertTrue(r.err().contains("broken.txt"), r.err());
        assertTrue(Files.exists(html), "the good night is still reported");
    }

    @Test
    void aBadDiaryNamesItsLine(@TempDir Path dir) throws IOException {
        Path diary = dir.resolve("diary.csv");
        Files.writeString(diary, "date,tags,note\n2026-11-17,iron,\nyesterday,caffeine,\n");
        CliRunner r = CliRunner.run("report", night("night1.remlogic.txt").toString(), "--html",
                dir.resolve("r.html").toString(), "--diary", diary.toString());
        assertEquals(ExitCode.BAD_INPUT, r.code());
        assertTrue(r.err().contains("line 3"), r.err());
        assertFalse(Files.exists(dir.resolve("r.html")));
    }

    @Test
    void usageErrors(@TempDir Path dir) {
        String html = dir.resolve("r.html").toString();
        assertEquals(ExitCode.USAGE, CliRunner.run("report", "--html", html).code());
        assertEquals(ExitCode.USAGE, CliRunner.run("report", "x.txt").code(), "--html is required");
        assertEquals(ExitCode.USAGE, CliRunner.run("report", "--left", "a", "--left", "b", "--right", "c",
                "--html", html).code());
        assertEquals(ExitCode.USAGE, CliRunner.run("report", "--left", "a", "--psg", "p", "--psg", "q",
                "--html", html).code());
    }
}
