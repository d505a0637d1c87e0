package org.plmwatch.analyzer.io;

import org.plmwatch.core.io.InputFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a RemLogic event export: a few header lines ({@code Recording Date:}, {@code Events
 * Included:} and its list), then a tab-separated table whose columns are found by name
 * ({@code Time [hh:mm:ss.xxx]}, {@code Event}, {@code Duration[s]}, optional {@code Location};
 * other columns are ignored). Times are ISO date-times or times of day; a night given in times
 * of day crosses midnight, so each row is put on the day that keeps the night one block of time
 * (the recording starts after the largest gap between times of day), whatever the row order.
 *
 * <p>Time zero is the first scored epoch (see {@link PsgNightBuilder}).
 */
public final class RemLogicReader {

    public static final String FORMAT = "remlogic";

    private static final long NANOS_PER_DAY = 86_400L * 1_000_000_000L;
    /** The date used when times are times of day and the header names no recording date. */
    private static final LocalDate DEFAULT_DATE = LocalDate.of(2000, 1, 1);
    private static final String EXPECTED_HEADER =
            "a tab-separated column header with Time, Event and Duration columns, e.g. "
                    + "'Time [hh:mm:ss.xxx]<TAB>Event<TAB>Duration[s]<TAB>Location'";
    private static final String LEG_FIX_NO_LOCATION =
            "export the Location column (EMG.Tibialis-Leg.Left/Right), or name the leg labels "
                    + "of your lab (--left-label and --right-label, e.g. --left-label 'left-LM')";
    private static final String LEG_FIX_LOCATION =
            "give the movement a location naming one leg (EMG.Tibialis-Leg.Left/Right), or name the leg "
                    + "labels of your lab (--left-label and --right-label, e.g. --left-label 'left-LM')";
    static final String STAGE_FIX =
            "export the hypnogram together with the events, or name your stage labels with --stage-label, e.g. --stage-label N2=Stage2";

    private record Columns(int time, int event, int duration, int location, int required) {
    }

    /** One table row; {@code epochDay} is {@link Long#MIN_VALUE} for a time of day. */
    private record Row(int line, String label, long epochDay, long nanoOfDay, double durationSeconds,
                       String location) {
    }

    private RemLogicReader() {
    }

    public static PsgEvents read(Path file, EventLabels labels) throws IOException, InputFormatException {
        List<String> lines = lines(file);
        if (lines.stream().allMatch(String::isBlank)) {
            throw InputFormatException.inFile(file, "empty file", "export the events again from RemLogic");
        }

        // Header: everything above the column header line.
        int headerLine = -1;
        Columns columns = null;
        String recordingDate = null;
        int recordingDateLine = 0;
        List<String> included = null;
        boolean inIncludedList = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            columns = columns(file, line, i + 1);
            if (columns != null) {
                headerLine = i;
                break;
            }
            String lower = line.trim().toLowerCase(Locale.ROOT);
            if (lower.startsWith("recording date")) {
                recordingDate = valueAfterColon(line);
                recordingDateLine = i + 1;
                inIncludedList = false;
            } else if (lower.startsWith("events included")) {
                included = new ArrayList<>();
                for (String item : valueAfterColon(line).split("[,;\t]")) {
                    if (!item.isBlank()) {
                        included.add(item.trim());
                    }
                }
                inIncludedList = true;
            } else if (line.isBlank()) {
                inIncludedList = false;
            } else if (inIncludedList) {
                included.add(line.trim());
            }
        }
        if (columns == null) {
            int used = lines.size();
            while (lines.get(used - 1).isBlank()) {
                used--;
            }
            throw InputFormatException.inFile(file, "not a RemLogic event export: none of its " + used
                            + " lines is " + EXPECTED_HEADER + untabbedHint(lines),
                    "export the events from RemLogic as text with the Time, Event and Duration columns");
        }

        List<Row> rows = new ArrayList<>();
        Boolean isoTimes = null;
        for (int i = headerLine + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int lineNo = i + 1;
            String[] cells = line.split("\t", -1);
            if (cells.length < columns.required()) {
                throw InputFormatException.atLine(file, lineNo, "too few columns: " + cells.length
                                + " tab-separated cells where the Time, Event and Duration columns need "
                                + columns.required(),
                        "separate the cells with tabs and give every row a Time, Event and Duration");
            }
            String time = cells[columns.time()].trim();
            String label = cells[columns.event()].trim();
            String duration = cells[columns.duration()].trim();
            String location = columns.location() >= 0 && columns.location() < cells.length
                    ? cells[columns.location()].trim() : null;
            if (label.isEmpty()) {
                throw InputFormatException.atLine(file, lineNo, "empty Event cell",
                        "fill in the event label or delete the row");
            }
            long[] parsed = parseTime(time);
            if (parsed == null) {
                throw InputFormatException.atLine(file, lineNo, "bad time '" + time + "'",
                        "write times as hh:mm:ss[.fff] or yyyy-MM-ddThh:mm:ss[.ffffff]");
            }
            boolean iso = parsed[0] != Long.MIN_VALUE;
            if (isoTimes == null) {
                isoTimes = iso;
            } else if (isoTimes != iso) {
                throw InputFormatException.atLine(file, lineNo, "time '" + time + "' "
                                + (iso ? "has a date but earlier rows give times of day only"
                                : "has no date but earlier rows give dates"),
                        "export all times in one form");
            }
            double durationSeconds = duration.isEmpty() ? Double.NaN : parseDuration(duration);
            if (!duration.isEmpty() && !(durationSeconds >= 0 && durationSeconds < Double.POSITIVE_INFINITY)) {
                throw InputFormatException.atLine(file, lineNo, "bad duration '" + duration + "'",
                        "write durations as seconds >= 0, e.g. 30.00");
            }
            rows.add(new Row(lineNo, label, parsed[0], parsed[1], durationSeconds, location));
        }

        LocalDateTime reference;
        long[] rowNanos = new long[rows.size()];
        if (Boolean.TRUE.equals(isoTimes)) {
            long firstDay = rows.stream().mapToLong(Row::epochDay).min().orElseThrow();
            reference = LocalDate.ofEpochDay(firstDay).atStartOfDay();
            for (int i = 0; i < rowNanos.length; i++) {
                Row r = rows.get(i);
                rowNanos[i] = (r.epochDay() - firstDay) * NANOS_PER_DAY + r.nanoOfDay();
            }
        } else {
            LocalDate date = DEFAULT_DATE;
            if (recordingDate != null && !rows.isEmpty()) {
                date = parseDate(recordingDate);
                if (date == null) {
                    throw InputFormatException.atLine(file, recordingDateLine,
                            "bad recording date '" + recordingDate + "'", "write it as M/D/YYYY, e.g. 1/31/2001");
                }
            }
            reference = date.atStartOfDay();
            long start = recordingStart(rows);
            for (int i = 0; i < rowNanos.length; i++) {
                long t = rows.get(i).nanoOfDay();
                rowNanos[i] = t >= start ? t : t + NANOS_PER_DAY;
            }
        }

        PsgNightBuilder night = new PsgNightBuilder(file, labels, false,
                columns.location() >= 0 ? LEG_FIX_LOCATION : LEG_FIX_NO_LOCATION);
        for (int i = 0; i < rowNanos.length; i++) {
            Row r = rows.get(i);
            night.add(r.label(), rowNanos[i], r.durationSeconds(), r.location(), r.line());
        }
        boolean respirationListed = included != null && included.stream()
                .anyMatch(l -> night.classify(l).kind() == EventLabels.Kind.RESPIRATORY);
        return new PsgEvents(file, FORMAT, night.build(reference, respirationListed, STAGE_FIX),
                night.ignoredEvents());
    }

    /**
     * The time of day the recording starts: the first time after the largest gap between the
     * sorted times of day, counted round the clock. A night is one block shorter than a day, so
     * the largest gap is the time nothing was recorded.
     */
    private static long recordingStart(List<Row> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        long[] t = new long[rows.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = rows.get(i).nanoOfDay();
        }
        Arrays.sort(t);
        long start = t[0];
        long largest = t[0] + NANOS_PER_DAY - t[t.length - 1];
        for (int i = 1; i < t.length; i++) {
            long gap = t[i] - t[i - 1];
            if (gap > largest) {
                largest = gap;
                start = t[i];
            }
        }
        return start;
    }

    private static Columns columns(Path file, String line, int lineNo) throws InputFormatException {
        String[] cells = line.split("\t", -1);
        int time = -1;
        int event = -1;
        int duration = -1;
        int location = -1;
        for (int c = 0; c < cells.length; c++) {
            String name = cells[c].trim().toLowerCase(Locale.ROOT);
            if (time < 0 && name.startsWith("time")) {
                time = c;
            } else if (event < 0 && name.startsWith("event") && !name.startsWith("events")) {
                event = c;
            } else if (duration < 0 && name.startsWith("duration")) {
                duration = c;
            } else if (location < 0 && name.startsWith("location")) {
                location = c;
            }
        }
        if (time < 0 || event < 0) {
            return null;
        }
        if (duration < 0) {
            throw InputFormatException.atLine(file, lineNo, "the column header has no Duration column",
                    "export the events with their durations (column 'Duration[s]')");
        }
        return new Columns(time, event, duration, location, Math.max(time, Math.max(event, duration)) + 1);
    }

    private static String untabbedHint(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String lower = lines.get(i).toLowerCase(Locale.ROOT);
            if (lower.contains("time") && lower.contains("event") && !lower.contains("\t")) {
                return " (line " + (i + 1) + " looks like a column header but is not tab-separated)";
            }
        }
        return "";
    }

    private static String valueAfterColon(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? "" : line.substring(colon + 1).trim();
    }

    /** M/D/YYYY as RemLogic writes it; also D.M.YYYY and YYYY-MM-DD. Null when none fits. */
    static LocalDate parseDate(String s) {
        String t = s.trim();
        try {
            if (t.matches("\\d{1,2}/\\d{1,2}/\\d{4}")) {
                String[] p = t.split("/");
                return LocalDate.of(Integer.parseInt(p[2]), Integer.parseInt(p[0]), Integer.parseInt(p[1]));
            }
            if (t.matches("\\d{1,2}\\.\\d{1,2}\\.\\d{4}")) {
                String[] p = t.split("\\.");
                return LocalDate.of(Integer.parseInt(p[2]), Integer.parseInt(p[1]), Integer.parseInt(p[0]));
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(t);
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    /**
     * {@code [yyyy-MM-dd(T| )]H:mm:ss[(.|,)f…]}: returns {epochDay or Long.MIN_VALUE, nanoOfDay},
     * or null when malformed. Digits past nanoseconds are dropped.
     */
    static long[] parseTime(String s) {
        long epochDay = Long.MIN_VALUE;
        int p = 0;
        if (s.length() >= 11 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            int y = digits(s, 0, 4);
            int mo = digits(s, 5, 2);
            int d = digits(s, 8, 2);
            char sep = s.charAt(10);
            if (y < 0 || mo < 0 || d < 0 || sep != 'T' && sep != ' ') {
                return null;
            }
            try {
                epochDay = LocalDate.of(y, mo, d).toEpochDay();
            } catch (DateTimeException e) {
                return null;
            }
            p = 11;
        }
        int colon = s.indexOf(':', p);
        if (colon - p < 1 || colon - p > 2 || s.length() < colon + 6 || s.charAt(colon + 3) != ':') {
            return null;
        }
        int h = digits(s, p, colon - p);
        int m = digits(s, colon + 1, 2);
        int sec = digits(s, colon + 4, 2);
        if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59) {
            return null;
        }
        long nanos = ((h * 60L + m) * 60L + sec) * 1_000_000_000L;
        int q = colon + 6;
        if (q < s.length()) {
            char c = s.charAt(q);
            if (c != '.' && c != ',' || q + 1 == s.length()) {
                return null;
            }
            long scale = 100_000_000L;
            for (int i = q + 1; i < s.length(); i++) {
                char d = s.charAt(i);
                if (d < '0' || d > '9') {
                    return null;
                }
                nanos += (d - '0') * scale;
                scale /= 10;
            }
        }
        return new long[] {epochDay, nanos};
    }

    private static int digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Seconds, with a decimal point or comma; NaN when malformed. */
    private static double parseDuration(String s) {
        if (!s.matches("[+-]?(\\d+([.,]\\d*)?|[.,]\\d+)")) {
            return Double.NaN;
        }
        return Double.parseDouble(s.replace(',', '.'));
    }

    /**
     * The file's lines: UTF-8 (BOM optional), UTF-16 with a BOM, or Windows-1252 when the bytes
     * are not UTF-8 (older Windows exports with umlauts in labels).
     */
    static List<String> lines(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        String text;
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            text = new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
        } else if (b.length >= 2 && ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE
                || (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF)) {
            text = new String(b, StandardCharsets.UTF_16);
        } else {
            try {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(b)).toString();
            } catch (CharacterCodingException e) {
                text = new String(b, Charset.forName("windows-1252"));
            }
        }
        return List.of(text.split("\r\n|\r|\n", -1));
    }
}
