package org.plmwatch.analyzer.io;

import org.plmwatch.core.io.InputFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** Rows of a one-night export lie within 48 h, so within 3 calendar days. */
    private static final long MOST_DAYS_APART = 2;
    /** The {@code Events Included:} list names event types; more than this is not such a list. */
    private static final int MOST_INCLUDED = 10_000;
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
    private record Row(long line, String label, long epochDay, long nanoOfDay, double durationSeconds,
                       String location) {
    }

    private RemLogicReader() {
    }

    public static PsgEvents read(Path file, EventLabels labels) throws IOException, InputFormatException {
        try {
            return read(file, labels, false);
        } catch (TextLines.NotUtf8 e) {
            try {
                return read(file, labels, true);
            } catch (TextLines.NotUtf8 impossible) {
                throw new IllegalStateException("Windows-1252 decodes every byte", impossible);
            }
        }
    }

    /**
     * One streaming pass: header lines, then rows kept as compact records (labels shared), so
     * memory follows the rows the file holds, never a whole copy of its text.
     */
    private static PsgEvents read(Path file, EventLabels labels, boolean windows1252)
            throws IOException, InputFormatException, TextLines.NotUtf8 {
        try (TextLines lines = TextLines.open(file, windows1252)) {
            return read(file, labels, lines);
        }
    }

    private static PsgEvents read(Path file, EventLabels labels, TextLines lines)
            throws IOException, InputFormatException, TextLines.NotUtf8 {
        // Header: everything above the column header line.
        Columns columns = null;
        String recordingDate = null;
        long recordingDateLine = 0;
        List<String> included = null;
        boolean inIncludedList = false;
        long lastNonBlank = 0;
        String untabbedHint = "";
        String line;
        while ((line = lines.next()) != null) {
            columns = columns(file, line, lines.lineNumber);
            if (columns != null) {
                break;
            }
            if (!line.isBlank()) {
                lastNonBlank = lines.lineNumber;
            }
            String lower = line.trim().toLowerCase(Locale.ROOT);
            if (untabbedHint.isEmpty() && lower.contains("time") && lower.contains("event") && line.indexOf('\t') < 0) {
                untabbedHint = " (line " + lines.lineNumber + " looks like a column header but is not tab-separated)";
            }
            if (lower.startsWith("recording date")) {
                recordingDate = valueAfterColon(line);
                recordingDateLine = lines.lineNumber;
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
            } else if (inIncludedList && included.size() < MOST_INCLUDED) {
                included.add(line.trim());
            }
        }
        if (columns == null) {
            if (lastNonBlank == 0) {
                throw InputFormatException.inFile(file, "empty file", "export the events again from RemLogic");
            }
            throw InputFormatException.inFile(file, "not a RemLogic event export: none of its "
                            + lastNonBlank + " lines is " + EXPECTED_HEADER + untabbedHint,
                    "export the events from RemLogic as text with the Time, Event and Duration columns");
        }

        List<Row> rows = new ArrayList<>();
        Map<String, String> shared = new HashMap<>();
        Boolean isoTimes = null;
        String[] cells = new String[4];
        int locationCell = columns.location() >= 0 ? columns.location() : -1;
        while ((line = lines.next()) != null) {
            if (line.isBlank()) {
                continue;
            }
            long lineNo = lines.lineNumber;
            if (rows.size() >= PsgNightBuilder.MOST_EVENTS) {
                throw InputFormatException.atLine(file, lineNo, "more than " + PsgNightBuilder.MOST_EVENTS
                        + " event rows: more than one night's PSG export holds (48 h of 30-s epochs and an event "
                        + "every second)", "export one night per file");
            }
            int found = cells(line, columns, cells);
            if (found < columns.required()) {
                throw InputFormatException.atLine(file, lineNo, "too few columns: " + found
                                + " tab-separated cells where the Time, Event and Duration columns need "
                                + columns.required(),
                        "separate the cells with tabs and give every row a Time, Event and Duration");
            }
            String time = cells[0];
            String label = cells[1];
            String duration = cells[2];
            String location = locationCell >= 0 && locationCell < found ? cells[3] : null;
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
            rows.add(new Row(lineNo, shared.computeIfAbsent(label, l -> l), parsed[0], parsed[1], durationSeconds,
                    location == null ? null : shared.computeIfAbsent(location, l -> l)));
        }

        LocalDateTime reference;
        long[] rowNanos = new long[rows.size()];
        if (Boolean.TRUE.equals(isoTimes)) {
            Row earliest = rows.stream().min(Comparator.comparingLong(Row::epochDay)).orElseThrow();
            long firstDay = earliest.epochDay();
            for (Row r : rows) {
                // Days apart before nanoseconds are counted: dates years apart would overflow them.
                if (r.epochDay() - firstDay > MOST_DAYS_APART) {
                    throw InputFormatException.atLine(file, r.line(), "date " + LocalDate.ofEpochDay(r.epochDay())
                                    + " is " + (r.epochDay() - firstDay) + " days after the date on line "
                                    + earliest.line() + ": a PSG export of one night covers at most 48 h",
                            "correct the date of this row; export one night per file");
                }
            }
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

    /**
     * Puts the Time, Event, Duration and Location cells (trimmed) into {@code out[0..3]} without a
     * regex or an array per row; returns how many tab-separated cells the line has, counted up to
     * the last column needed.
     */
    private static int cells(String line, Columns columns, String[] out) {
        int wanted = Math.max(columns.required(), columns.location() + 1);
        int cell = 0;
        int from = 0;
        while (cell < wanted) {
            int tab = line.indexOf('\t', from);
            int to = tab < 0 ? line.length() : tab;
            int slot = cell == columns.time() ? 0 : cell == columns.event() ? 1 : cell == columns.duration() ? 2
                    : cell == columns.location() ? 3 : -1;
            if (slot >= 0) {
                out[slot] = line.substring(from, to).trim();
            }
            cell++;
            if (tab < 0) {
                break;
            }
            from = tab + 1;
        }
        return cell;
    }

    private static Columns columns(Path file, String line, long lineNo) throws InputFormatException {
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

    /** Seconds, {@code [+-]?(d+([.,]d*)?|[.,]d+)}, with a decimal point or comma; NaN when malformed. */
    static double parseDuration(String s) {
        int p = 0;
        int n = s.length();
        if (p < n && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
            p++;
        }
        int digits = 0;
        int separator = -1;
        for (int i = p; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if ((c == '.' || c == ',') && separator < 0) {
                separator = i;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        return Double.parseDouble(separator < 0 ? s : s.replace(',', '.'));
    }
}
