package org.plmwatch.analyzer.nights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.analyzer.link.TestNights;
import org.plmwatch.core.nightfile.WornOn;

/**
 * Folders, archives and loose files into scoring jobs: classified by content, paired by leg and
 * time, junk named with its reason. Night files are written by core's NightFileWriter from the
 * synthetic generator (TestNights); the PSG exports are the two real nights of ../shared/data.
 */
class InputsTest {

    private static final Path PSG = Path.of(System.getProperty("plmwatch.shared.data", "../../shared/data"), "psg");
    private static final Path ACCEL = PSG.resolveSibling("accel");
    private static final long HOUR_MICROS = 3_600_000_000L;
    private static final long T0 = TestNights.DEFAULT_START_MICROS;

    @TempDir
    Path tmp;

    private static Path night(Path dir, String name, WornOn leg, long startMicros) throws IOException {
        Files.createDirectories(dir);
        return Files.write(dir.resolve(name), TestNights.night(7, 0.25, leg, startMicros));
    }

    private static String labels(Inputs.Expansion e) {
        return e.inputs().stream().map(Inputs.Labelled::source).collect(Collectors.joining("\n"));
    }

    @Test
    void archiveNightsArePairedByLegAndOverlappingTimeAndTheRestStaySingle() throws IOException {
        Path archive = tmp.resolve("archive");
        Path l1 = night(archive.resolve("dev-a"), "night-000001.night", WornOn.LEFT, T0);
        Path l2 = night(archive.resolve("dev-a"), "night-000002.night", WornOn.LEFT, T0 + 24 * HOUR_MICROS);
        // Right device started 4 minutes later the first night; its second night is two days later.
        Path r1 = night(archive.resolve("dev-b"), "night-000001.night", WornOn.RIGHT, T0 + 240_000_000L);
        Path r2 = night(archive.resolve("dev-b"), "night-000002.night", WornOn.RIGHT, T0 + 48 * HOUR_MICROS);
        // Archive bookkeeping that is not a night.
        Files.writeString(archive.resolve("dev-a/night-000001.properties"), "sha256=00\n");
        Files.write(archive.resolve("dev-b/night-000003.night.part"), new byte[] {(byte) 0xB7, 'P', 'L', 'M'});
        Files.writeString(archive.resolve("dev-b/night-000003.night.part.progress"), "blocks=1\n");
        Files.writeString(archive.resolve(".DS_Store"), "junk");

        Inputs.Expansion e = Inputs.expand(List.of(archive));

        assertEquals(List.of(), e.problems());
        assertEquals(3, e.inputs().size(), labels(e));
        NightInput pair = e.inputs().get(0).input();
        assertEquals(l1, pair.left());
        assertEquals(r1, pair.right());
        assertEquals(List.of(), e.inputs().get(0).notes());
        assertEquals("left: " + l1 + "; right: " + r1, e.inputs().get(0).source());

        // 15-min night 2 on the left overlaps nothing on the right (48 h later): one leg, said so.
        assertEquals(l2, e.inputs().get(1).input().left());
        assertNull(e.inputs().get(1).input().right());
        assertTrue(e.inputs().get(1).notes().get(0).contains("no right-leg recording overlaps it"));
        assertEquals(r2, e.inputs().get(2).input().right());
        assertNull(e.inputs().get(2).input().left());
    }

    @Test
    void aDevicesDataFolderGivesItsNightsAndNothingElse() throws IOException {
        // As the device program leaves it (firmware-sim README, "Data directory").
        Path data = tmp.resolve("sd");
        Path n1 = night(data.resolve("nights"), "night-000001.night", WornOn.RIGHT, T0);
        Files.writeString(data.resolve("device-id"), "plmw-0001\n");
        Files.writeString(data.resolve("last-night-id"), "1\n");

        Inputs.Expansion e = Inputs.expand(List.of(data));

        assertEquals(List.of(), e.problems());
        assertEquals(List.of(NightInput.recordings(null, n1, null)), e.inputs().stream().map(Inputs.Labelled::input).toList());
    }

    @Test
    void nearestStartWinsWhenTwoNightsCouldPair() throws IOException {
        Path dir = tmp.resolve("d");
        Path left = night(dir, "a-left.night", WornOn.LEFT, T0);
        Path farRight = night(dir, "b-right.night", WornOn.RIGHT, T0 + 600_000_000L);
        Path nearRight = night(dir, "c-right.night", WornOn.RIGHT, T0 + 60_000_000L);

        Inputs.Expansion e = Inputs.expand(List.of(dir));

        assertEquals(2, e.inputs().size(), labels(e));
        assertEquals(left, e.inputs().get(0).input().left());
        assertEquals(nearRight, e.inputs().get(0).input().right());
        assertEquals(farRight, e.inputs().get(1).input().right());
    }

    @Test
    void filesAreClassifiedByContentNotByName() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(PSG), "shared data absent");
        Path dir = Files.createDirectories(tmp.resolve("renamed"));
        // A RemLogic export named like a recording, a night file named like an export.
        Files.copy(PSG.resolve("night1.remlogic.txt"), dir.resolve("a.csv"));
        Path nightAsTxt = night(dir, "b.txt", WornOn.RIGHT, T0);

        Inputs.Expansion e = Inputs.expand(List.of(dir));

        assertEquals(List.of(), e.problems());
        assertEquals(2, e.inputs().size());
        assertEquals(NightInput.psgExport(dir.resolve("a.csv")), e.inputs().get(0).input());
        assertEquals(nightAsTxt, e.inputs().get(1).input().right());
    }

    @Test
    void junkIsListedWithItsReasonAndTheOthersGoOn() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(PSG), "shared data absent");
        Path dir = Files.createDirectories(tmp.resolve("mixed"));
        Files.copy(PSG.resolve("night2.remlogic.txt"), dir.resolve("night2.txt"));
        Files.writeString(dir.resolve("notes.txt"), "bring the charger\n");
        Files.write(dir.resolve("photo.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2});
        Files.write(dir.resolve("empty.edf"), new byte[0]);

        Inputs.Expansion e = Inputs.expand(List.of(dir, tmp.resolve("missing")));

        assertEquals(List.of(NightInput.psgExport(dir.resolve("night2.txt"))),
                e.inputs().stream().map(Inputs.Labelled::input).toList());
        List<Path> bad = e.problems().stream().map(Inputs.Problem::path).toList();
        assertEquals(List.of(dir.resolve("empty.edf"), dir.resolve("notes.txt"), dir.resolve("photo.jpg"),
                tmp.resolve("missing")), bad);
        assertTrue(e.problems().get(0).reason().contains("empty"));
        assertTrue(e.problems().get(1).reason().contains("notes.txt"), e.problems().get(1).reason());
        assertTrue(e.problems().get(2).reason().contains("binary"));
        assertTrue(e.problems().get(3).reason().contains("no such file"));
    }

    @Test
    void symbolicLinksOutOfTheFolderAreNotFollowedAndLinksInsideCountOnce() throws IOException {
        Path outside = night(tmp.resolve("outside"), "secret.night", WornOn.LEFT, T0);
        Path dir = tmp.resolve("linked");
        Path real = night(dir, "night-000001.night", WornOn.LEFT, T0);
        Files.createSymbolicLink(dir.resolve("out.night"), outside);
        Files.createSymbolicLink(dir.resolve("same.night"), real.getFileName());
        Files.createSymbolicLink(dir.resolve("up"), tmp.resolve("outside"));

        Inputs.Expansion e = Inputs.expand(List.of(dir));

        assertEquals(1, e.inputs().size(), labels(e));
        assertEquals(real, e.inputs().get(0).input().left());
        assertEquals(List.of(dir.resolve("out.night"), dir.resolve("up")),
                e.problems().stream().map(Inputs.Problem::path).toList());
        assertTrue(e.problems().get(0).reason().contains("not followed"));
    }

    @Test
    void recordingsWithoutALegAreScoredAloneWithANote() throws IOException {
        Path cwa = ACCEL.resolve("ax3_testfile.cwa");
        Assumptions.assumeTrue(Files.isRegularFile(cwa), "shared data absent");
        Path csv = tmp.resolve("leg.csv");
        StringBuilder b = new StringBuilder("# start: 2026-01-15T22:00:00\nt,x,y,z\n");
        for (int i = 0; i < 500; i++) {
            b.append(i * 0.02).append(",0,0.02,0.99\n");
        }
        Files.writeString(csv, b, StandardCharsets.UTF_8);

        Inputs.Expansion e = Inputs.expand(List.of(cwa, csv));

        assertEquals(List.of(), e.problems());
        assertEquals(2, e.inputs().size());
        for (Inputs.Labelled l : e.inputs()) {
            assertNull(l.input().right());
            assertTrue(l.notes().get(0).contains("does not say which leg"), l.notes().toString());
        }
        assertEquals(cwa, e.inputs().get(0).input().left());
        assertEquals(csv, e.inputs().get(1).input().left());
    }

    @Test
    void explicitPairsComeFirstAndAreNotFoundAgainInFolders() throws IOException {
        Path dir = tmp.resolve("p");
        Path a = night(dir, "x.night", WornOn.UNKNOWN, T0);
        Path b = night(dir, "y.night", WornOn.UNKNOWN, T0);
        Path out = Files.createDirectories(dir.resolve("out"));
        night(out, "old.night", WornOn.LEFT, T0);

        Inputs.Expansion e = Inputs.expand(List.of(dir), List.of(new Inputs.Pair(a, b)), List.of(out));

        assertEquals(List.of(NightInput.recordings(a, b, null)),
                e.inputs().stream().map(Inputs.Labelled::input).toList());
        assertEquals(List.of(), e.problems());
    }

    @Test
    void orderIsStableWhateverTheFileSystemReturns() throws IOException {
        Path dir = tmp.resolve("s");
        for (String n : new String[] {"c.night", "a.night", "b/z.night", "b/a.night"}) {
            night(dir.resolve(n).getParent(), dir.resolve(n).getFileName().toString(), WornOn.RIGHT, T0);
        }
        List<String> first = Inputs.expand(List.of(dir)).inputs().stream().map(Inputs.Labelled::source).toList();
        assertEquals(List.of("right: " + dir.resolve("a.night"), "right: " + dir.resolve("b/a.night"),
                "right: " + dir.resolve("b/z.night"), "right: " + dir.resolve("c.night")), first);
    }
}
