package org.plmwatch.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.analyzer.link.TestNights;
import org.plmwatch.analyzer.nights.NightsCsv;
import org.plmwatch.core.nightfile.WornOn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code plmwatch batch} on the two real PSG exports, a 4-h two-leg device night (an archive of two
 * devices, written by core's NightFileWriter from the synthetic generator) and junk: every night
 * exactly what {@code score --json} gives, rows in input order whatever the thread count, the
 * junk listed and the rest scored.
 */
class BatchCommandTest {

    private static final Path PSG = Path.of(System.getProperty("plmwatch.shared.data", "../../shared/data"), "psg");

    @TempDir
    static Path tmp;
    static Path in;
    static Path left;
    static Path right;

    @BeforeAll
    static void inputs() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(PSG), "shared data absent");
        in = Files.createDirectories(tmp.resolve("in"));
        Files.copy(PSG.resolve("night1.remlogic.txt"), in.resolve("a-night1.txt"));
        Files.copy(PSG.resolve("night2.remlogic.txt"), in.resolve("b-night2.txt"));
        left = Files.write(Files.createDirectories(in.resolve("c-archive/dev-l")).resolve("night-000001.night"),
                TestNights.night(5, 4, WornOn.LEFT, TestNights.DEFAULT_START_MICROS));
        right = Files.write(Files.createDirectories(in.resolve("c-archive/dev-r")).resolve("night-000001.night"),
                TestNights.night(5, 4, WornOn.RIGHT, TestNights.DEFAULT_START_MICROS + 30_000_000L));
        Files.writeString(in.resolve("d-readme.txt"), "these are the nights of March\n");
    }

    private static List<String> lines(Path f) throws IOException {
        return Files.readAllLines(f, StandardCharsets.UTF_8);
    }

    @Test
    void everyNightIsWhatScoreGivesAndJunkIsListed() throws IOException {
        Path out = tmp.resolve("out");
        CliRunner r = CliRunner.run("batch", in.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.out() + r.err());

        List<String> rows = lines(out.resolve("nights.csv"));
        assertEquals(String.join(",", NightsCsv.COLUMNS), rows.get(0));
        assertEquals(4, rows.size(), String.join("\n", rows));
        List<String> errors = lines(out.resolve("errors.csv"));
        assertEquals(2, errors.size(), String.join("\n", errors));
        assertTrue(errors.get(1).startsWith(in.resolve("d-readme.txt").toString()), errors.get(1));

        List<String[]> expected = List.of(
                new String[] {"score", in.resolve("a-night1.txt").toString()},
                new String[] {"score", in.resolve("b-night2.txt").toString()},
                new String[] {"score", "--left", left.toString(), "--right", right.toString()});
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < expected.size(); i++) {
            List<String> args = new ArrayList<>(List.of(expected.get(i)));
            args.addAll(List.of("--json", "-"));
            CliRunner score = CliRunner.run(args.toArray(String[]::new));
            assertEquals(0, score.code(), score.err());
            String[] cells = rows.get(i + 1).split(",", -1);
            String jsonPath = cells[cells.length - 1];
            assertTrue(jsonPath.startsWith(String.format("nights/%05d-1-", i + 1)), jsonPath);
            // Byte for byte the document score writes.
            assertEquals(score.out(), Files.readString(out.resolve(jsonPath)));
            // And the row holds the same values as the JSON, column by column.
            JsonNode j = mapper.readTree(score.out());
            assertEquals(j.get("night").asText(), cells[1]);
            assertEquals(j.get("start").asText(), cells[2]);
            for (int c = 0; c < NightsCsv.SECTION_G_SCALARS.size(); c++) {
                JsonNode v = j.get(NightsCsv.SECTION_G_SCALARS.get(c));
                assertEquals(v.isNull() ? "" : v.asText(), cells[5 + c], NightsCsv.SECTION_G_SCALARS.get(c));
            }
        }
        assertTrue(rows.get(3).startsWith("left: " + left + "; right: " + right + ",night-000001,"), rows.get(3));
        assertEquals("108", rows.get(1).split(",")[5 + NightsCsv.SECTION_G_SCALARS.indexOf("plm_count_sleep")],
                "night 1's PLMs in sleep, as ScoreCommandTest has them: " + rows.get(1));
    }

    @Test
    void oneThreadAndTwoThreadsWriteTheSameFiles() throws IOException {
        Path one = tmp.resolve("one");
        Path two = tmp.resolve("two");
        CliRunner.run("batch", in.toString(), "--out", one.toString(), "--threads", "1");
        CliRunner.run("batch", in.toString(), "--out", two.toString(), "--threads", "2");
        assertEquals(Files.readString(one.resolve("nights.csv")).replace(one.toString(), "X"),
                Files.readString(two.resolve("nights.csv")).replace(two.toString(), "X"));
        try (Stream<Path> a = Files.list(one.resolve("nights")); Stream<Path> b = Files.list(two.resolve("nights"))) {
            List<Path> fa = a.sorted().toList();
            List<Path> fb = b.sorted().toList();
            assertEquals(3, fa.size());
            for (int i = 0; i < fa.size(); i++) {
                assertEquals(fa.get(i).getFileName(), fb.get(i).getFileName());
                assertEquals(Files.readString(fa.get(i)), Files.readString(fb.get(i)));
            }
        }
    }

    @Test
    void writesNothingOutsideItsFolderAndReplacesItsOwnOldOutputs() throws IOException {
        Path work = Files.createDirectories(tmp.resolve("w"));
        Path psg = Files.copy(PSG.resolve("night2.remlogic.txt"), work.resolve("n2.txt"));
        Path out = work.resolve("out");
        Files.createDirectories(out.resolve("nights"));
        Files.writeString(out.resolve("nights/00007-1-stale.json"), "{}");
        Files.writeString(out.resolve("keep.txt"), "mine");

        // The output folder lies inside the input folder: it must not be read as input.
        CliRunner r = CliRunner.run("batch", work.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        try (Stream<Path> all = Files.walk(work)) {
            assertEquals(Stream.of(work, out, out.resolve("errors.csv"), out.resolve("keep.txt"), out.resolve("nights"),
                    out.resolve("nights/00001-1-n2.json"), out.resolve("nights.csv"), psg).sorted().toList(),
                    all.sorted().toList());
        }
        assertEquals(List.of("source,reason"), lines(out.resolve("errors.csv")));
    }

    @Test
    void cellsAreSafeInASpreadsheet() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("evil"));
        Files.copy(PSG.resolve("night2.remlogic.txt"), dir.resolve("=HYPERLINK(1,2).txt"));
        Path out = tmp.resolve("evil-out");
        assertEquals(0, CliRunner.run("batch", dir.toString(), "--out", out.toString()).code());
        String row = lines(out.resolve("nights.csv")).get(1);
        assertTrue(row.startsWith("\"" + dir + "/=HYPERLINK(1,2).txt\",\"'=HYPERLINK(1,2)\","), row);
    }

    @Test
    void explicitPairsAndUsageErrors() throws IOException {
        Path out = tmp.resolve("pairs");
        CliRunner r = CliRunner.run("batch", "--left", left.toString(), "--right", right.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(2, lines(out.resolve("nights.csv")).size());
        assertEquals(ExitCode.USAGE, CliRunner.run("batch", "--left", left.toString(), "--left", left.toString(),
                "--right", right.toString(), "--out", out.toString()).code());
        assertEquals(ExitCode.USAGE, CliRunner.run("batch", in.toString()).code());
        assertEquals(ExitCode.USAGE, CliRunner.run("batch", in.toString(), "--out", out.toString(), "--threads", "0").code());
    }
}
