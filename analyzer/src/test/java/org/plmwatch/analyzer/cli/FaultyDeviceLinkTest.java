package org.plmwatch.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device whose start-up self-test fails (here: the card is "full") must still serve the nights
 * already on it, instead of exiting into a restart loop with them out of reach; and a hangup
 * (SIGHUP, as a pulled cable can cause) must not stop it.
 */
class FaultyDeviceLinkTest {

    private static List<String> device(Path data, String... extra) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.plmwatch.sim.DeviceMain",
                "--sensor", "synthetic", "--hours", "0.25", "--speed", "0", "--data", data.toString()));
        cmd.addAll(List.of(extra));
        return cmd;
    }

    @Test
    void aDeviceFailingItsSelfTestStillServesItsNights(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("device");
        Process first = new ProcessBuilder(device(data)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(first.waitFor(120, TimeUnit.SECONDS) && first.exitValue() == 0, "a night is recorded first");

        Process faulty = new ProcessBuilder(device(data, "--min-free-mb", "1000000000", "--link", "tcp:0"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(faulty.getInputStream(), StandardCharsets.UTF_8))) {
            String endpoint = null;
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("link: host connects to ")) {
                    endpoint = line.substring("link: host connects to ".length()).split(" ")[0];
                }
                if (line.startsWith("recording stopped with status 4")) {
                    break;
                }
            }
            assertTrue(endpoint != null && line != null, "the self-test failed and the link stayed up");
            // A pulled USB cable may hang up the port: the device must shrug SIGHUP off.
            Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(faulty.pid())).start();
            assertEquals(0, hup.waitFor());
            Path archive = tmp.resolve("archive");
            CliRunner r = CliRunner.run("download", "--port", endpoint, "--archive", archive.toString());
            assertEquals(0, r.code(), r.out() + r.err());
            try (Stream<Path> s = Files.walk(archive)) {
                assertEquals(1, s.filter(p -> p.toString().endsWith("night-000001.night")).count());
            }
        } finally {
            faulty.destroy();
            assertTrue(faulty.waitFor(20, TimeUnit.SECONDS));
        }
        assertEquals(4, faulty.exitValue(), "SIGTERM ends it with the self-test's status");
    }
}
