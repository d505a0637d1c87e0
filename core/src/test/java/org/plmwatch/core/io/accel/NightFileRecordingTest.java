package org.plmwatch.core.io.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.nightfile.GapReason;
import org.plmwatch.core.nightfile.NightFileWriter;
import org.plmwatch.core.nightfile.NightHeader;
import org.plmwatch.core.nightfile.WornOn;

/** AccelReaders opens device night files: header facts in the info, samples in g, gaps, a cut copy. */
class NightFileRecordingTest {

    @TempDir
    Path dir;

    /** 10 s at 50 Hz of a resting LIS3DH (0.002 g/count, z = 500 counts = 1 g), a 2-s gap, 5 s more. */
    private Path writeNight(OptionalLong startMicros, boolean timeSet, boolean close) throws IOException {
        Path file = dir.resolve("night-000001.night");
        NightHeader h = NightHeader.of("plmw-test", "0.1.0", "lis3dh", 50, 4, 0.002, WornOn.RIGHT, startMicros);
        NightFileWriter w = NightFileWriter.create(file, h);
        short[] xyz = new short[3 * 25];
        for (int i = 0; i < 25; i++) {
            xyz[3 * i] = (short) (i % 3 - 1);
            xyz[3 * i + 2] = 500;
        }
        long t = 0;
        for (int batch = 0; batch < 20; batch++, t += 500_000) {
            w.writeSamples(t, xyz, 0, 25);
        }
        w.writeGap(t, t, t + 2_000_000, GapReason.FIFO_OVERFLOW);
        t += 2_000_000;
        for (int batch = 0; batch < 10; batch++, t += 500_000) {
            w.writeSamples(t, xyz, 0, 25);
        }
        if (timeSet) {
            w.writeTimeSet(t, 1_768_516_200_000_000L);
        }
        w.flush();
        if (close) {
            w.close();
        }
        return file;
    }

    @Test
    void aNightFileOpensWithItsLegRateAndStartAndStreamsGInSecondsWithTheGap() throws Exception {
        long start = 1_768_516_200_123_000L;
        Path file = writeNight(OptionalLong.of(start), false, true);
        AccelRecording rec = AccelReaders.open(file);
        assertInstanceOf(NightFileRecording.class, rec);
        AccelRecordingInfo info = rec.info();
        assertEquals("plmwatch-night", info.format());
        assertEquals(Optional.of(Leg.RIGHT), info.leg());
        assertEquals(50.0, info.nominalRateHz().getAsDouble());
        assertEquals(750, info.sampleCount().getAsLong());
        assertEquals(Optional.of(LocalDateTime.ofInstant(Instant.ofEpochSecond(0, start * 1000), ZoneId.systemDefault())),
                info.start());
        CollectingSink sink = new CollectingSink();
        ReadReport report = rec.stream(sink);
        assertEquals(750, sink.count);
        assertEquals(750, report.sampleCount());
        assertEquals(1, sink.ends);
        // physics: a resting sensor reads |a| = 1 g
        for (int i = 0; i < sink.count; i++) {
            double m = Math.sqrt(sink.x[i] * sink.x[i] + sink.y[i] * sink.y[i] + sink.z[i] * sink.z[i]);
            assertEquals(1.0, m, 0.01);
        }
        assertEquals(0.0, sink.t[0], 1e-9);
        assertEquals(9.98, sink.t[499], 1e-6);
        assertEquals(12.0, sink.t[500], 1e-6);
        assertEquals(1, report.gapCount());
        assertEquals(10.0, sink.gaps.get(0)[0], 1e-6);
        assertEquals(12.0, sink.gaps.get(0)[1], 1e-6);
        assertTrue(report.skippedBlocks().isEmpty());
        assertEquals(0, report.truncatedBytes());
    }

    @Test
    void withoutAHeaderStartTheTimeSetBlockGivesTheStart() throws Exception {
        Path file = writeNight(OptionalLong.empty(), true, true);
        AccelRecordingInfo info = AccelReaders.open(file).info();
        assertEquals(Optional.of(LocalDateTime.ofInstant(Instant.ofEpochSecond(1_768_516_200L), ZoneId.systemDefault())),
                info.start());
        assertEquals("time-set", info.metadata().get("startFrom"));
    }

    @Test
    void withNeitherTheStartIsUnknown() throws Exception {
        Path file = writeNight(OptionalLong.empty(), false, false);
        assertEquals(Optional.empty(), AccelReaders.open(file).info().start());
        assertTrue(AccelReaders.open(file).info().description().contains("no END block"));
    }

    @Test
    void aCutCopyReadsEveryWholeBlockAndReportsTheTornTail() throws Exception {
        Path file = writeNight(OptionalLong.empty(), false, false);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.night");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 7));
        CollectingSink sink = new CollectingSink();
        ReadReport report = AccelReaders.open(cut).stream(sink);
        assertTrue(report.truncatedBytes() > 0);
        assertTrue(sink.count >= 700 && sink.count < 750, "samples " + sink.count);
    }

    @Test
    void aDamagedHeaderIsRefusedWithTheByteOffset() throws Exception {
        Path file = writeNight(OptionalLong.empty(), false, true);
        byte[] bytes = Files.readAllBytes(file);
        bytes[30] ^= 0x40;   // inside the header payload: its CRC fails
        Files.write(file, bytes);
        InputFormatException e = assertThrows(InputFormatException.class, () -> AccelReaders.open(file));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
    }

    @Test
    void unitsOtherThanGAreRefusedForNightFiles() throws Exception {
        Path file = writeNight(OptionalLong.empty(), false, true);
        assertThrows(InputFormatException.class,
                () -> AccelReaders.open(file, AccelUnits.METERS_PER_SECOND_SQUARED));
    }
}
