package org.plmwatch.analyzer.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void deviceIdsBecomeOneSafeFolderName() {
        Archive archive = new Archive(tmp);
        assertEquals(tmp.resolve("plmw-0042"), archive.deviceDir("plmw-0042"));
        assertEquals(tmp.resolve(".._etc_passwd"), archive.deviceDir("../etc/passwd"));
        assertEquals(tmp, archive.deviceDir("..").getParent());
        assertEquals(tmp, archive.deviceDir("").getParent());
    }
}
