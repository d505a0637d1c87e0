package org.plmwatch.analyzer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.core.io.InputFormatException;

class TextLinesTest {

    @TempDir
    Path dir;

    private List<String> lines(byte[] content, boolean windows1252) throws Exception {
        Path f = dir.resolve("t.txt");
        Files.write(f, content);
        List<String> out = new ArrayList<>();
        try (TextLines t = TextLines.open(f, windows1252)) {
            for (String s = t.next(); s != null; s = t.next()) {
                out.add(t.lineNumber + ":" + s);
            }
        }
        return out;
    }

    @Test
    void everyLineEndingAndNoneAtTheEnd() throws Exception {
        assertEquals(List.of("1:a", "2:b", "3:", "4:c", "5:d"), lines("a\r\nb\r\rc\nd".getBytes(StandardCharsets.UTF_8), false));
        assertEquals(List.of("1:a"), lines("a\n".getBytes(StandardCharsets.UTF_8), false));
        assertEquals(List.of(), lines(new byte[0], false));
    }

    @Test
    void crLfSplitAcrossReadsIsOneEnding() throws Exception {
        // 16 K chars per read: put the CR last in the first buffer and the LF first in the next
        String first = "x".repeat((1 << 14) - 1) + "\r";
        List<String> got = lines((first + "\nnext\n").getBytes(StandardCharsets.US_ASCII), false);
        assertEquals(2, got.size(), got.toString().substring(0, 40));
        assertEquals("2:next", got.get(1));
    }

    @Test
    void bomsAndEncodings() throws Exception {
        byte[] utf8Bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'M', (byte) 0xC3, (byte) 0xBC, '\n'};
        assertEquals(List.of("1:Mü"), lines(utf8Bom, false));
        byte[] utf16 = "\uFEFFBein\r\nlinks".getBytes(StandardCharsets.UTF_16LE);
        assertEquals(List.of("1:Bein", "2:links"), lines(utf16, false));
        byte[] cp1252 = {'M', (byte) 0xFC, 'l', '\n'};
        assertThrows(TextLines.NotUtf8.class, () -> lines(cp1252, false));
        assertEquals(List.of("1:Mül"), lines(cp1252, true));
    }

    @Test
    void aLineLongerThanTheLimitIsAnErrorAtItsNumber() throws Exception {
        byte[] b = ("ok\n" + "y".repeat(TextLines.MAX_LINE_CHARS + 1) + "\n").getBytes(StandardCharsets.US_ASCII);
        InputFormatException e = assertThrows(InputFormatException.class, () -> lines(b, false));
        assertEquals("line 2", e.where());
        assertTrue(e.getMessage().contains("longer than 65536"), e.getMessage());
        assertEquals(2, lines(("ok\n" + "y".repeat(TextLines.MAX_LINE_CHARS) + "\n").getBytes(StandardCharsets.US_ASCII),
                false).size());
    }
}
