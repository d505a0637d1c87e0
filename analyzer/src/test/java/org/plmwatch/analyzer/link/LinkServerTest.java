package org.plmwatch.analyzer.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.core.link.ErrorCode;
import org.plmwatch.core.link.NightEntry;
import org.plmwatch.sim.device.LiveTap;
import org.plmwatch.sim.link.LinkServerStats;
import org.plmwatch.sim.link.LinkServers;
import org.plmwatch.sim.link.SocatPty;

/** The device's link server: its three transports, NIGHT_LIST, erase rules and the live queue. */
class LinkServerTest {

    private static final LinkTimeouts FAST = new LinkTimeouts(300, 300, 300, 2000, 3);

    @TempDir
    Path tmp;

    @Test
    void linkPtyStartsSocatItselfAndTellsTheHostItsEnd() {
        Assumptions.assumeTrue(SocatPty.available(), "socat is not installed (Debian package socat)");
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
            TestDevice device = new TestDevice("plmw-pty", tmp.resolve("nights"));
            try (LinkServers.Handle h = LinkServers.open("pty", device)) {
                assertTrue(h.hostEndpoint().matches("/dev/pts/\\d+"), h.hostEndpoint());
                try (LinkClient c = new LinkClient(JsscTransport.open(h.hostEndpoint()), FAST)) {
                    assertEquals("plmw-pty", c.hello().deviceId());
                    assertEquals(List.of(), c.listNights(), "no nights folder yet: no nights");
                }
                // a second host on the same pty after the first closed its port
                try (LinkClient c = new LinkClient(JsscTransport.open(h.hostEndpoint()), FAST)) {
                    assertEquals("plmw-pty", c.hello().deviceId());
                }
            }
        });
    }

    @Test
    void badLinkSpecsSayWhatToUse() {
        TestDevice device = new TestDevice("plmw", tmp);
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> LinkServers.open("tcp:99999", device));
        assertTrue(port.getMessage().contains("0..65535"), port.getMessage());
        IllegalArgumentException path = assertThrows(IllegalArgumentException.class,
                () -> LinkServers.open(tmp.resolve("ttyGS9").toString(), device));
        assertTrue(path.getMessage().contains("/dev/ttyGS0") && path.getMessage().contains("--link pty"),
                path.getMessage());
    }

    @Test
    void nightListFlagsTheRecordingNightAndEraseNeedsTheChecksumAndAFinishedNight() {
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
            Path nights = tmp.resolve("nights");
            TestNights.write(nights, 1, 51, 0.25);
            // the recording night, cut mid-block as the writer may leave it between flushes
            byte[] full = TestNights.night(52, 0.25);
            Files.write(nights.resolve("night-000002.night"), java.util.Arrays.copyOf(full, full.length - 30));
            Files.writeString(nights.resolve("notes.txt"), "not a night");
            TestDevice device = new TestDevice("plmw-erase", nights);
            device.recording(2);
            try (LinkServers.Handle h = LinkServers.open("tcp:0", device);
                    LinkClient c = new LinkClient(TcpTransport.open(h.hostEndpoint()), FAST)) {
                c.hello();
                List<NightEntry> list = c.listNights();
                assertEquals(2, list.size());
                assertTrue(!list.get(0).recording() && list.get(1).recording());
                byte[] intact = TestNights.intactBlocks(java.util.Arrays.copyOf(full, full.length - 30));
                assertEquals(intact.length, list.get(1).sizeBytes(), "recording night: what is intact now");
                assertTrue(list.get(1).sha256Matches(java.security.MessageDigest.getInstance("SHA-256").digest(intact)));

                DeviceErrorException wrong = assertThrows(DeviceErrorException.class,
                        () -> c.eraseNight(1, new byte[32]));
                assertEquals(ErrorCode.ERASE_REFUSED_CHECKSUM_MISMATCH, wrong.code());
                DeviceErrorException recording = assertThrows(DeviceErrorException.class,
                        () -> c.eraseNight(2, list.get(1).sha256()));
                assertEquals(ErrorCode.ERASE_REFUSED_RECORDING, recording.code());
                assertTrue(Files.exists(nights.resolve("night-000001.night")));
                c.eraseNight(1, list.get(0).sha256());
                assertTrue(Files.notExists(nights.resolve("night-000001.night")));
                assertEquals(1, c.listNights().size());
            }
        });
    }

    @Test
    void aSlowHostCostsLiveFramesNeverTheDeviceLoop() {
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
            TestDevice device = new TestDevice("plmw-live", tmp.resolve("nights"));
            try (LinkServers.Handle h = LinkServers.open("tcp:0", device);
                    LinkClient c = new LinkClient(TcpTransport.open(h.hostEndpoint()), FAST)) {
                c.hello();
                c.liveStart(true);
                LiveTap tap = device.firstTap().get(5, TimeUnit.SECONDS);
                short[] xyz = new short[3 * 25];
                long t0 = System.nanoTime();
                for (int i = 0; i < 20_000; i++) {
                    tap.samples(i * 500_000L, 20_000, 0.002, xyz, 0, 25); // 2.8 h of batches at once
                }
                double callMillis = (System.nanoTime() - t0) / 1e6;
                assertTrue(callMillis < 2000, "20 000 batches offered in " + callMillis + " ms");
                int received = 0;
                while (c.nextLiveFrame(300).isPresent()) {
                    received++;
                }
                LinkServerStats s = h.server().stats();
                assertTrue(s.liveFramesDropped() > 0, "the queue overflowed and dropped: " + s);
                assertEquals(20_000, s.liveFramesSent() + s.liveFramesDropped());
                assertEquals(s.liveFramesSent(), received, "every frame sent arrived (TCP loses none)");
                assertTrue(c.stats().received().framesLost() > 0, "the host sees the drops as a sequence gap");
            }
        });
    }

}
