package org.plmwatch.core.io.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
