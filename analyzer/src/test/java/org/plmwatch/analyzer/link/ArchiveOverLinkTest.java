package org.plmwatch.analyzer.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.sim.link.LinkServers;
import org.plmwatch.sim.link.SocatPty;

/**
 * The archive's rules end to end: the device's link server on a socat pty, jssc on the host's end.
 * Ids that read alike get their own folders, a different night under a known id is stored beside
 * the archived one, archives made before the hashed folder names are still recognised, and a link
 * planted in the archive stops the download before anything is written through it.
 */
class ArchiveOverLinkTest {

    @TempDir
    Path tmp;

    private SocatPty pty;
    private LinkServers.Handle server;

    @BeforeEach
    void pty() throws Exception {
        Assumptions.assumeTrue(SocatPty.available(), "socat is not installed (Debian package socat)");
        pty = SocatPty.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    private DownloadSummary download(String deviceId, Path nights, Archive archive) throws Exception {
        if (server != null) {
            server.close();
        }
        server = LinkServers.open(pty.first().toString(), new TestDevice(deviceId, nights));
        try (LinkClient client = new LinkClient(JsscTransport.open(pty.second().toString()), LinkTimeouts.DEFAULT)) {
            return new Downloader(client, archive, Downloader.Options.DEFAULT, DownloadProgress.NONE,
                    Clock.systemUTC()).run();
        }
    }

    @Test
    void idsThatReadAlikeGetTheirOwnFolders() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Archive archive = new Archive(tmp.resolve("archive"));
            TestNights.write(tmp.resolve("n1"), 1, 91, 0.25);
            TestNights.write(tmp.resolve("n2"), 1, 92, 0.25);
            download("a/b", tmp.resolve("n1"), archive);
            download("a_b", tmp.resolve("n2"), archive);
            assertNotEquals(archive.deviceDir("a/b"), archive.deviceDir("a_b"));
            assertArrayEquals(TestNights.night(91, 0.25), Files.readAllBytes(archive.nightFile("a/b", 1)));
            assertArrayEquals(TestNights.night(92, 0.25), Files.readAllBytes(archive.nightFile("a_b", 1)));
            try (Stream<Path> dirs = Files.list(archive.root())) {
                assertEquals(2, dirs.count());
            }
        });
    }

    @Test
    void aDifferentNightUnderAnArchivedIdIsStoredBesideItAndReported() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Archive archive = new Archive(tmp.resolve("archive"));
            Path nights = tmp.resolve("nights");
            TestNights.write(nights, 1, 93, 0.25);
            assertEquals(NightOutcome.Status.DOWNLOADED, download("plmw-reset", nights, archive).nights().get(0).status());
            // the device was reset: its night counter starts again at 1 with another night
            byte[] second = TestNights.night(94, 0.25);
            TestNights.write(nights, 1, 94, 0.25);
            NightOutcome n = download("plmw-reset", nights, archive).nights().get(0);
            assertEquals(NightOutcome.Status.DOWNLOADED, n.status(), n.message());
            Archive.NightSlot beside = archive.slotBeside("plmw-reset", 1, MessageDigest.getInstance("SHA-256").digest(second));
            assertTrue(n.message().contains("a different night 1 is already archived")
                    && n.message().contains("stored beside it as " + beside.nightFile().getFileName()), n.message());
            assertArrayEquals(TestNights.night(93, 0.25), Files.readAllBytes(archive.nightFile("plmw-reset", 1)),
                    "the first night untouched");
            assertArrayEquals(second, Files.readAllBytes(beside.nightFile()));

            DownloadSummary again = download("plmw-reset", nights, archive);
            assertEquals(NightOutcome.Status.ALREADY_ARCHIVED, again.nights().get(0).status());
            assertEquals(0, again.bytesTransferred());
        });
    }

    @Test
    void nightsInAnArchiveMadeBeforeTheHashedFolderNamesCountAsArchived() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Archive archive = new Archive(tmp.resolve("archive"));
            Path nights = tmp.resolve("nights");
            byte[] night = Files.readAllBytes(TestNights.write(nights, 3, 95, 0.25));
            // the layout of earlier releases: ARCHIVE/<safe id>/night-000003.{night,properties}
            Path old = Files.createDirectories(archive.root().resolve("plmw-old"));
            Files.write(old.resolve("night-000003.night"), night);
            NightManifest m = new NightManifest("plmw-old", 3,
                    Archive.hex(MessageDigest.getInstance("SHA-256").digest(night)), night.length, 0, 0,
                    Instant.parse("2026-01-16T07:00:00Z"), "/dev/ttyACM0");
            Files.writeString(old.resolve("night-000003.properties"), m.toText());

            DownloadSummary s = download("plmw-old", nights, archive);
            assertEquals(NightOutcome.Status.ALREADY_ARCHIVED, s.nights().get(0).status(), s.nights().get(0).message());
            assertEquals(0, s.bytesTransferred());
            assertTrue(Files.notExists(archive.deviceDir("plmw-old")), "nothing downloaded again");
        });
    }

    @Test
    void aLinkPlantedInTheArchiveStopsTheDownloadBeforeAnythingIsWrittenThroughIt() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Path outside = Files.createDirectories(tmp.resolve("outside"));
            Archive archive = new Archive(tmp.resolve("archive"));
            Path nights = tmp.resolve("nights");
            TestNights.write(nights, 1, 96, 0.25);
            Files.createDirectories(archive.root());
            Files.createSymbolicLink(archive.deviceDir("plmw-link"), outside);
            ArchiveRefusedException e = assertThrows(ArchiveRefusedException.class,
                    () -> download("plmw-link", nights, archive));
            assertEquals(archive.deviceDir("plmw-link"), e.path());
            try (Stream<Path> s = Files.list(outside)) {
                assertEquals(List.of(), s.toList(), "nothing written outside the archive");
            }
        });
    }
}
