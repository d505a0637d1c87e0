package org.plmwatch.core.nightfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.core.model.Leg;

class NightFileRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void samplesComeBackBitExactWithTimesAndOneG() throws Exception {
        short[] xyz = TestNights.samples(1, 60, 2.0, false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (NightFileWriter w = NightFileWriter.create(bytes, TestNights.header())) {
            // FIFO drains of 32 samples, each stamped with its first sample's time
            for (int i = 0; i < xyz.length / 3; i += 32) {
                w.writeSamples(i * TestNights.PERIOD_MICROS, xyz, 3 * i, Math.min(32, xyz.length / 3 - i));
            }
        }
        RecordingSink sink = new RecordingSink();
        NightFileContents c = NightFileReader.strict().read(ByteBuffer.wrap(bytes.toByteArray()), "rt", sink);

        assertEquals(xyz.length / 3, sink.n);
        assertEquals(sink.n, c.sampleCount());
        for (int i = 0; i < sink.n; i++) {
            assertEquals(i * 0.02, sink.t[i], 1e-9, "time of sample " + i);
            assertEquals(xyz[3 * i], sink.x[i] / TestNights.SCALE_G, 1e-9);
            assertEquals(xyz[3 * i + 1], sink.y[i] / TestNights.SCALE_G, 1e-9);
            assertEquals(xyz[3 * i + 2], sink.z[i] / TestNights.SCALE_G, 1e-9);
        }
        double meanMagnitude = 0;
        for (int i = 0; i < sink.n; i++) {
            meanMagnitude += Math.sqrt(sink.x[i] * sink.x[i] + sink.y[i] * sink.y[i] + sink.z[i] * sink.z[i]);
        }
        assertEquals(1.0, meanMagnitude / sink.n, 0.005, "a resting sensor reads 1 g");
        assertTrue(sink.gaps.isEmpty(), "contiguous FIFO batches make no gap");
        assertEquals(1, sink.ends);
        assertTrue(c.report().clean(), c.report().summary());
        assertTrue(c.report().endedCleanly());
        // 60 s at 50 Hz in blocks of at most 1 s: header + 60 sample blocks + END
        assertEquals(62, c.blocks().size());
        assertEquals(50, sink.n / 60);
    }

    @Test
    void everyBlockTypeRoundTrips() throws Exception {
        byte[] night = TestNights.smallNight(2, 40);
        RecordingSink sink = new RecordingSink();
        NightFileContents c = NightFileReader.strict().read(ByteBuffer.wrap(night), "small", sink);

        assertEquals(TestNights.header(), c.header());
        assertEquals("Bein links \u00e4", c.header().properties().get("note"));
        assertEquals(List.of("odr.mode", "note"), List.copyOf(c.header().properties().keySet()), "property order kept");
        assertEquals(Leg.LEFT, c.header().wornOn().leg().orElseThrow());
        assertTrue(c.report().clean(), c.report().summary());

        assertEquals(20, c.movements().size());
        RecordedMovement m = c.movements().get(1);
        assertEquals(2.0 + 0.5 - 1.5, m.onsetSeconds(), 1e-9);
        assertEquals(1.2, m.durationSeconds(), 1e-9);
        assertEquals(0.36f, (float) m.peakG());
        assertEquals(Leg.LEFT, m.onLeg(Leg.LEFT).leg());

        List<StatusEvent.Mark> marks = c.statuses(StatusEvent.Mark.class);
        assertEquals(List.of(MarkKind.LIGHTS_OFF, MarkKind.LIGHTS_ON), marks.stream().map(StatusEvent.Mark::kind).toList());
        assertEquals(1.5, marks.get(0).timeSeconds(), 1e-9);
        assertEquals(List.of(new StatusEvent.Battery(1.5, 3950, OptionalInt.of(87)),
                new StatusEvent.Battery(3.5, 3900, OptionalInt.empty())), c.statuses(StatusEvent.Battery.class));
        assertEquals(List.of(new StatusEvent.Fault(3.5, 7, "I2C NACK from 0x18")), c.statuses(StatusEvent.Fault.class));
        assertEquals(List.of(new StatusEvent.TimeSet(3.5, 1_763_700_000_000_000L)), c.statuses(StatusEvent.TimeSet.class));
        assertEquals(List.of(new StatusEvent.Gap(23.0, 20.0, 23.0, GapReason.FIFO_OVERFLOW)), c.statuses(StatusEvent.Gap.class));
        assertEquals(1, c.statuses(StatusEvent.End.class).size());

        // the FIFO overflow reaches the sink as exactly one gap, and the samples resume after it
        assertEquals(1, sink.gaps.size());
        assertArrayEquals(new double[] {20.0, 23.0}, sink.gaps.get(0), 1e-9);
        assertEquals(2000, sink.n);
        assertEquals(19.98, sink.t[999], 1e-9);
        assertEquals(23.0, sink.t[1000], 1e-9);
    }

    @Test
    void aHoleBetweenBatchesWithoutGapBlockStillReachesTheSink() throws Exception {
        short[] xyz = TestNights.samples(3, 4, 2.0, false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (NightFileWriter w = NightFileWriter.create(bytes, TestNights.header())) {
            w.writeSamples(0, xyz, 0, 100);
            w.writeSamples(2_000_000 + 10_000_000, xyz, 300, 100);   // 10 s later
        }
        RecordingSink sink = new RecordingSink();
        NightFileReader.strict().read(ByteBuffer.wrap(bytes.toByteArray()), "hole", sink);
        assertEquals(200, sink.n);
        assertEquals(1, sink.gaps.size());
        assertArrayEquals(new double[] {1.98, 12.0}, sink.gaps.get(0), 1e-9);
        assertEquals(12.0, sink.t[100], 1e-9);
    }

    /**
     * Accelerometer clocks are off by a few percent (the LIS3DH's ODR comes from an internal
     * oscillator): batches of 25 stamped with the true time, sensor 4 % fast or slow, timestamps
     * jittered by up to ±3 ms. The file must give the true times within a few ms and no false gaps.
     */
    @Test
    void aSensorClockOffByFourPercentGivesTrueTimesAndNoFalseGaps() throws Exception {
        for (double truePeriodMicros : new double[] {19_200, 20_800}) {
            short[] xyz = TestNights.samples(7, 60, 2.0, false);
            int n = xyz.length / 3;
            java.util.SplittableRandom jitter = new java.util.SplittableRandom(8);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (NightFileWriter w = NightFileWriter.create(bytes, TestNights.header())) {
                for (int i = 0; i < n; i += 25) {
                    long stamp = Math.round(i * truePeriodMicros) + (i == 0 ? 0 : jitter.nextLong(-3000, 3001));
                    w.writeSamples(stamp, xyz, 3 * i, 25);
                }
            }
            RecordingSink sink = new RecordingSink();
            NightFileContents c = NightFileReader.strict().read(ByteBuffer.wrap(bytes.toByteArray()), "drift", sink);
            assertEquals(n, sink.n);
            assertTrue(sink.gaps.isEmpty(), "false gaps at period " + truePeriodMicros + ": " + sink.gaps.size());
            double worst = 0;
            for (int i = 0; i < n; i++) {
                worst = Math.max(worst, Math.abs(sink.t[i] - i * truePeriodMicros * 1e-6));
            }
            assertTrue(worst < 0.006, "worst time error " + worst + " s at period " + truePeriodMicros);
            assertTrue(c.blocks().size() < 75, "blocks stay about a second long: " + c.blocks().size());
        }
    }

    @Test
    void samplesGoingBackInTimeAreAWriterError() throws Exception {
        short[] xyz = TestNights.samples(4, 1, 2.0, false);
        try (NightFileWriter w = NightFileWriter.create(new ByteArrayOutputStream(), TestNights.header())) {
            w.writeSamples(1_000_000, xyz, 0, 10);
            assertThrows(IllegalArgumentException.class, () -> w.writeSamples(1_000_000, xyz, 0, 10));
        }
    }

    @Test
    void pathAndStreamWritersProduceTheSameBytesAndTheReaderTakesAnySource() throws Exception {
        short[] xyz = TestNights.samples(5, 5, 2.0, true);
        Path file = dir.resolve("n.night");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (NightFileWriter a = NightFileWriter.create(file, TestNights.header());
             NightFileWriter b = NightFileWriter.create(bytes, TestNights.header())) {
            for (NightFileWriter w : List.of(a, b)) {
                w.writeSamples(0, xyz, 0, xyz.length / 3);
                w.writeMovement(5_000_000, 1_000_000, 2_500_000, 0.8);
                w.flush();
            }
            assertEquals(a.bytesWritten(), b.bytesWritten());
        }
        assertArrayEquals(bytes.toByteArray(), Files.readAllBytes(file));
        NightFileContents fromPath = NightFileReader.strict().read(file, new RecordingSink());
        NightFileContents fromStream = NightFileReader.strict().read(new ByteArrayInputStream(bytes.toByteArray()), "s",
                new RecordingSink());
        assertEquals(fromPath.blocks(), fromStream.blocks());
        assertEquals(250, fromPath.sampleCount());
        assertThrows(IOException.class, () -> NightFileWriter.create(file, TestNights.header()), "never overwrites a night");
    }

    @Test
    void headerWithUnknownAndKnownStartTimeAndLongFaultText() throws Exception {
        NightHeader known = new NightHeader("d", "f", "adxl345", 100, 8, 0.0039, WornOn.UNKNOWN,
                OptionalLong.of(1_763_700_000_123_456L), Map.of());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String longText = "\u00e9".repeat(3000);   // 6000 UTF-8 bytes: cut to fit, on a character boundary
        try (NightFileWriter w = NightFileWriter.create(bytes, known)) {
            w.writeFault(0, 65535, longText);
        }
        NightFileContents c = NightFileReader.strict().read(ByteBuffer.wrap(bytes.toByteArray()), "h", new RecordingSink());
        assertEquals(known, c.header());
        assertFalse(c.header().wornOn().leg().isPresent());
        StatusEvent.Fault f = c.statuses(StatusEvent.Fault.class).get(0);
        assertEquals(65535, f.code());
        assertEquals(longText.substring(0, (NightFileFormat.MAX_PAYLOAD_BYTES - 2) / 2), f.text());
        assertTrue(c.report().clean());
    }

    @Test
    void aHeaderTooLargeForABlockIsRefusedBeforeTheFileExists() {
        Map<String, String> big = new java.util.LinkedHashMap<>();
        big.put("notes", "x".repeat(5000));
        NightHeader h = new NightHeader("d", "f", "lis3dh", 50, 4, 0.002, WornOn.LEFT, OptionalLong.empty(), big);
        Path file = dir.resolve("big.night");
        assertThrows(IllegalArgumentException.class, () -> NightFileWriter.create(file, h));
        assertFalse(Files.exists(file));
    }

    @Test
    void blocksFromSequenceServesTheLink() {
        byte[] night = TestNights.smallNight(6, 20);
        ScanResult scan = TestNights.scan(night);
        List<BlockRef> from10 = scan.blocksFrom(10);
        assertEquals(10, from10.get(0).sequence());
        assertEquals(scan.blocks().size() - 10, from10.size());
        assertTrue(scan.blocksFrom(1_000_000).isEmpty());
        ByteBuffer raw = BlockScanner.rawBlock(ByteBuffer.wrap(night), from10.get(0));
        assertEquals(from10.get(0).lengthBytes(), raw.remaining());
        // concatenated raw blocks, as a download writes them, are a night file again
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        for (BlockRef b : scan.blocks()) {
            ByteBuffer r = BlockScanner.rawBlock(ByteBuffer.wrap(night), b);
            byte[] a = new byte[r.remaining()];
            r.get(a);
            copy.writeBytes(a);
        }
        assertArrayEquals(night, copy.toByteArray());
    }
}
