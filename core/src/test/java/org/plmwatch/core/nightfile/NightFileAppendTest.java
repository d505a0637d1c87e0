package org.plmwatch.core.nightfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device restarts after a power cut and continues the night's file. */
class NightFileAppendTest {

    @TempDir
    Path dir;

    @Test
    void appendAfterATornWriteCutsTheTornTailAndContinuesTheSequence() throws Exception {
        Path file = dir.resolve("night.night");
        short[] xyz = TestNights.samples(31, 20, 2.0, false);
        NightFileWriter first = NightFileWriter.create(file, TestNights.header());
        first.writeSamples(0, xyz, 0, 500);                 // 10 s
        first.writeMovement(10_000_000, 8_000_000, 1_000_000, 0.5);
        first.flush();
        // power cut: no close, no END block; the last block was half written and the page after it zero-filled
        byte[] written = Files.readAllBytes(file);
        ScanResult before = TestNights.scan(written);
        BlockRef lastGood = before.blocks().get(before.blocks().size() - 2);
        byte[] torn = new byte[(int) lastGood.endOffset() + 4096];
        System.arraycopy(written, 0, torn, 0, (int) lastGood.endOffset());
        System.arraycopy(written, (int) lastGood.endOffset(), torn, (int) lastGood.endOffset(), 20);
        Files.write(file, torn);

        long truncated;
        long resume;
        try (NightFileWriter w = NightFileWriter.openForAppend(file)) {
            truncated = w.truncatedBytes();
            resume = w.resumeTimeMicros();
            assertEquals(TestNights.header(), w.header());
            assertEquals(lastGood.sequence() + 2, w.nextSequence(), "one RESTART gap block written already");
            // the new process's monotonic clock starts at 0: file time = resume + its clock
            w.writeSamples(resume + 0, xyz, 1500, 500);
        }
        assertEquals(4096, truncated);
        assertEquals(10_000_000, resume, "samples ended at 10 s; the lost movement block's time is gone");

        RecordingSink sink = new RecordingSink();
        NightFileContents c = NightFileReader.strict().read(file, sink);
        assertTrue(c.report().clean(), c.report().summary());
        assertTrue(c.report().endedCleanly());
        assertEquals(LongStream.range(0, c.blocks().size()).boxed().toList(),
                c.blocks().stream().map(BlockRef::sequence).toList(), "sequence numbers continue without a hole");
        assertEquals(List.of(new StatusEvent.Gap(10.0, 10.0, 10.0, GapReason.RESTART)), c.statuses(StatusEvent.Gap.class));
        assertTrue(c.movements().isEmpty());
        assertEquals(1000, sink.n);
        assertEquals(9.98, sink.t[499], 1e-9);
        assertEquals(10.0, sink.t[500], 1e-9);
        assertEquals(1, sink.gaps.size(), "the restart reaches the detector as a (zero-length) gap");
    }

    @Test
    void appendToACleanlyClosedFileKeepsEverything() throws Exception {
        Path file = dir.resolve("n.night");
        short[] xyz = TestNights.samples(32, 4, 2.0, false);
        try (NightFileWriter w = NightFileWriter.create(file, TestNights.header())) {
            w.writeSamples(0, xyz, 0, 100);
        }
        long size = Files.size(file);
        try (NightFileWriter w = NightFileWriter.openForAppend(file)) {
            assertEquals(0, w.truncatedBytes());
            assertEquals(2_000_000, w.resumeTimeMicros());
            w.writeSamples(w.resumeTimeMicros() + 500_000, xyz, 300, 100);
        }
        assertTrue(Files.size(file) > size);
        RecordingSink sink = new RecordingSink();
        NightFileContents c = NightFileReader.strict().read(file, sink);
        assertTrue(c.report().clean(), c.report().summary());
        assertEquals(2, c.statuses(StatusEvent.End.class).size());
        assertEquals(200, sink.n);
        assertEquals(2.5, sink.t[100], 1e-9);
    }

    @Test
    void appendWithoutAnIntactHeaderRefusesSoTheDeviceStartsANewFile() throws Exception {
        Path file = dir.resolve("bad.night");
        byte[] night = TestNights.smallNight(33, 5);
        night[3] = 0;
        Files.write(file, night);
        NightFileFormatException e = assertThrows(NightFileFormatException.class, () -> NightFileWriter.openForAppend(file));
        assertTrue(e.getMessage().contains("start a new night file"), e.getMessage());
        assertEquals(night.length, Files.size(file), "a refused append leaves the file alone");
        assertFalse(Files.readAllBytes(file).length == 0);
        // the reader still recovers the night with an assumed header
        NightFileContents c = NightFileReader.assumingHeader(TestNights.header())
                .read(ByteBuffer.wrap(Files.readAllBytes(file)), "bad", new RecordingSink());
        assertFalse(c.report().headerFromFile());
        assertEquals(TestNights.scan(night).blocks().size(), c.blocks().size());
    }
}
