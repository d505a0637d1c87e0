package org.plmwatch.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.analyzer.link.Archive;
import org.plmwatch.analyzer.link.TestDevice;
import org.plmwatch.analyzer.link.TestNights;
import org.plmwatch.sim.device.LiveTap;
import org.plmwatch.sim.link.LinkServers;
import org.plmwatch.sim.link.SocatPty;

/** devices, download and live against the device's link server over TCP and a socat pty. */
class LinkCommandsTest {

    @TempDir
    Path tmp;

    private TestDevice device;
    private LinkServers.Handle server;
    private String port;

    @BeforeEach
    void device() throws Exception {
        TestNights.write(tmp.resolve("nights"), 1, 41, 0.25);
        device = new TestDevice("plmw-cli", tmp.resolve("nights"));
        server = LinkServers.open("tcp:0", device);
        port = server.hostEndpoint();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void downloadStoresTheNightThenFindsItArchived() {
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
            String archive = tmp.resolve("archive").toString();
            CliRunner first = CliRunner.run("download", "--port", port, "--archive", archive);
            assertEquals(0, first.code(), first.err());
            assertTrue(first.out().contains("night 1: downloaded"), first.out());
            assertTrue(first.out().contains("1 downloaded, 0 already archived, 0 recording, 0 failed"), first.out());
            assertArrayEquals(TestNights.night(41, 0.25),
                    Files.readAllBytes(tmp.resolve("archive").resolve(Archive.folderName("plmw-cli")).resolve("night-000001.night")));

            CliRunner second = CliRunner.run("download", "--port", port, "--archive", archive);
            assertEquals(0, second.code(), second.err());
            assertTrue(second.out().contains("night 1: already in the archive"), second.out());
            assertTrue(second.out().contains("0.0 MB in"), second.out());
        });
    }

    @Test
    void noDeviceIsExitFiveWithWhatToDo() {
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
            CliRunner refused = CliRunner.run("download", "--port", "tcp:1", "--archive", tmp.toString());
            assertEquals(LinkPorts.NO_DEVICE, refused.code());
            assertTrue(refused.err().contains("cannot connect to tcp:1"), refused.err());
            assertTrue(refused.err().contains("plmwatch-device running with --link tcp:1"), refused.err());

            CliRunner badSpec = CliRunner.run("live", "--port", "tcp:x");
            assertEquals(LinkPorts.NO_DEVICE, badSpec.code());
            assertTrue(badSpec.err().contains("expected tcp:PORT or tcp:HOST:PORT"), badSpec.err());

            CliRunner devices = CliRunner.run("devices", "--port", "tcp:1");
            assertEquals(LinkPorts.NO_DEVICE, devices.code());
            assertTrue(devices.out().contains("tcp:1") && devices.out().contains("no plmwatch device answers"),
                    devices.out());
        });
    }

    @Test
    void aPtyWithoutADeviceIsExitFiveAfterTheHelloAttempts() {
        Assumptions.assumeTrue(SocatPty.available(), "socat is not installed (Debian package socat)");
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
            try (SocatPty pty = SocatPty.start()) {
                CliRunner r = CliRunner.run("download", "--port", pty.second().toString(), "--archive", tmp.toString());
                assertEquals(LinkPorts.NO_DEVICE, r.code());
                assertTrue(r.err().contains("no plmwatch device answers on " + pty.second()), r.err());
            }
        });
    }

    @Test
    void devicesProbesANamedPtyAndListsPtysOnlyWithAll() {
        Assumptions.assumeTrue(SocatPty.available(), "socat is not installed (Debian package socat)");
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
            try (SocatPty pty = SocatPty.start();
                    LinkServers.Handle onPty = LinkServers.open(pty.first().toString(), device)) {
                String host = pty.second().toString();
                CliRunner probed = CliRunner.run("devices", "--port", host);
                assertEquals(0, probed.code(), probed.err());
                assertTrue(probed.out().contains(host) && probed.out().contains("plmwatch device plmw-cli (firmware "
                        + "0.1.0-test, synthetic, left leg"), probed.out());

                CliRunner listed = CliRunner.run("devices", "--all", "--no-probe");
                assertEquals(0, listed.code(), listed.err());
                assertTrue(listed.out().contains(host + " ") && listed.out().contains("pty, not probed"), listed.out());
                CliRunner plain = CliRunner.run("devices", "--no-probe");
                assertTrue(!plain.out().contains(host + " "), "ptys only with --all: " + plain.out());
            }
        });
    }

    @Test
    void liveShowsMovementsAndAnActivityBarThenStops() {
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
            Thread legs = new Thread(() -> {
                try {
                    LiveTap tap = device.firstTap().get(10, TimeUnit.SECONDS);
                    long now = device.monotonicMicros();
                    short[] xyz = new short[3 * 50];
                    for (int i = 0; i < 50; i++) {
                        xyz[3 * i + 2] = 500; // 1 g on z at 0.002 g/count: at rest
                    }
                    xyz[3 * 20 + 2] = 700; // one sample at 1.4 g: 0.4 g of activity
                    tap.samples(now, 20_000, 0.002, xyz, 0, 50);
                    tap.samples(now + 1_000_000, 20_000, 0.002, xyz, 0, 50);
                    tap.movement(now + 200_000, 2_400_000, 0.38);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            legs.start();
            CliRunner r = CliRunner.run("live", "--port", port, "--seconds", "2");
            legs.join();
            assertEquals(0, r.code(), r.err());
            assertTrue(Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d  left   movement   2\\.4 s  peak 0\\.38 g$")
                    .matcher(r.out()).find(), r.out());
            assertTrue(Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d  activity \\|#{20} {5}\\| 0\\.40 g$")
                    .matcher(r.out()).find(), r.out());
            assertTrue(r.out().contains("1 movement\n") || r.out().contains("1 movement;"), r.out());
            assertEquals(null, device.tap(), "LIVE_STOP ended the feed");
        });
    }

    @Test
    void liveRejectsNegativeSeconds() {
        CliRunner r = CliRunner.run("live", "--port", port, "--seconds", "-1");
        assertEquals(ExitCode.USAGE, r.code());
        assertTrue(r.err().contains("--seconds must be >= 0"), r.err());
    }
}
