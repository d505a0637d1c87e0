package org.plmwatch.analyzer.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.core.nightfile.BlockRef;
import org.plmwatch.core.nightfile.BlockScanner;

/** The archive's part files, commit and folder names, without a link. */
class ArchiveTest {

    @TempDir
    Path tmp;

    private static List<byte[]> blocks(byte[] night) {
        return BlockScanner.scan(ByteBuffer.wrap(night)).blocks().stream()
                .map((BlockRef b) -> Arrays.copyOfRange(night, (int) b.offset(), (int) b.endOffset())).toList();
    }

    @Test
    void aPartWithATornTailResumesAfterItsLastIntactBlockAndHashesTheWholeNight() throws Exception {
        byte[] night = TestNights.night(61, 0.25);
        List<byte[]> blocks = blocks(night);
        Archive archive = new Archive(tmp);
        try (PartFile part = archive.openPart("plmw", 3, night.length, blocks.size())) {
            for (int i = 0; i < 100; i++) {
                part.append(i, blocks.get(i));
            }
        }
        Path partPath = archive.slot("plmw", 3).partFile();
        byte[] torn = Arrays.copyOf(blocks.get(100), 17); // a killed download's half-written block
        Files.write(partPath, torn, java.nio.file.StandardOpenOption.APPEND);

        PartFile resumed = archive.openPart("plmw", 3, night.length, blocks.size());
        assertEquals(100, resumed.resumedBlocks());
        for (int i = 100; i < blocks.size(); i++) {
            resumed.append(i, blocks.get(i));
        }
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(night), resumed.sha256());
        archive.commit(resumed, new NightManifest("plmw", 3, Archive.hex(resumed.sha256()), resumed.bytes(),
                resumed.blocks(), 0, Instant.parse("2026-01-16T07:00:00Z"), "/dev/ttyACM0"));
        assertArrayEquals(night, Files.readAllBytes(archive.nightFile("plmw", 3)));
        NightManifest m = archive.verified("plmw", 3).orElseThrow();
        assertEquals(night.length, m.sizeBytes());
        assertEquals("/dev/ttyACM0", m.port());
        assertTrue(Files.notExists(partPath) && Files.notExists(archive.slot("plmw", 3).progressFile()));
    }

    @Test
    void aDamagedBlockIsRefusedAndNothingIsWritten() throws Exception {
        List<byte[]> blocks = blocks(TestNights.night(61, 0.25));
        try (PartFile part = new Archive(tmp).openPart("plmw", 1, 1 << 20, 1000)) {
            byte[] bad = blocks.get(0).clone();
            bad[bad.length / 2] ^= 1;
            assertThrows(DamagedBlockException.class, () -> part.append(0, bad));
            assertEquals(0, part.blocks());
            part.append(0, blocks.get(0));
            assertEquals(1, part.blocks());
        }
    }

    @Test
    void aVerifiedNightIsNeverOverwritten() throws Exception {
        Archive archive = new Archive(tmp);
        Files.createDirectories(archive.deviceDir("plmw"));
        Files.writeString(archive.nightFile("plmw", 2), "already here");
        PartFile part = archive.openPart("plmw", 2, 1 << 20, 1000);
        part.append(0, blocks(TestNights.night(61, 0.25)).get(0));
        assertThrows(FileAlreadyExistsException.class, () -> archive.commit(part, new NightManifest("plmw", 2, "00",
                part.bytes(), 1, 0, Instant.EPOCH, "p")));
        assertEquals("already here", Files.readString(archive.nightFile("plmw", 2)));
    }

    @Test
    void deviceIdsNeverShareAFolderAndStayShortAndInside() {
        Archive archive = new Archive(tmp);
        List<String> ids = List.of("a/b", "a_b", "a\0b", "a\\b", "A/B", "../etc/passwd", "..", "", ".hidden",
                "x".repeat(1000), "x".repeat(1001), "\u00e9t\u00e9", "\u001b]0;pwned\u0007");
        java.util.Set<Path> dirs = new java.util.HashSet<>();
        for (String id : ids) {
            Path dir = archive.deviceDir(id);
            String name = dir.getFileName().toString();
            assertEquals(tmp, dir.getParent(), id);
            assertTrue(name.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*-[0-9a-f]{16}"), name);
            assertTrue(name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 64, name);
            assertTrue(dirs.add(dir), "two ids share " + name);
        }
        assertTrue(archive.deviceDir("plmw-0042").getFileName().toString().startsWith("plmw-0042-"), "readable");
        assertEquals(archive.deviceDir("a/b"), new Archive(tmp).deviceDir("a/b"), "the same id: the same folder");
    }

    @Test
    void appendRefusesEveryBlockPastTheAnnouncedSizeOrCount() throws Exception {
        List<byte[]> blocks = blocks(TestNights.night(61, 0.25));
        long twoBlocks = blocks.get(0).length + blocks.get(1).length;
        try (PartFile byCount = new Archive(tmp).openPart("plmw", 1, 1 << 20, 2)) {
            byCount.append(0, blocks.get(0));
            byCount.append(1, blocks.get(1));
            assertThrows(AnnouncedSizeExceededException.class, () -> byCount.append(2, blocks.get(2)));
            assertEquals(2, byCount.blocks());
        }
        try (PartFile byBytes = new Archive(tmp).openPart("plmw", 2, twoBlocks + blocks.get(2).length - 1, 1000)) {
            byBytes.append(0, blocks.get(0));
            byBytes.append(1, blocks.get(1));
            assertThrows(AnnouncedSizeExceededException.class, () -> byBytes.append(2, blocks.get(2)));
            assertEquals(twoBlocks, byBytes.bytes());
        }
        assertEquals(twoBlocks, Files.size(new Archive(tmp).slot("plmw", 2).partFile()));
    }

    @Test
    void aPartLargerThanTheAnnouncedNightIsDiscardedAndStartedAfresh() throws Exception {
        byte[] night = TestNights.night(61, 0.25);
        List<byte[]> blocks = blocks(night);
        Archive archive = new Archive(tmp);
        Path part = archive.slot("plmw", 4).partFile();
        Files.createDirectories(part.getParent());
        Files.write(part, night); // e.g. left from a longer night the device reused the id for
        long announced = blocks.subList(0, 50).stream().mapToLong(b -> b.length).sum();
        try (PartFile p = archive.openPart("plmw", 4, announced, 50)) {
            assertTrue(p.discardedOversize());
            assertEquals(0, p.blocks());
            assertEquals(0, Files.size(part));
        }
    }

    @Test
    void aHugePartIsResumedBlockByBlockNeverReadWhole() throws Exception {
        byte[] night = TestNights.night(61, 0.25);
        List<byte[]> blocks = blocks(night);
        Archive archive = new Archive(tmp);
        Path part = archive.slot("plmw", 5).partFile();
        Files.createDirectories(part.getParent());
        byte[] first100 = TestNights.intactBlocks(Arrays.copyOf(night, (int) BlockScanner.scan(ByteBuffer.wrap(night))
                .blocks().get(99).endOffset()));
        Files.write(part, first100);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(part.toFile(), "rw")) {
            f.setLength(200L << 20); // a sparse 200 MiB tail of zeros: costs no disk
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
                .getThreadMXBean();
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        try (PartFile p = archive.openPart("plmw", 5, Downloader.MAX_NIGHT_BYTES, blocks.size())) {
            long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            assertEquals(100, p.blocks());
            assertEquals(first100.length, Files.size(part), "the zeros after the last intact block are cut off");
            assertTrue(allocated < 16L << 20, "resuming a 200 MiB part allocated " + allocated / 1e6 + " MB");
        }
    }

    // ------------------------------------------------------------------ links under the archive

    private Path outside() throws Exception {
        Path o = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(o.resolve("precious.txt"), "do not touch");
        return o;
    }

    private void assertOutsideUntouched(Path outside) throws Exception {
        try (java.util.stream.Stream<Path> s = Files.list(outside)) {
            assertEquals(List.of(outside.resolve("precious.txt")), s.toList());
        }
        assertEquals("do not touch", Files.readString(outside.resolve("precious.txt")));
    }

    @Test
    void aDeviceFolderThatIsALinkIsRefusedAndNothingIsWrittenThroughIt() throws Exception {
        Path outside = outside();
        Archive archive = new Archive(tmp.resolve("archive"));
        Files.createDirectories(archive.root());
        Files.createSymbolicLink(archive.deviceDir("plmw"), outside);
        ArchiveRefusedException e = assertThrows(ArchiveRefusedException.class,
                () -> archive.openPart("plmw", 1, 1 << 20, 100));
        assertEquals(archive.deviceDir("plmw"), e.path());
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertThrows(ArchiveRefusedException.class, () -> archive.verified("plmw", 1));
        assertOutsideUntouched(outside);
    }

    @Test
    void partProgressAndManifestLinksInTheDeviceFolderAreRefused() throws Exception {
        Path outside = outside();
        Path target = outside.resolve("precious.txt");
        Archive archive = new Archive(tmp.resolve("archive"));
        Archive.NightSlot slot = archive.slot("plmw", 1);
        Files.createDirectories(slot.dir());
        for (Path planted : List.of(slot.partFile(), slot.progressFile(), slot.manifestFile(), slot.nightFile())) {
            Files.createSymbolicLink(planted, target);
            ArchiveRefusedException e = assertThrows(ArchiveRefusedException.class, () -> {
                archive.verified(slot);
                archive.openPart(slot, 1 << 20, 100).close();
            });
            assertEquals(planted, e.path());
            Files.delete(planted);
        }
        assertOutsideUntouched(outside);
    }

    @Test
    void aHardLinkedPartAndAFifoAreRefused() throws Exception {
        Path outside = outside();
        Archive archive = new Archive(tmp.resolve("archive"));
        Archive.NightSlot slot = archive.slot("plmw", 1);
        Files.createDirectories(slot.dir());
        Files.createLink(slot.partFile(), outside.resolve("precious.txt"));
        ArchiveRefusedException hard = assertThrows(ArchiveRefusedException.class, () -> archive.openPart(slot, 1 << 20, 9));
        assertTrue(hard.getMessage().contains("2 hard links"), hard.getMessage());
        Files.delete(slot.partFile());
        assertOutsideUntouched(outside);

        Process mkfifo = new ProcessBuilder("mkfifo", slot.partFile().toString()).start();
        assertEquals(0, mkfifo.waitFor());
        ArchiveRefusedException fifo = assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> assertThrows(ArchiveRefusedException.class, () -> archive.openPart(slot, 1 << 20, 9)));
        assertTrue(fifo.getMessage().contains("a device, FIFO or socket"), fifo.getMessage());
    }

    @Test
    void aLinkPlantedAtTheManifestsTemporaryNameIsReplacedNotWrittenThrough() throws Exception {
        Path outside = outside();
        byte[] night = TestNights.night(61, 0.25);
        List<byte[]> blocks = blocks(night);
        Archive archive = new Archive(tmp.resolve("archive"));
        Archive.NightSlot slot = archive.slot("plmw", 1);
        PartFile part = archive.openPart(slot, night.length, blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            part.append(i, blocks.get(i));
        }
        Path tmpName = slot.manifestFile().resolveSibling(slot.manifestFile().getFileName() + ".tmp");
        Files.createSymbolicLink(tmpName, outside.resolve("precious.txt"));
        archive.commit(part, slot, new NightManifest("plmw", 1, Archive.hex(part.sha256()), part.bytes(), part.blocks(),
                0, Instant.EPOCH, "p"));
        assertEquals(night.length, archive.verified(slot).orElseThrow().sizeBytes());
        assertOutsideUntouched(outside);
    }
}
