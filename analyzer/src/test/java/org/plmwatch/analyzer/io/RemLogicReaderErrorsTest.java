package org.plmwatch.analyzer.io;

import org.plmwatch.core.io.InputFormatException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed export gives an InputFormatException naming the file, the line and the fix. */
class RemLogicReaderErrorsTest {

    @TempDir
    Path dir;

    /** Lines 1-2 header, line 3 the column header, data from line 4. */
    private static final String HEAD = "RemLogic Event Export\n\nTime [hh:mm:ss.xxx]\tEvent\tDuration[s]\tLocation\n";
    private static final String EPOCHS = "23:00:00.000\tSLEEP-S0\t30.00\tEEG\n23:00:30.000\tSLEEP-S2\t30.00\tEEG\n";

    private InputFormatException fail(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> RemLogicReader.read(f, EventLabels.defaults()));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("Fix: "), e.getMessage());
        return e;
    }

    private static void assertContains(InputFormatException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' missing in: " + e.getMessage());
        }
    }

    @Test
    void emptyFile() throws Exception {
        assertContains(fail("empty.txt", ""), "empty file");
        assertContains(fail("blank.txt", "\uFEFF\r\n\r\n"), "empty file");
    }

    @Test
    void notARemLogicExport() throws Exception {
        InputFormatException e = fail("notes.txt", "Patient slept well.\nNo events.\n");
        assertEquals("", e.where());
        assertContains(e, "not a RemLogic event export", "Time [hh:mm:ss.xxx]<TAB>Event<TAB>Duration[s]");
        // Space-separated columns: the line is named.
        InputFormatException spaces = fail("spaces.txt", "RemLogic Event Export\nTime [hh:mm:ss.xxx]  Event  Duration[s]\n");
        assertContains(spaces, "line 2 looks like a column header but is not tab-separated");
    }

    @Test
    void headerWithoutDuration() throws Exception {
        assertEquals("line 2", fail("nodur.txt", "x\nTime\tEvent\tLocation\n").where());
    }

    @Test
    void badTime() throws Exception {
        InputFormatException e = fail("time.txt", HEAD + EPOCHS + "25:61:00\tLM\t1.0\tEMG.Tibialis-Leg.Left\n");
        assertEquals("line 6", e.where());
        assertContains(e, "bad time '25:61:00'", "hh:mm:ss");
        assertEquals("line 4", fail("time2.txt", HEAD + "2001-02-30T23:00:00\tSLEEP-S0\t30\tEEG\n").where());
    }

    @Test
    void timesMixingDatesAndTimesOfDay() throws Exception {
        assertEquals("line 6", fail("mixed.txt", HEAD + EPOCHS + "2001-01-01T23:01:00\tSLEEP-S0\t30\tEEG\n").where());
    }

    @Test
    void badDuration() throws Exception {
        InputFormatException e = fail("dur.txt", HEAD + EPOCHS + "23:00:40.000\tLM\tfive\tEMG.Tibialis-Leg.Left\n");
        assertEquals("line 6", e.where());
        assertContains(e, "bad duration 'five'");
        assertEquals("line 5", fail("neg.txt", HEAD + "23:00:00\tSLEEP-S0\t30\tEEG\n23:00:10\tAROUSAL\t-3\tEEG\n").where());
    }

    @Test
    void tooFewColumns() throws Exception {
        InputFormatException e = fail("cols.txt", HEAD + EPOCHS + "23:00:40.000\tLM\n");
        assertEquals("line 6", e.where());
        assertContains(e, "too few columns");
    }

    @Test
    void noSleepStages() throws Exception {
        InputFormatException e = fail("nostages.txt", HEAD + "23:00:40.000\tLM\t1.0\tEMG.Tibialis-Leg.Left\n"
                + "23:00:50.000\tAROUSAL\t3.0\tEEG\n");
        assertContains(e, "no sleep-stage rows", "LM (1)", "export the hypnogram together with the events, or name your stage labels");
    }

    @Test
    void legMovementWithoutLeg() throws Exception {
        String head = "RemLogic Event Export\nTime [hh:mm:ss.xxx]\tEvent\tDuration[s]\n";
        InputFormatException e = fail("noleg.txt", head + "23:00:00\tSLEEP-S0\t30\n23:00:05\tLM\t1.0\n");
        assertEquals("line 4", e.where());
        assertContains(e, "leg movement 'LM'", "--left-label", "--right-label");
        // With a Location column that names no leg.
        InputFormatException loc = fail("badloc.txt", HEAD + EPOCHS + "23:00:05\tLM\t1.0\tEMG.Tibialis\n");
        assertEquals("line 6", loc.where());
        assertContains(loc, "EMG.Tibialis");
    }

    @Test
    void overlappingEpochs() throws Exception {
        assertEquals("line 6", fail("overlap.txt", HEAD + EPOCHS + "23:00:45\tSLEEP-S1\t30\tEEG\n").where());
    }

    @Test
    void badRecordingDate() throws Exception {
        String text = "RemLogic Event Export\nRecording Date:\t31/31/2001\n" + HEAD.substring(HEAD.indexOf("Time")) + EPOCHS;
        assertEquals("line 2", fail("date.txt", text).where());
    }
}
