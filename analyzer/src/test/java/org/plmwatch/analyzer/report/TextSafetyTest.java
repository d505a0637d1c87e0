package org.plmwatch.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TextSafetyTest {

    @Test
    void terminalTextEscapesEveryControlAndKeepsLetters() {
        String plain = "Sleep stage N2 – Bein links (Müller) 睡眠";
        assertSame(plain, TerminalText.escape(plain));
        assertEquals("a\\x1B[31mb\\rc\\nd\\te\\x07f\\x7Fg\\u009Bh\\u202Ei\\x00", TerminalText.escape(
                "a\u001b[31mb\rc\nd\te\u0007f\u007fg\u009bh\u202ei\u0000"));
        assertEquals("null", TerminalText.escape(null));
    }

    @Test
    void csvCellsQuoteAndNeutraliseFormulas() {
        assertEquals("night1", CsvCells.cell("night1"));
        assertEquals("\"a,b\"", CsvCells.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvCells.cell("say \"hi\""));
        assertEquals("\"line\nbreak\"", CsvCells.cell("line\nbreak"));
        assertEquals("\"cr\rx\"", CsvCells.cell("cr\rx"));
        for (String f : new String[] {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"}) {
            assertEquals('"' + "'" + f.replace("\"", "\"\"") + '"', CsvCells.cell(f), f);
        }
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", CsvCells.cell("=HYPERLINK(\"http://x\",\"y\")"));
        assertEquals("", CsvCells.cell(""));
    }
}
