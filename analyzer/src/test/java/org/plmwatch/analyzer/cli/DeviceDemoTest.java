package org.plmwatch.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code plmwatch demo}: two device programs in their own JVMs, a real link (socat pty pair, or
 * loopback TCP without socat), download with verification, detection and scoring.
 */
class DeviceDemoTest {

    @Test
    void twoSimulatedDevicesAreDownloadedVerifiedAndScored(@TempDir Path keep) throws IOException {
        CliRunner r = CliRunner.run("demo", "--hours", "1", "--nights", "3", "--seed", "5", "--keep", keep.toString(),
                "--json", "-");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(2, j.get("legs_recorded").size());
        assertEquals("actigraphy", j.get("sleep_source").asText());
        assertTrue(j.get("clm_count_tib").asInt() > 10, "the night has leg movements: " + j.get("clm_count_tib"));
        assertTrue(r.err().contains("SHA-256 verified"), r.err());
        assertTrue(r.err().contains("Ground truth"), r.err());
        // The demo ends in the report of its week: night 1 over the link, two more recorded in-process.
        Path report = keep.resolve("report.html");
        assertTrue(r.err().contains("Report of the week (open it in a browser): " + report.toAbsolutePath()), r.err());
        String html = Files.readString(report);
        assertTrue(html.contains("3 nights") && html.contains("id=\"night-3\""), "three nights in the report");
        assertTrue(html.contains("caffeine"), "the diary is in the report");
        // Each device's night is in the archive under its device id, next to its manifest.
        List<Path> nights;
        try (Stream<Path> s = Files.walk(keep.resolve("archive"))) {
            nights = s.filter(p -> p.toString().endsWith(".night")).toList();
        }
        assertEquals(2, nights.size(), nights.toString());
        for (Path n : nights) {
            assertTrue(Files.exists(n.resolveSibling(n.getFileName().toString().replace(".night", ".properties"))));
        }
    }

    @Test
    void hoursOutOfRangeIsAUsageError() {
        assertEquals(ExitCode.USAGE, CliRunner.run("demo", "--hours", "0.1").code());
    }
}
