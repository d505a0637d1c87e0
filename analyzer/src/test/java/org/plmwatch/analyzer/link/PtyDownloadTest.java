package org.plmwatch.analyzer.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.sim.link.LinkServers;
import org.plmwatch.sim.link.SocatPty;

/**
 * The whole download over a real serial link: a socat pty pair, the device's link server on one end
 * (opened as a file, as /dev/ttyGS0 is on the Pi) and jssc on the other.
 */
class PtyDownloadTest {

    @TempDir
    Path tmp;

    private SocatPty pty;
    private LinkServers.Handle server;
    private TestDevice device;
    private byte[] night1;
    private byte[] night2;

    @BeforeEach
    void startDevice() throws Exception {
        Assumptions.assumeTrue(SocatPty.available(), "socat is not installed (Debian package socat)");
        Path nights = tmp.resolve("device/nights");
        night1 = Files.readAllBytes(TestNights.write(nights, 1, 11, 0.5));
        // night 2 was torn by a power cut and has a damaged byte inside: the link serves its intact blocks
        byte[] torn = TestNights.night(12, 0.25);
        torn[torn.length / 2] ^= 0x40;
        byte[] withTail = java.util.Arrays.copyOf(torn, torn.length + 100);
        Files.write(nights.resolve("night-000002.night"), withTail);
        night2 = withTail;
        TestNights.write(nights, 3, 13, 0.25);
        device = new TestDevice("plmw-test", nights);
        device.recording(3);
        pty = SocatPty.start();
        server = LinkServers.open(pty.first().toString(), device);
    }

    @AfterEach
    void stopDevice() throws Exception {
        if (server != null) {
            server.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    private DownloadSummary download(Archive archive, boolean erase, DownloadProgress progress) throws Exception {
        try (LinkClient client = new LinkClient(JsscTransport.open(pty.second().toString()), LinkTimeouts.DEFAULT)) {
            return new Downloader(client, archive, Downloader.Options.DEFAULT.withEraseAfterVerify(erase), progress,
                    Clock.systemUTC()).run();
        }
    }

    @Test
    void downloadsEveryFinishedNightByteIdenticalThenNothingThenErasesOnlyWhenAsked() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Archive archive = new Archive(tmp.resolve("archive"));
            DownloadSummary first = download(archive, false, DownloadProgress.NONE);

            assertEquals("plmw-test", first.deviceId());
            assertEquals(List.of(NightOutcome.Status.DOWNLOADED, NightOutcome.Status.DOWNLOADED,
                    NightOutcome.Status.SKIPPED_RECORDING), statuses(first));
            assertArrayEquals(night1, Files.readAllBytes(archive.nightFile("plmw-test", 1)), "undamaged night: the file");
            assertArrayEquals(TestNights.intactBlocks(night2), Files.readAllBytes(archive.nightFile("plmw-test", 2)),
                    "damaged night: its intact blocks");
            assertTrue(TestNights.intactBlocks(night2).length < night2.length - 100);
            assertEquals(List.of("night-000001.night", "night-000001.properties", "night-000002.night",
                    "night-000002.properties"), listing(tmp.resolve("archive").resolve(Archive.folderName("plmw-test"))));
            NightManifest m = archive.verified("plmw-test", 1).orElseThrow();
            assertEquals(Archive.hex(java.security.MessageDigest.getInstance("SHA-256").digest(night1)), m.sha256Hex());
            assertEquals(night1.length, m.sizeBytes());
            assertEquals(1, device.wallClockSets.size(), "the download sets the device clock once");
            assertEquals(night1.length + TestNights.intactBlocks(night2).length, first.bytesTransferred());

            DownloadSummary second = download(archive, false, DownloadProgress.NONE);
            assertEquals(List.of(NightOutcome.Status.ALREADY_ARCHIVED, NightOutcome.Status.ALREADY_ARCHIVED,
                    NightOutcome.Status.SKIPPED_RECORDING), statuses(second));
            assertEquals(0, second.bytesTransferred());
            assertTrue(Files.exists(device.nightsDir().resolve("night-000001.night")), "nothing erased unless asked");

            DownloadSummary third = download(archive, true, DownloadProgress.NONE);
            assertTrue(third.nights().get(0).erased() && third.nights().get(1).erased());
            assertFalse(Files.exists(device.nightsDir().resolve("night-000001.night")));
            assertFalse(Files.exists(device.nightsDir().resolve("night-000002.night")));
            assertTrue(Files.exists(device.nightsDir().resolve("night-000003.night")), "the recording night stays");
            assertArrayEquals(night1, Files.readAllBytes(archive.nightFile("plmw-test", 1)), "archive untouched");
        });
    }

    @Test
    void aDownloadStoppedMidTransferResumesWhereItStopped() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Archive archive = new Archive(tmp.resolve("archive"));
            long stopAfter = night1.length / 3;
            DownloadProgress ctrlC = new DownloadProgress() {
                long got;

                @Override
                public void start(int nightId, long totalBytes, long bytesInHand) {
                }

                @Override
                public void advance(long bytes) {
                    got += bytes;
                    if (got > stopAfter) {
                        throw new IllegalStateException("stopped by the user");
                    }
                }

                @Override
                public void end() {
                }
            };
            assertThrows(IllegalStateException.class, () -> download(archive, false, ctrlC));
            Path part = archive.slot("plmw-test", 1).partFile();
            assertTrue(Files.size(part) > 0 && Files.size(part) < night1.length);

            DownloadSummary resumed = download(archive, false, DownloadProgress.NONE);
            NightOutcome n1 = resumed.nights().get(0);
            assertEquals(NightOutcome.Status.DOWNLOADED, n1.status());
            assertTrue(n1.resumedFromBlock() > 0, "resumed from block " + n1.resumedFromBlock());
            assertTrue(n1.bytesTransferred() < night1.length, "only the rest was transferred");
            assertArrayEquals(night1, Files.readAllBytes(archive.nightFile("plmw-test", 1)));
            assertFalse(Files.exists(part));
        });
    }

    private static List<NightOutcome.Status> statuses(DownloadSummary s) {
        return s.nights().stream().map(NightOutcome::status).collect(Collectors.toList());
    }

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
