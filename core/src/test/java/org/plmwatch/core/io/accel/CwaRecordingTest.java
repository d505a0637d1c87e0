package org.plmwatch.core.io.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.core.io.InputFormatException;

/**
 * Reads the GGIRread device test files ax3_testfile.cwa (AX3, packed samples, 100 Hz, ±8 g) and
 * ax6_testfile.cwa (AX6, 6 × 16-bit axes, 100 Hz, ±16 g) from the shared data folder. Expected
 * counts and the start time are worked out here straight from the bytes, independently of the
 * reader.
 */
class CwaRecordingTest {

    @TempDir
    Path temp;

    private static Path shared(String name) {
        Path dir = Path.of(System.getProperty("plmwatch.shared.data", "../shared/data"), "accel");
        Assumptions.assumeTrue(Files.isDirectory(dir), "shared data not present");
        return dir.resolve(name);
    }

    /** Facts read from the raw blocks with plain ByteBuffer code, for comparison with the reader. */
    private record RawFacts(int blocks, long samples, int samplesPerFullBlock, LocalDateTime firstSample) {
    }

    private static RawFacts rawFacts(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int blocks = (file.length - 1024) / 512;
        long samples = 0;
        for (int k = 0; k < blocks; k++) {
            samples += b.getShort(1024 + k * 512 + 28) & 0xffff;
        }
        int numAxesBps = file[1024 + 25] & 0xff;
        int perBlock = (numAxesBps & 0x0f) == 0 ? 120 : 480 / (2 * (numAxesBps >> 4));
        // First sample of the first block: timestamp + fraction - offset / rate (cwa.h, cwa_load.py).
        int ts = b.getInt(1024 + 14);
        LocalDateTime whole = LocalDateTime.of(((ts >>> 26) & 0x3f) + 2000, (ts >>> 22) & 0x0f, (ts >>> 17) & 0x1f,
                (ts >>> 12) & 0x1f, (ts >>> 6) & 0x3f, ts & 0x3f);
        int fractional = b.getShort(1024 + 4) & 0xffff;
        double rate = 3200.0 / (1 << (15 - (file[1024 + 24] & 0x0f)));
        int offset = b.getShort(1024 + 26);
        double fraction = 0;
        if ((fractional & 0x8000) != 0) {
            int f16 = (fractional & 0x7fff) * 2;
            offset += f16 * (int) rate / 65536;
            fraction = f16 / 65536.0;
        }
        long nanos = Math.round((fraction - offset / rate) * 1e9);
        return new RawFacts(blocks, samples, perBlock, whole.plusNanos(nanos));
    }

    @Test
    void ax3ReadsEverySampleAtAbout100HzAndOneG() throws Exception {
        Path file = shared("ax3_testfile.cwa");
        RawFacts raw = rawFacts(Files.readAllBytes(file));
        AccelRecording recording = AccelReaders.open(file);
        AccelRecordingInfo info = recording.info();
        assertEquals("axivity-cwa", info.format());
        assertTrue(info.description().startsWith("Axivity AX3"), info.description());
        assertEquals(100.0, info.nominalRateHz().getAsDouble());
        assertEquals(AccelUnits.G, info.units());
        assertEquals(Optional.of(raw.firstSample()), info.start());
        assertEquals("2019-02-26T10:55", info.metadata().get("logging start"));
        assertEquals("right wrist", info.metadata().get("Body Location"));
        assertEquals(Optional.empty(), info.leg(), "a wrist is not a leg");
        assertEquals(raw.samples(), info.sampleCount().getAsLong());

        CollectingSink sink = new CollectingSink();
        ReadReport report = recording.stream(sink);
        assertEquals(145, raw.blocks());
        assertEquals(raw.blocks() * (long) raw.samplesPerFullBlock(), raw.samples(), "every block full");
        assertEquals(raw.samples(), sink.count);
        assertEquals(raw.samples(), report.sampleCount());
        assertEquals(1, sink.ends);
        assertEquals(0, sink.gaps.size());
        assertEquals(0, report.skippedBlocks().size());
        assertEquals(0.0, sink.t[0]);
        // The AX3 clock says its "100 Hz" is about 98.8 Hz; ~3 min of samples.
        assertEquals(100.0, report.meanRateHz(), 2.0);
        assertEquals(raw.samples() / report.meanRateHz(), report.durationSeconds(), 0.05);
        assertTrue(report.durationSeconds() > 170 && report.durationSeconds() < 180, "" + report.durationSeconds());
        LocalDateTime end = raw.firstSample().plusNanos(Math.round(report.lastSampleSeconds() * 1e9));
        assertTrue(!end.isAfter(LocalDateTime.of(2019, 2, 26, 10, 58, 3)), "ends near the logging stop: " + end);
        double median = sink.medianMagnitude();
        assertTrue(median > 0.95 && median < 1.05, "median |a| " + median);
    }

    @Test
    void ax6ReadsTheAccelerometerAxesAtAbout100HzAndOneG() throws Exception {
        Path file = shared("ax6_testfile.cwa");
        RawFacts raw = rawFacts(Files.readAllBytes(file));
        AccelRecording recording = AccelReaders.open(file);
        AccelRecordingInfo info = recording.info();
        assertTrue(info.description().startsWith("Axivity AX6"), info.description());
        assertEquals("250", info.metadata().get("gyroscope range dps"));
        assertEquals("16", info.metadata().get("accelerometer range g"));
        assertEquals(Optional.of(raw.firstSample()), info.start());
        assertEquals(40, raw.samplesPerFullBlock());

        CollectingSink sink = new CollectingSink();
        ReadReport report = recording.stream(sink);
        assertEquals(283L * 40, raw.samples());
        assertEquals(raw.samples(), sink.count);
        assertEquals(0, report.skippedBlocks().size());
        assertEquals(100.0, report.meanRateHz(), 2.0);
        assertTrue(report.durationSeconds() > 110 && report.durationSeconds() < 116, "" + report.durationSeconds());
        double median = sink.medianMagnitude();
        assertTrue(median > 0.95 && median < 1.05, "median |a| " + median);
    }

    @Test
    void aDamagedBlockIsSkippedReportedAndBecomesAGap() throws Exception {
        byte[] original = Files.readAllBytes(shared("ax3_testfile.cwa"));
        CollectingSink intact = new CollectingSink();
        AccelReaders.open(shared("ax3_testfile.cwa")).stream(intact);

        int damaged = 50;
        long offset = 1024 + damaged * 512L;
        byte[] copy = original.clone();
        for (int i = 100; i < 104; i++) {
            copy[(int) offset + i] ^= (byte) 0xff;
        }
        Path file = temp.resolve("flipped.cwa");
        Files.write(file, copy);

        CollectingSink sink = new CollectingSink();
        ReadReport report = AccelReaders.open(file).stream(sink);
        assertEquals(1, report.skippedBlocks().size());
        assertEquals(offset, report.skippedBlocks().get(0).byteOffset());
        assertTrue(report.skippedBlocks().get(0).reason().contains("checksum"), report.skippedBlocks().get(0).reason());
        assertEquals(intact.count - 120, sink.count);
        assertEquals(1, sink.gaps.size());
        assertEquals(1, report.gapCount());
        // The gap spans the lost block: 120 samples at ~99 Hz, plus one interval.
        double[] gap = sink.gaps.get(0);
        assertEquals(121 / 98.8, gap[1] - gap[0], 0.05);
        // Samples on both sides are the same as in the intact file.
        int before = damaged * 120;
        assertEquals(intact.x[before - 1], sink.x[before - 1]);
        assertEquals(intact.t[before + 120], sink.t[before], 1e-9);
        assertEquals(intact.z[before + 120], sink.z[before]);
    }

    @Test
    void aBlockWithABadHeaderIsSkipped() throws Exception {
        byte[] copy = Files.readAllBytes(shared("ax6_testfile.cwa"));
        copy[1024 + 7 * 512] = 'Q';
        Path file = temp.resolve("badheader.cwa");
        Files.write(file, copy);
        CollectingSink sink = new CollectingSink();
        ReadReport report = AccelReaders.open(file).stream(sink);
        assertEquals(1, report.skippedBlocks().size());
        assertEquals(1024 + 7 * 512L, report.skippedBlocks().get(0).byteOffset());
        assertTrue(report.skippedBlocks().get(0).reason().contains("'AX'"));
        assertEquals(282 * 40, sink.count);
    }

    @Test
    void aTruncatedCopyReadsEveryWholeBlock() throws Exception {
        byte[] original = Files.readAllBytes(shared("ax3_testfile.cwa"));
        Path file = temp.resolve("truncated.cwa");
        Files.write(file, Arrays.copyOf(original, 1024 + 100 * 512 + 300));
        AccelRecording recording = AccelReaders.open(file);
        CollectingSink sink = new CollectingSink();
        ReadReport report = recording.stream(sink);
        assertEquals(100 * 120, sink.count);
        assertEquals(300, report.truncatedBytes());
        assertEquals(0, report.skippedBlocks().size());
        assertEquals(1, sink.ends);
        assertEquals(100 * 120, recording.info().sampleCount().getAsLong());
    }

    @Test
    void aFileWithoutTheMdHeaderIsRejectedAtByteZero() throws IOException {
        byte[] copy = Files.readAllBytes(shared("ax3_testfile.cwa"));
        copy[1] = 'X';
        Path file = temp.resolve("nomagic.cwa");
        Files.write(file, copy);
        InputFormatException e = assertThrows(InputFormatException.class, () -> CwaRecording.open(file));
        assertEquals("byte 0", e.where());
        assertTrue(e.getMessage().contains("MD"), e.getMessage());
    }

    @Test
    void aHeaderWithoutDataBlocksIsRejected() throws IOException {
        byte[] copy = Arrays.copyOf(Files.readAllBytes(shared("ax3_testfile.cwa")), 1024 + 200);
        Path file = temp.resolve("headeronly.cwa");
        Files.write(file, copy);
        InputFormatException e = assertThrows(InputFormatException.class, () -> AccelReaders.open(file));
        assertTrue(e.getMessage().contains("no data block"), e.getMessage());
    }

    /** Rewrites a block's checksum so that its 256 words sum to zero again. */
    private static void fixChecksum(byte[] file, int block) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int at = 1024 + block * 512;
        int sum = 0;
        for (int i = 0; i < 510; i += 2) {
            sum += b.getShort(at + i) & 0xffff;
        }
        b.putShort(at + 510, (short) (-sum & 0xffff));
    }

    @Test
    void anInsertedEmptyBlockLosesNothingAndMakesNoGap() throws Exception {
        byte[] original = Files.readAllBytes(shared("ax3_testfile.cwa"));
        int at = 1024 + 31 * 512;
        byte[] copy = new byte[original.length + 512];
        System.arraycopy(original, 0, copy, 0, at);
        System.arraycopy(original, at - 512, copy, at, 512); // a copy of block 30 ...
        System.arraycopy(original, at, copy, at + 512, original.length - at);
        ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(at + 28, (short) 0); // ... holding no samples
        for (int k = 31; k < 146; k++) {
            b.putInt(1024 + k * 512 + 10, k); // sequence ids follow on
            fixChecksum(copy, k);
        }
        Path file = temp.resolve("empty-block.cwa");
        Files.write(file, copy);
        CollectingSink sink = new CollectingSink();
        ReadReport report = AccelReaders.open(file).stream(sink);
        assertEquals(145 * 120, sink.count);
        assertEquals(0, report.skippedBlocks().size());
        assertEquals(0, sink.gaps.size());
    }

    @Test
    void aBlockThatLostItsSamplesBecomesAGap() throws Exception {
        byte[] copy = Files.readAllBytes(shared("ax3_testfile.cwa"));
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putShort(1024 + 30 * 512 + 28, (short) 0);
        fixChecksum(copy, 30);
        Path file = temp.resolve("emptied-block.cwa");
        Files.write(file, copy);
        CollectingSink sink = new CollectingSink();
        ReadReport report = AccelReaders.open(file).stream(sink);
        assertEquals(144 * 120, sink.count);
        assertEquals(0, report.skippedBlocks().size());
        // Blocks 29 and 31 are 2.4 s apart but only 120 samples lie between them: not interpolated.
        assertEquals(1, sink.gaps.size());
        assertEquals(121 / 98.8, sink.gaps.get(0)[1] - sink.gaps.get(0)[0], 0.05);
    }

    @Test
    void aClockStepForwardBecomesOneGapAndKeepsEverySample() throws Exception {
        byte[] copy = Files.readAllBytes(shared("ax3_testfile.cwa"));
        ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 80; k < 145; k++) {
            int at = 1024 + k * 512 + 14;
            int ts = b.getInt(at);
            b.putInt(at, ts + (1 << 12)); // one hour later: the hour field is bits 12-16 (10:xx → 11:xx)
            fixChecksum(copy, k);
        }
        Path file = temp.resolve("clock-step.cwa");
        Files.write(file, copy);
        CollectingSink sink = new CollectingSink();
        ReadReport report = AccelReaders.open(file).stream(sink);
        assertEquals(145 * 120, sink.count);
        assertEquals(1, sink.gaps.size());
        double[] gap = sink.gaps.get(0);
        assertEquals(3600 + 1 / 98.8, gap[1] - gap[0], 0.005); // no sample lost, only the clock moved
        assertEquals(80 * 120 - 1, java.util.stream.IntStream.range(0, sink.count - 1)
                .filter(i -> sink.t[i + 1] - sink.t[i] > 1).findFirst().getAsInt());
    }

    @Test
    void legIsTakenFromABodyLocationOnALeg() {
        assertEquals(Optional.of(org.plmwatch.core.model.Leg.LEFT), CwaRecording.legOf("left ankle"));
        assertEquals(Optional.of(org.plmwatch.core.model.Leg.RIGHT), CwaRecording.legOf("Right Leg"));
        assertEquals(Optional.empty(), CwaRecording.legOf("right wrist"));
        assertEquals(Optional.empty(), CwaRecording.legOf("ankle"));
    }
}
