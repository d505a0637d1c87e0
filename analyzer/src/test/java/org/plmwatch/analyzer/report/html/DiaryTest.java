package org.plmwatch.analyzer.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.core.io.InputFormatException;

/** The diary is typed by people: good rows read, every bad row names its line and the fix. */
class DiaryTest {

    private static final Path F = Path.of("diary.csv");

    @Test
    void readsTagsAndQuotedNotesWithCommas() throws Exception {
        Diary d = Diary.parse(F, "date,tags,note\r\n2026-11-17,Caffeine; pramipexole  0.125 mg,\"late dinner, wine\"\n"
                + "\n# a comment\n2026-11-18,,slept well\n2026-11-19,iron\n");
        assertEquals(3, d.entries().size());
        Diary.Entry e = d.on(LocalDate.of(2026, 11, 17)).orElseThrow();
        assertEquals(List.of("caffeine", "pramipexole 0.125 mg"), e.tags());
        assertEquals("late dinner, wine", e.note());
        assertEquals(List.of(), d.on(LocalDate.of(2026, 11, 18)).orElseThrow().tags());
        assertEquals("", d.on(LocalDate.of(2026, 11, 19)).orElseThrow().note());
    }

    @Test
    void badRowsNameTheirLine() {
        assertLine(3, "date,tags,note\n2026-11-17,iron,\n17.11.2026,iron,\n");
        assertLine(1, "2026-11-17,iron,a,b\n");
        assertLine(3, "2026-11-17,iron\n2026-11-18,x\n2026-11-17,caffeine\n");
        assertLine(1, "2026-11-17,\"unclosed,note\n");
        assertLine(1, "2026-11-17,\"iron\"x,note\n");
        assertLine(2, "date,tags\n2026-11-17," + "t".repeat(Diary.MAX_TAG_CHARS + 1) + "\n");
        assertLine(1, "2026-11-17,iron,note with a \u0007 bell\n");
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i <= Diary.MAX_TAGS; i++) {
            tags.append("tag").append(i).append(';');
        }
        assertLine(1, "2026-11-17," + tags + "\n");
    }

    private static void assertLine(long line, String text) {
        InputFormatException e = assertThrows(InputFormatException.class, () -> Diary.parse(F, text), text);
        assertTrue(e.getMessage().contains("line " + line), e.getMessage());
    }

    @Test
    void oversizedOrBinaryFilesAreRejectedBeforeParsing(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.csv");
        Files.write(big, new byte[(int) Diary.MAX_BYTES + 10]);
        InputFormatException e = assertThrows(InputFormatException.class, () -> Diary.read(big));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
        Path latin = dir.resolve("latin.csv");
        Files.write(latin, "2026-11-17,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThrows(InputFormatException.class, () -> Diary.read(latin));
        assertThrows(InputFormatException.class, () -> Diary.read(dir.resolve("missing.csv")));
    }

    @Test
    void tooManyRowsIsBadInput() {
        StringBuilder sb = new StringBuilder();
        LocalDate d = LocalDate.of(2000, 1, 1);
        for (int i = 0; i <= Diary.MAX_ROWS; i++) {
            sb.append(d.plusDays(i)).append(",x\n");
        }
        InputFormatException e = assertThrows(InputFormatException.class, () -> Diary.parse(F, sb.toString()));
        assertTrue(e.getMessage().contains("line " + (Diary.MAX_ROWS + 1)), e.getMessage());
    }
}
