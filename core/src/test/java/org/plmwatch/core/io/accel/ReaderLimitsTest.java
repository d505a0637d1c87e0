package org.plmwatch.core.io.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.core.nightfile.NightFileWriter;
import org.plmwatch.core.nightfile.NightHeader;
import org.plmwatch.core.nightfile.WornOn;

/** The time limits of docs/FORMATS.md "Limits", one reader at a time (the CLI side: HostileFilesTest). */
class ReaderLimitsTest {

    @TempDir
    Path dir;

    private InputFormatException refused(String name, String csv) throws Exception {
        Path f = Files.writeString(dir.resolve(name), csv);
        return assertThrows(InputFormatException.class, () -> AccelReaders.open(f).stream(new CollectingSink()));
    }

    /** Found by the fuzzer: an epoch of 1e300 ms has no date-time; before, DateTimeException escaped. */
    @Test
    void anEpochWithoutADateTimeIsBadInput() throws Exception {
        InputFormatException e = refused("huge.csv", "time,x,y,z\n1e300,0,0,1\n");
        assertEquals("line 2", e.where());
        assertTrue(e.getMessage().contains("lies after 2100"), e.getMessage());
    }

    @Test
    void csvRowsMoreThanAMonthApart() throws Exception {
        InputFormatException e = refused("gap.csv", "t,x,y,z\n0,0,0,1\n0.02,0,0,1\n2678400.1,0,0,1\n");
        assertEquals("line 4", e.where());
        assertTrue(e.getMessage().contains("31.0 days after the first row's (line 2)"), e.getMessage());
        // a month to the day is still one recording
        Path ok = Files.writeString(dir.resolve("month.csv"), "t,x,y,z\n0,0,0,1\n2678400,0,0,1\n");
        CollectingSink sink = new CollectingSink();
        AccelReaders.open(ok).stream(sink);
        assertEquals(2, sink.count);
    }

    @Test
    void csvDateTimeAfter2100() throws Exception {
        InputFormatException e = refused("future.csv", "time,x,y,z\n2150-01-01 00:00:00.000,0,0,1\n");
        assertEquals("line 2", e.where());
        assertTrue(e.getMessage().contains("lies after 2100"), e.getMessage());
    }

    @Test
    void nightFileBlockBeyondAMonth() throws Exception {
        Path f = dir.resolve("jump.night");
        short[] xyz = new short[3 * 10];
        try (NightFileWriter w = NightFileWriter.create(f, NightHeader.of("d", "1", "LIS3DH", 50, 4, 0.002, WornOn.LEFT,
                OptionalLong.empty()))) {
            w.writeSamples(0, xyz, 0, 10);
            w.writeSamples(32L * 86_400 * 1_000_000, xyz, 0, 10);
        }
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> AccelReaders.open(f).stream(new CollectingSink()));
        assertTrue(e.where().startsWith("byte "), e.getMessage());
        assertTrue(e.getMessage().contains("SAMPLES block #2 is timed 2.76480e+06 s"), e.getMessage());
    }

    /** GENEActiv: a readable page 40 days after the first is a jumped clock, refused at its byte. */
    @Test
    void geneActivPageBeyondAMonth() throws Exception {
        String first = GeneActivRecordingTest.page(0, GeneActivRecordingTest.T0, "50.0", 300);
        String text = GeneActivRecordingTest.header("50.0", "2", "25600") + first
                + GeneActivRecordingTest.page(1, GeneActivRecordingTest.T0.plusDays(40), "50.0", 300);
        Path f = Files.write(dir.resolve("jump.bin"), text.getBytes(StandardCharsets.ISO_8859_1));
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> AccelReaders.open(f).stream(new CollectingSink()));
        int secondPage = text.indexOf("Recorded Data", text.indexOf("Recorded Data") + 1);
        assertEquals("byte " + secondPage, e.where());
        assertTrue(e.getMessage().contains("page timed 40.0 days from the first page's"), e.getMessage());
        // 30 days later is still one recording: a gap, not a refusal
        String month = GeneActivRecordingTest.header("50.0", "2", "25600") + first
                + GeneActivRecordingTest.page(1, GeneActivRecordingTest.T0.plusDays(30), "50.0", 300);
        CollectingSink sink = new CollectingSink();
        AccelReaders.open(Files.write(dir.resolve("month.bin"), month.getBytes(StandardCharsets.ISO_8859_1)))
                .stream(sink);
        assertEquals(600, sink.count);
        assertEquals(1, sink.gaps.size());
    }

    @Test
    void geneActivStartAfter2100() throws Exception {
        String text = GeneActivRecordingTest.header("50.0", "1", "25600")
                + GeneActivRecordingTest.page(0, LocalDateTime.of(2150, 1, 1, 0, 0), "50.0", 300);
        Path f = Files.write(dir.resolve("future.bin"), text.getBytes(StandardCharsets.ISO_8859_1));
        InputFormatException e = assertThrows(InputFormatException.class, () -> AccelReaders.open(f));
        assertEquals("byte " + text.indexOf("Recorded Data"), e.where());
        assertTrue(e.getMessage().contains("lies after 2100"), e.getMessage());
    }

    /** GT3X: an activity record with a good checksum 40 days after the first is refused with its log.bin byte. */
    @Test
    void gt3xRecordBeyondAMonth() throws Exception {
        long t0 = Gt3xRecordingTest.T0;
        byte[] first = Gt3xRecordingTest.record(0x1A, t0, Gt3xRecordingTest.activity2());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        log.writeBytes(first);
        log.writeBytes(Gt3xRecordingTest.record(0x1A, t0 + 40L * 86_400, Gt3xRecordingTest.activity2()));
        Path f = Gt3xRecordingTest.gt3x(dir.resolve("jump.gt3x"), Gt3xRecordingTest.INFO, log.toByteArray());
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> AccelReaders.open(f).stream(new CollectingSink()));
        assertTrue(e.getMessage().contains("log.bin byte " + first.length + ": activity record timed 40.0 days"),
                e.getMessage());
        ByteArrayOutputStream month = new ByteArrayOutputStream();
        month.writeBytes(first);
        month.writeBytes(Gt3xRecordingTest.record(0x1A, t0 + 30L * 86_400, Gt3xRecordingTest.activity2()));
        CollectingSink sink = new CollectingSink();
        AccelReaders.open(Gt3xRecordingTest.gt3x(dir.resolve("month.gt3x"), Gt3xRecordingTest.INFO,
                month.toByteArray())).stream(sink);
        assertEquals(100, sink.count);
        assertEquals(1, sink.gaps.size());
    }

    @Test
    void gt3xStartAfter2100() throws Exception {
        long t2101 = LocalDateTime.of(2101, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
        Path f = Gt3xRecordingTest.gt3x(dir.resolve("future.gt3x"), Gt3xRecordingTest.INFO,
                Gt3xRecordingTest.record(0x1A, t2101, Gt3xRecordingTest.activity2()));
        InputFormatException e = assertThrows(InputFormatException.class, () -> AccelReaders.open(f));
        assertTrue(e.getMessage().contains("log.bin byte 0: the first activity record's time 2101-01-01T00:00 "
                + "lies after 2100"), e.getMessage());
    }
}
