package org.plmwatch.core.io.accel;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.core.io.RecordingLimits;

/**
 * Reads the data rows of a CSV file one at a time into reused fields: no String, no boxing, no
 * array per row. The kind of time column is decided by the first data row: a date-time string, an
 * epoch number (at least 10⁸ s, i.e. after 1973-03-03; 10¹¹ and more without a unit in the name is
 * taken as milliseconds) or seconds relative to the file's own zero, which pass through unchanged.
 * Times of absolute kinds are counted from the first row.
 */
final class CsvRowParser implements Closeable {

    enum TimeKind {
        RELATIVE_SECONDS("relative seconds"),
        EPOCH_SECONDS("epoch seconds"),
        EPOCH_MILLISECONDS("epoch milliseconds"),
        RELATIVE_MILLISECONDS("relative milliseconds"),
        DATE_TIME("date-time");

        final String label;

        TimeKind(String label) {
            this.label = label;
        }
    }

    private static final double EPOCH_SECONDS_FLOOR = 1e8;
    private static final double EPOCH_MILLISECONDS_FLOOR = 1e11;

    private final Path file;
    private final CsvLayout layout;
    private final ByteLineReader reader;
    private final FieldSplitter splitter;
    private final DateTimeBytes dateTime = new DateTimeBytes();
    private final int fieldsNeeded;
    private final int timeColumn;
    private final int xColumn;
    private final int yColumn;
    private final int zColumn;

    private TimeKind timeKind;
    private double zeroNumber;
    private long zeroEpochSecond;
    private int zeroNanos;
    private LocalDateTime firstDateTime;
    private double previousTime = Double.NEGATIVE_INFINITY;
    private long previousLine;
    private long firstLine;
    private double firstTime;

    /** The row last read: time in seconds, acceleration in the file's units, 1-based line. */
    double timeSeconds;
    double x;
    double y;
    double z;
    long line;

    CsvRowParser(Path file, CsvLayout layout) throws IOException, InputFormatException {
        this.file = file;
        this.layout = layout;
        this.reader = new ByteLineReader(file);
        this.splitter = new FieldSplitter(layout.delimiter());
        CsvColumns.Match m = layout.match();
        this.timeColumn = m.time();
        this.xColumn = m.x();
        this.yColumn = m.y();
        this.zColumn = m.z();
        this.fieldsNeeded = 1 + Math.max(Math.max(timeColumn, xColumn), Math.max(yColumn, zColumn));
        while (reader.lineNumber < layout.headerLine() && reader.next()) {
            // skip comments, preamble and the header itself
        }
    }

    /** Reads the next data row; false at the end of the file. */
    boolean next() throws IOException, InputFormatException {
        while (reader.next()) {
            if (reader.isBlank() || reader.isComment()) {
                continue;
            }
            byte[] b = reader.buffer();
            line = reader.lineNumber;
            int found = splitter.split(b, reader.lineStart, reader.lineEnd, fieldsNeeded);
            if (found < fieldsNeeded) {
                int missing = firstColumnAtOrAfter(found);
                throw InputFormatException.atLine(file, line, "the row has " + found + " field(s) but column '"
                        + layout.columns().get(missing) + "' is field " + (missing + 1),
                        "complete or delete the row (a file cut off while written ends in such a row)");
            }
            timeSeconds = time(b);
            x = number(b, xColumn);
            y = number(b, yColumn);
            z = number(b, zColumn);
            if (timeSeconds < previousTime) {
                throw InputFormatException.atLine(file, line, "time goes back: " + timeSeconds + " s after "
                        + previousTime + " s on line " + previousLine,
                        "rows must be in time order; sort the file by time, or split it where the clock was reset");
            }
            checkSpan();
            previousTime = timeSeconds;
            previousLine = line;
            return true;
        }
        return false;
    }

    /**
     * Times far from the first row's are a clock that jumped or a wrong unit: refused at their
     * line, before a sink or an estimator spans them.
     */
    private void checkSpan() throws InputFormatException {
        if (firstLine == 0) {
            firstLine = line;
            firstTime = timeSeconds;
            if (firstDateTime != null && !firstDateTime.toLocalDate().isBefore(RecordingLimits.LATEST_START)) {
                throw InputFormatException.atLine(file, line, "the first time, " + firstDateTime + ", lies after "
                        + RecordingLimits.LATEST_START.getYear() + ": a wrong clock or a wrong time unit",
                        "check the device clock and the time column's unit (seconds or milliseconds)");
            }
        }
        double fromFirst = timeSeconds - firstTime;
        if (!(fromFirst <= RecordingLimits.LONGEST_RECORDING_SECONDS)) {
            throw InputFormatException.atLine(file, line, String.format(Locale.ROOT, "time %.6g s is %.1f days after "
                            + "the first row's (line %d); one recording spans at most %d days", timeSeconds,
                            fromFirst / 86_400, firstLine, RecordingLimits.LONGEST_RECORDING_DAYS),
                    RecordingLimits.SPAN_FIX);
        }
        if (!(Math.abs(timeSeconds) <= RecordingLimits.LONGEST_RECORDING_SECONDS)) {
            throw InputFormatException.atLine(file, line, String.format(Locale.ROOT, "time %.6g s (%s) lies %.1f days "
                            + "from the file's zero; one recording spans at most %d days", timeSeconds, timeKind.label,
                            Math.abs(timeSeconds) / 86_400, RecordingLimits.LONGEST_RECORDING_DAYS),
                    RecordingLimits.SPAN_FIX);
        }
    }

    /** Decided by the first data row; null before it. */
    TimeKind timeKind() {
        return timeKind;
    }

    /** Wall-clock date-time of the first row for absolute time columns, else null. */
    LocalDateTime firstDateTime() {
        return firstDateTime;
    }

    private double time(byte[] b) throws InputFormatException {
        int from = splitter.starts[timeColumn];
        int to = splitter.ends[timeColumn];
        if (timeKind == null) {
            decideTimeKind(b, from, to);
        }
        switch (timeKind) {
            case DATE_TIME:
                if (!dateTime.parse(b, from, to)) {
                    throw bad(b, timeColumn, "is not a date-time like the first row's (yyyy-MM-dd HH:mm:ss.fff)");
                }
                return (dateTime.epochSecond - zeroEpochSecond) + (dateTime.nanos - zeroNanos) * 1e-9;
            case EPOCH_SECONDS:
                return timeNumber(b, from, to) - zeroNumber;
            case EPOCH_MILLISECONDS:
                return (timeNumber(b, from, to) - zeroNumber) * 1e-3;
            case RELATIVE_MILLISECONDS:
                return timeNumber(b, from, to) * 1e-3;
            default:
                return timeNumber(b, from, to);
        }
    }

    private void decideTimeKind(byte[] b, int from, int to) throws InputFormatException {
        if (DateTimeBytes.looksLikeDateTime(b, from, to)) {
            if (!dateTime.parse(b, from, to)) {
                throw bad(b, timeColumn, "is not a valid date-time (yyyy-MM-dd HH:mm:ss.fff)");
            }
            timeKind = TimeKind.DATE_TIME;
            zeroEpochSecond = dateTime.epochSecond;
            zeroNanos = dateTime.nanos;
            firstDateTime = dateTime.localDateTime();
            return;
        }
        double value = AsciiNumbers.parseDouble(b, from, to, layout.commaIsDecimal());
        if (Double.isNaN(value)) {
            throw bad(b, timeColumn, "is neither a number nor a date-time (yyyy-MM-dd HH:mm:ss.fff)");
        }
        boolean named = layout.match().timeInMilliseconds();
        if (named ? value * 1e-3 >= EPOCH_SECONDS_FLOOR : value >= EPOCH_MILLISECONDS_FLOOR) {
            timeKind = TimeKind.EPOCH_MILLISECONDS;
            firstDateTime = epochDateTime(b, value * 1e-3);
        } else if (named) {
            timeKind = TimeKind.RELATIVE_MILLISECONDS;
        } else if (value >= EPOCH_SECONDS_FLOOR) {
            timeKind = TimeKind.EPOCH_SECONDS;
            firstDateTime = epochDateTime(b, value);
        } else {
            timeKind = TimeKind.RELATIVE_SECONDS;
        }
        zeroNumber = value;
    }

    private static final double LATEST_EPOCH_SECOND =
            RecordingLimits.LATEST_START.atStartOfDay().toEpochSecond(ZoneOffset.UTC);

    /**
     * Epoch numbers carry no zone; they are shown as UTC. A start after 2100 is refused here,
     * before the conversion (a number such as 1e300 has no date-time at all).
     */
    private LocalDateTime epochDateTime(byte[] b, double epochSeconds) throws InputFormatException {
        if (!(epochSeconds < LATEST_EPOCH_SECOND)) {
            throw bad(b, timeColumn, "read as " + timeKind.label + " lies after "
                    + RecordingLimits.LATEST_START.getYear() + ": a wrong clock or a wrong time unit");
        }
        long seconds = (long) Math.floor(epochSeconds);
        int nanos = (int) Math.round((epochSeconds - seconds) * 1e9);
        if (nanos >= 1_000_000_000) {
            seconds++;
            nanos -= 1_000_000_000;
        }
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    }

    private double timeNumber(byte[] b, int from, int to) throws InputFormatException {
        double value = AsciiNumbers.parseDouble(b, from, to, layout.commaIsDecimal());
        if (Double.isNaN(value)) {
            throw bad(b, timeColumn, "is not a number like the first row's time");
        }
        return value;
    }

    private double number(byte[] b, int column) throws InputFormatException {
        double value = AsciiNumbers.parseDouble(b, splitter.starts[column], splitter.ends[column],
                layout.commaIsDecimal());
        if (Double.isNaN(value)) {
            throw bad(b, column, "is not a number");
        }
        return value;
    }

    private InputFormatException bad(byte[] b, int column, String what) {
        int from = splitter.starts[column];
        String text = new String(b, from, splitter.ends[column] - from, StandardCharsets.UTF_8);
        return InputFormatException.atLine(file, line, "'" + text + "' in column '" + layout.columns().get(column)
                + "' " + what, "correct or delete line " + line);
    }

    private int firstColumnAtOrAfter(int index) {
        int best = Integer.MAX_VALUE;
        for (int column : new int[] {timeColumn, xColumn, yColumn, zColumn}) {
            if (column >= index && column < best) {
                best = column;
            }
        }
        return best;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
