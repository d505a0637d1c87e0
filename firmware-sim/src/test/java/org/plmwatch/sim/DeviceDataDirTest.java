package org.plmwatch.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without {@code --data} the device keeps its data under the XDG data folder, never in the folder
 * it was started from (issue 8: {@code ./plmwatch-device} in a checkout left {@code plmwatch-data/}
 * in the repository).
 */
class DeviceDataDirTest {

    @TempDir
    Path dir;

    @Test
    void defaultFollowsXdg() {
        assertEquals(Path.of("/x/data/plmwatch-device"), DeviceMain.defaultDataDir(Map.of("XDG_DATA_HOME", "/x/data"), "/home/u"));
        assertEquals(Path.of("/home/u/.local/share/plmwatch-device"), DeviceMain.defaultDataDir(Map.of(), "/home/u"));
        // the XDG rule: a relative XDG_DATA_HOME is invalid and ignored
        assertEquals(Path.of("/home/u/.local/share/plmwatch-device"),
                DeviceMain.defaultDataDir(Map.of("XDG_DATA_HOME", "rel"), "/home/u"));
    }

    @Test
    void aNightRecordedWithoutDataOptionLandsOutsideTheWorkingFolder() throws Exception {
        Path cwd = Files.createDirectories(dir.resolve("checkout"));
        Path home = Files.createDirectories(dir.resolve("home"));
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"), DeviceMain.class.getName(),
                "--sensor", "synthetic", "--hours", "0.25", "--speed", "0"))
                .directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        pb.environment().remove("XDG_DATA_HOME");
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "device still running");
        String out = Files.readString(dir.resolve("out.txt"));
        assertEquals(0, p.exitValue(), out);
        try (var listing = Files.list(cwd)) {
            assertEquals(List.of(), listing.toList(), "nothing written in the working folder");
        }
        Path data = home.resolve(".local/share/plmwatch-device");
        assertTrue(Files.isRegularFile(data.resolve("device-id")), out);
        try (var nights = Files.list(data.resolve("nights"))) {
            assertFalse(nights.toList().isEmpty(), "the night is in the data folder");
        }
    }
}
