package org.plmwatch.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.analyzer.detect.SyntheticPsg;
import org.plmwatch.core.nightfile.NightFileWriter;
import org.plmwatch.core.nightfile.NightHeader;
import org.plmwatch.core.nightfile.WornOn;
import org.plmwatch.sim.synth.SyntheticNightConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the CLI promises about its output and exit codes (issue 8 items 7 and 8): text from files
 * cannot drive the terminal, CSV cells cannot run as formulas, every unusable path gets its own
 * reason and exit 3, a usage error stays short.
 */
class CliContractTest {

    @TempDir
    Path dir;

    private static final String HEAD = "RemLogic Event Export\n\nTime [hh:mm:ss.xxx]\tEvent\tDuration[s]\tLocation\n";

    /** 200 epochs (6 kB, past the 4-kB text sniff, where a hostile row would sit), then {@code extraRows}. */
    private Path night(String name, String extraRows) throws IOException {
        StringBuilder b = new StringBuilder(HEAD);
        for (int i = 0; i < 200; i++) {
            int s = 23 * 3600 + 30 * i;
            b.append(String.format("%02d:%02d:%02d.000\tSLEEP-S2\t30.00\tEEG\n", s / 3600 % 24, s / 60 % 60, s % 60));
        }
        Path f = dir.resolve(name);
        Files.writeString(f, b + extraRows, StandardCharsets.UTF_8);
        return f;
    }

    private static void assertNoControls(String text) {
        for (char c : text.toCharArray()) {
            assertFalse(c < 0x20 && c != '\n' && c != '\r' || c == 0x7F || c >= 0x80 && c <= 0x9F,
                    "control character " + (int) c + " reached the terminal: " + text);
        }
    }

    @Test
    void labelsWithEscapeSequencesAreShownEscapedAndSorted() throws Exception {
        StringBuilder rows = new StringBuilder("23:01:00.000\tX\u001b]0;owned\u0007\t1.0\tEEG\n"
                + "23:02:00.000\tC1\u009b31mRED\t1.0\tEEG\n");
        for (char c = 'Z'; c >= 'A'; c--) {
            rows.append("23:03:00.000\tNOTE-").append(c).append("\t1.0\tEEG\n");
        }
        CliRunner r = CliRunner.run("score", night("esc.txt", rows.toString()).toString());
        assertEquals(0, r.code(), r.err());
        String ignored = r.out().lines().filter(l -> l.contains("Ignored event types")).findFirst().orElseThrow();
        assertNoControls(ignored);
        assertTrue(ignored.contains("X\\x1B]0;owned ×1"), ignored); // BEL trimmed with the cell
        assertTrue(ignored.contains("C1\\u009B31mRED ×1"), ignored);
        StringBuilder sorted = new StringBuilder();
        for (char c = 'A'; c <= 'Z'; c++) {
            sorted.append(sorted.length() == 0 ? "" : ", ").append("NOTE-").append(c).append(" ×1");
        }
        assertTrue(ignored.contains(sorted), "labels in a stable (sorted) order: " + ignored);
    }

    @Test
    void errorMessagesQuotingFileContentAreEscaped() throws Exception {
        Path f = night("badtime.txt", "\u001b[2J\u001b]8;;http://x\u0007\tLM\t1.0\tEEG\n");
        CliRunner r = CliRunner.run("score", f.toString());
        assertEquals(3, r.code(), r.err());
        assertNoControls(r.err());
        // the cell is trimmed (leading ESC, trailing BEL), the ESC inside it is shown escaped
        assertTrue(r.err().contains("bad time '[2J\\x1B]8;;http://x'"), r.err());
    }

    @Test
    void csvCellsCannotRunAsFormulas() throws Exception {
        Path f = night("=HYPERLINK(\"http:,,x\").txt", "");
        Path csv = dir.resolve("csv");
        CliRunner r = CliRunner.run("score", f.toString(), "--csv", csv.toString());
        assertEquals(0, r.code(), r.err());
        String indices = Files.readAllLines(csv.resolve("indices.csv")).get(1);
        assertTrue(indices.startsWith("\"'=HYPERLINK(\"\"http:,,x\"\")\","), indices);
    }

    @Test
    void startTimePrintsToTheSecond() throws Exception {
        Path f = dir.resolve("fraction.txt");
        Files.writeString(f, HEAD + "23:00:06.000488281\tSLEEP-S2\t30.00\tEEG\n23:00:36.000488281\tSLEEP-S2\t30.00\tEEG\n");
        CliRunner r = CliRunner.run("score", f.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("start 2000-01-01 23:00:06 "), r.out());
        assertFalse(r.out().contains("000488281"), r.out());
    }

    @Test
    void aDirectoryAFifoAndADeviceAreRefusedWithTheirReason() throws Exception {
        CliRunner d = CliRunner.run("score", dir.toString());
        assertEquals(3, d.code(), d.err());
        assertTrue(d.err().contains("is a directory"), d.err());
        CliRunner dev = CliRunner.run("score", "--left", "/dev/null");
        assertEquals(3, dev.code(), dev.err());
        assertTrue(dev.err().contains("not a regular file (a FIFO, socket or device)"), dev.err());
        Path fifo = dir.resolve("fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo");
        CliRunner f = CliRunner.run("score", fifo.toString()); // must not block opening it
        assertEquals(3, f.code(), f.err());
        assertTrue(f.err().contains("not a regular file"), f.err());
        CliRunner missing = CliRunner.run("score", dir.resolve("nope.txt").toString());
        assertTrue(missing.err().contains("no such file"), missing.err());
    }

    @Test
    void anUnreadableFileSaysPermissionDenied() throws Exception {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root reads every file");
        Path f = night("locked.txt", "");
        assertTrue(f.toFile().setReadable(false, false));
        CliRunner r = CliRunner.run("score", f.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("permission denied"), r.err());
    }

    @Test
    void anUnwritableOutputPathIsExit3WithoutAStackTrace() throws Exception {
        Path f = night("ok.txt", "");
        Path aFile = Files.writeString(dir.resolve("plain-file"), "x");
        for (String[] args : new String[][] {{"--json", aFile.resolve("out.json").toString()},
                {"--json", dir.toString()}, {"--csv", aFile.toString()}}) {
            CliRunner r = CliRunner.run("score", f.toString(), args[0], args[1]);
            assertEquals(3, r.code(), args[1] + ": " + r.err());
            assertTrue(r.err().startsWith("plmwatch: cannot write output: " + args[1]), r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        }
    }

    @Test
    void aUsageErrorIsShortAndPointsToHelp() {
        CliRunner r = CliRunner.run("score", "--no-such-option");
        assertEquals(2, r.code());
        assertTrue(r.err().lines().count() <= 3, r.err());
        assertTrue(r.err().contains("--no-such-option"), r.err());
        assertTrue(r.err().contains("Try 'plmwatch score --help'"), r.err());
    }

    @Test
    void aNightFileWithADamagedHeaderGetsTheNightFileMessage() throws Exception {
        Path f = dir.resolve("damaged.night");
        short[] xyz = new short[3 * 50];
        try (NightFileWriter w = NightFileWriter.create(f, NightHeader.of("dev-1", "1.0", "LIS3DH", 50, 4, 0.002,
                WornOn.LEFT, OptionalLong.empty()))) {
            w.writeSamples(0, xyz, 0, 50);
        }
        byte[] b = Files.readAllBytes(f);
        b[0] ^= 0x01; // the magic of the header block
        Files.write(f, b);
        CliRunner r = CliRunner.run("score", "--left", f.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("header block is damaged"), r.err());
        assertFalse(r.err().contains("no header row"), r.err());
    }

    @Test
    void validateJsonDashWritesJsonToStandardOutput() throws Exception {
        SyntheticPsg.Files3 n = SyntheticPsg.write(SyntheticNightConfig.defaults(31).withRecordingHours(0.5), dir, "v");
        CliRunner r = CliRunner.run("validate", "--left", n.left().toString(), "--psg", n.psg().toString(),
                "--json", "-");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(1, j.get("nights").size());
        assertFalse(Files.exists(Path.of("-")), "no file named '-'");
    }
}
