package org.plmwatch.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.analyzer.link.Archive;
import org.plmwatch.analyzer.link.HostileDevice;
import org.plmwatch.analyzer.link.LinkTimeouts;
import org.plmwatch.analyzer.link.TestNights;
import org.plmwatch.core.link.GetBlocks;
import org.plmwatch.core.link.ListNights;
import org.plmwatch.core.link.LiveSamples;
import org.plmwatch.core.link.LiveStart;
import org.plmwatch.core.link.NightList;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.nightfile.BlockRef;
import org.plmwatch.core.nightfile.BlockScanner;
import org.plmwatch.sim.link.SocatPty;

/**
 * devices, download and live against hostile devices over a socat pty: each ends with exit 5 and a
 * message within its (here shortened) bound, and what the device says about itself reaches the
 * terminal escaped.
 */
class HostileLinkCommandsTest {

    /** A device id that would set the terminal's title, move the cursor home and overwrite the line. */
    static final String EVIL_ID = "plmw\u001b]0;pwned\u0007\u001b[H\rok";
    private static final LinkTimeouts SHORT = new LinkTimeouts(300, 300, 300, 1000, 3)
            .withOuterBounds(1000, 1500, 64 * 1024, 1500, 1000);
    private static final double SLACK_SECONDS = 2.5;

    @TempDir
    Path tmp;

    private SocatPty pty;
    private HostileDevice device;

    @BeforeAll
    static void warmUp() {
        // the first CLI run in a JVM loads picocli and every command: not the device's time
        CliRunner.run("download", "--help");
    }

    @BeforeEach
    void pty() throws IOException {
        Assumptions.assumeTrue(SocatPty.available(), "socat is not installed (Debian package socat)");
        pty = SocatPty.start();
        LinkPorts.timeouts = SHORT;
    }

    @AfterEach
    void stop() throws Exception {
        LinkPorts.timeouts = LinkTimeouts.DEFAULT;
        if (device != null) {
            device.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    private record Timed(CliRunner r, double seconds) {
    }

    private Timed run(String name, HostileDevice.Script script, String... args) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            device = HostileDevice.start(pty.first(), script);
            long t0 = System.nanoTime();
            CliRunner r = CliRunner.run(args);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "hostile device '%s': %s ended after %.2f s with exit %d%n", name, args[0], s,
                    r.code());
            return new Timed(r, s);
        });
    }

    private static void assertNoRawControls(String text) {
        assertFalse(text.chars().anyMatch(c -> c == 0x1b || c == 0x07 || c == '\r'), "raw control characters: " + text);
    }

    @Test
    void liveEndsWithExitFiveWhenTheDeviceSendsNothingButUselessFrames() {
        Timed t = run("live without live data", (req, d) -> {
            if (d.answerSession(req, EVIL_ID)) {
                return;
            }
            if (req.message() instanceof LiveStart) {
                d.send(req.requestId(), HostileDevice.ack());
                d.floodForever(req.requestId(), HostileDevice.ack());
            }
        }, "live", "--port", pty.second().toString());
        assertEquals(LinkPorts.NO_DEVICE, t.r().code(), t.r().out() + t.r().err());
        assertTrue(t.r().err().contains("no new live data from the device for 1.0 s"), t.r().err());
        assertTrue(t.seconds() < 1.0 + SLACK_SECONDS, t.seconds() + " s");
        assertTrue(t.r().out().contains("plmw\\x1B]0;pwned\\x07\\x1B[H\\rok"), t.r().out());
        assertNoRawControls(t.r().out());
    }

    @Test
    void liveEndsWithExitFiveWhenTheDeviceRepeatsTheSameSamples() {
        LiveSamples same = new LiveSamples(Leg.LEFT, 5_000_000, 20_000, 0.002, new short[] {0, 0, 500});
        Timed t = run("live repeating old samples", (req, d) -> {
            if (d.answerSession(req, "plmw-stuck")) {
                return;
            }
            if (req.message() instanceof LiveStart) {
                d.send(req.requestId(), HostileDevice.ack());
                d.floodForever(req.requestId(), same);
            }
        }, "live", "--port", pty.second().toString());
        assertEquals(LinkPorts.NO_DEVICE, t.r().code(), t.r().out() + t.r().err());
        assertTrue(t.r().err().contains("no new live data"), t.r().err());
        assertTrue(t.seconds() < 1.0 + SLACK_SECONDS, t.seconds() + " s");
    }

    @Test
    void downloadEndsWithExitFiveAndSaysWhatIsSafeWhenTheDeviceAnswersUselessly() {
        byte[] night = TestNights.night(72, 0.25);
        List<byte[]> blocks = BlockScanner.scan(ByteBuffer.wrap(night)).blocks().stream()
                .map((BlockRef b) -> Arrays.copyOfRange(night, (int) b.offset(), (int) b.endOffset())).toList();
        Timed t = run("download with useless frames", (req, d) -> {
            if (d.answerSession(req, EVIL_ID)) {
                return;
            }
            if (req.message() instanceof ListNights) {
                d.send(req.requestId(), new NightList(List.of(HostileDevice.entry(1, blocks),
                        HostileDevice.entry(2, blocks)), false));
            } else if (req.message() instanceof GetBlocks) {
                d.floodForever(req.requestId(), HostileDevice.ack());
            }
        }, "download", "--port", pty.second().toString(), "--archive", tmp.resolve("archive").toString());
        assertEquals(LinkPorts.NO_DEVICE, t.r().code(), t.r().out() + t.r().err());
        assertTrue(t.r().out().contains("night 1: FAILED: night 1: no new verified block for 1 s"), t.r().out());
        assertTrue(t.r().out().contains("0 of " + blocks.size() + " blocks are safe"), t.r().out());
        assertTrue(t.r().out().contains("night 2: FAILED: not tried: the download stopped at night 1"), t.r().out());
        assertTrue(t.r().out().contains("device plmw\\x1B]0;pwned"), t.r().out());
        assertNoRawControls(t.r().out() + t.r().err());
        assertTrue(t.seconds() < 1.0 + SLACK_SECONDS, t.seconds() + " s");
    }

    @Test
    void devicesShowsWhatTheDeviceSaysEscaped() {
        Timed t = run("devices with an escaping id", (req, d) -> d.answerSession(req, EVIL_ID),
                "devices", "--port", pty.second().toString());
        assertEquals(0, t.r().code(), t.r().err());
        assertTrue(t.r().out().contains("plmwatch device plmw\\x1B]0;pwned\\x07\\x1B[H\\rok (firmware"), t.r().out());
        assertNoRawControls(t.r().out());
    }

    @Test
    void devicesIsExitFiveWhenTheDeviceOnlyFloodsUselessFrames() {
        Timed t = run("devices, HELLO answered by a flood", (req, d) -> d.floodForever(req.requestId(),
                HostileDevice.ack()), "devices", "--port", pty.second().toString());
        assertEquals(LinkPorts.NO_DEVICE, t.r().code(), t.r().out());
        assertTrue(t.r().out().contains("no plmwatch device answers"), t.r().out());
        assertTrue(t.seconds() < LinkPorts.PROBE_MILLIS / 1000.0 + SLACK_SECONDS, t.seconds() + " s");
    }

    @Test
    void devicesAllIsExitFiveWhenNothingAnswers() {
        // the pty of this test is listed by --all but not probed; no serial port answers on a build machine
        CliRunner r = CliRunner.run("devices", "--all");
        Assumptions.assumeTrue(!r.out().contains("(firmware "), "a real device answers on this machine");
        assertEquals(LinkPorts.NO_DEVICE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("no plmwatch device answers"), r.err());
    }

    @Test
    void downloadRefusesALinkUnderTheArchiveWithExitFiveAndNamesIt() throws Exception {
        byte[] night = TestNights.night(73, 0.25);
        List<byte[]> blocks = BlockScanner.scan(ByteBuffer.wrap(night)).blocks().stream()
                .map((BlockRef b) -> Arrays.copyOfRange(night, (int) b.offset(), (int) b.endOffset())).toList();
        Path archive = java.nio.file.Files.createDirectories(tmp.resolve("archive"));
        Path outside = java.nio.file.Files.createDirectories(tmp.resolve("outside"));
        Path planted = archive.resolve(Archive.folderName("plmw-victim"));
        java.nio.file.Files.createSymbolicLink(planted, outside);
        Timed t = run("download into a planted link", (req, d) -> {
            if (!d.answerSession(req, "plmw-victim") && req.message() instanceof ListNights) {
                d.send(req.requestId(), new NightList(List.of(HostileDevice.entry(1, blocks)), false));
            } else if (req.message() instanceof GetBlocks g) {
                d.send(req.requestId(), new org.plmwatch.core.link.Blocks(1, 0, blocks.subList(0, 8)));
            }
        }, "download", "--port", pty.second().toString(), "--archive", archive.toString());
        assertEquals(LinkPorts.NO_DEVICE, t.r().code(), t.r().out() + t.r().err());
        assertTrue(t.r().err().contains("refusing to use " + planted + ": it is a symbolic link"), t.r().err());
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(outside)) {
            assertEquals(0, s.count(), "nothing written through the link");
        }
    }

    @Test
    void theDeviceProgramExitsFiveAtOnceOnAMissingLinkPort() throws Exception {
        Path missing = tmp.resolve("no-such-tty");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.plmwatch.sim.DeviceMain", "--sensor", "synthetic",
                "--data", tmp.resolve("data").toString(), "--link", missing.toString())
                .redirectErrorStream(true).start();
        long t0 = System.nanoTime();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(5, p.exitValue(), out);
        assertTrue(out.contains("cannot serve the link on '" + missing + "'") && out.contains("no such device"), out);
        assertTrue(seconds < 5, "the JVM started and ended in " + seconds + " s (the old shutdown hook waited 8 s)");
    }
}
