package org.plmwatch.analyzer.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.plmwatch.core.io.InputFormatException;

/**
 * A sleep diary: one line per evening, {@code date,tags,note}. Tags are separated by {@code ;}
 * ({@code caffeine; pramipexole 0.125 mg}); a field holding a comma is double-quoted. The file is
 * typed by a patient or a nurse, so it is read as untrusted: bounded size, every row checked, and
 * a wrong row is an {@link InputFormatException} naming its line.
 *
 * @param entries one entry per date, in date order
 */
public record Diary(Map<LocalDate, Entry> entries) {

    public static final long MAX_BYTES = 1 << 20;
    public static final int MAX_ROWS = 5000;
    public static final int MAX_TAGS = 20;
    public static final int MAX_TAG_CHARS = 60;
    public static final int MAX_NOTE_CHARS = 500;

    public record Entry(LocalDate date, List<String> tags, String note) {
        public Entry {
            tags = List.copyOf(tags);
        }
    }

    public Diary {
        entries = java.util.Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    public static Diary empty() {
        return new Diary(Map.of());
    }

    public Optional<Entry> on(LocalDate date) {
        return Optional.ofNullable(entries.get(date));
    }

    public static Diary read(Path file) throws IOException, InputFormatException {
        if (!Files.isRegularFile(file)) {
            throw InputFormatException.inFile(file, "no such diary file", "check the path given to --diary");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw InputFormatException.inFile(file, "diary larger than " + MAX_BYTES / 1024 + " KiB",
                    "a diary holds one short line per night; check that this is the right file");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw InputFormatException.inFile(file, "diary is not UTF-8 text", "save it as CSV UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return parse(file, text);
    }

    static Diary parse(Path file, String text) throws InputFormatException {
        String[] lines = text.split("\r\n|\n|\r", -1);
        Map<LocalDate, Entry> entries = new TreeMap<>();
        boolean header = false;
        int rows = 0;
        for (int i = 0; i < lines.length; i++) {
            long lineNo = i + 1;
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = fields(file, lineNo, line);
            if (!header) {
                header = true;
                if (fields.get(0).strip().equalsIgnoreCase("date")) {
                    continue;
                }
            }
            if (++rows > MAX_ROWS) {
                throw InputFormatException.atLine(file, lineNo, "more than " + MAX_ROWS + " diary rows",
                        "keep one row per night");
            }
            if (fields.size() > 3) {
                throw InputFormatException.atLine(file, lineNo, "more than 3 fields",
                        "write date,tags,note and put a note with commas in double quotes");
            }
            LocalDate date;
            try {
                date = LocalDate.parse(fields.get(0).strip());
            } catch (DateTimeParseException e) {
                throw InputFormatException.atLine(file, lineNo, "'" + clip(fields.get(0)) + "' is not a date",
                        "write the evening's date as 2026-11-17");
            }
            LinkedHashSet<String> tags = new LinkedHashSet<>();
            if (fields.size() > 1) {
                for (String t : fields.get(1).split(";")) {
                    String tag = t.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
                    if (tag.isEmpty()) {
                        continue;
                    }
                    if (tag.length() > MAX_TAG_CHARS || tag.chars().anyMatch(Character::isISOControl)) {
                        throw InputFormatException.atLine(file, lineNo, "tag '" + clip(tag) + "' is longer than "
                                + MAX_TAG_CHARS + " characters or holds control characters", "shorten the tag");
                    }
                    tags.add(tag);
                }
            }
            if (tags.size() > MAX_TAGS) {
                throw InputFormatException.atLine(file, lineNo, "more than " + MAX_TAGS + " tags",
                        "keep the tags that matter for this night");
            }
            String note = fields.size() > 2 ? fields.get(2).strip() : "";
            if (note.length() > MAX_NOTE_CHARS || note.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
                throw InputFormatException.atLine(file, lineNo, "note longer than " + MAX_NOTE_CHARS
                        + " characters or holding control characters", "shorten the note");
            }
            if (entries.containsKey(date)) {
                throw InputFormatException.atLine(file, lineNo, "a second row for " + date,
                        "merge the two rows of that evening into one");
            }
            entries.put(date, new Entry(date, new ArrayList<>(tags), note));
        }
        return new Diary(entries);
    }

    /** CSV fields of one line: comma-separated, double quotes around a field, "" for a quote inside. */
    private static List<String> fields(Path file, long lineNo, String line) throws InputFormatException {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"' && cur.toString().isBlank() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                cur.setLength(0);
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
                wasQuoted = false;
            } else if (wasQuoted && !Character.isWhitespace(ch)) {
                throw InputFormatException.atLine(file, lineNo, "text after a closing double quote",
                        "write a quote inside a quoted field as two quotes (\"\")");
            } else {
                cur.append(ch);
            }
        }
        if (quoted) {
            throw InputFormatException.atLine(file, lineNo, "a double quote is not closed",
                    "close the quoted field on the same line");
        }
        out.add(cur.toString());
        return out;
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
