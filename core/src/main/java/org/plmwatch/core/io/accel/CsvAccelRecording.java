package org.plmwatch.core.io.accel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.model.Leg;

/**
 * An accelerometer recording in a delimited text file: the project's own format
 * ({@code # start: ISO-8601} line, header {@code t,x,y,z}, seconds and g) and the common exports of
 * phones, IMU loggers and vendor tools.
 *
 * <p>Before the header, lines starting with {@code #} are read as {@code # key: value}:
 * {@code start}, {@code leg} (left or right), {@code rate} (Hz) and {@code device} have meaning, other
 * keys are kept as metadata; lines without a delimiter are skipped as a preamble. The header is the
 * first line with a delimiter ({@code ,} {@code ;} or tab, whichever it holds most of); its time and
 * x/y/z acceleration columns are found by name ({@link CsvColumns}), other columns are ignored. After
 * the header, blank and {@code #} lines are skipped. Timestamps pass through as written (jitter and
 * all, never resampled); a row whose time is earlier than the row before is an error at its line,
 * equal times are allowed.
 *
 * <p>Units: a name may declare them ({@code (g)}, {@code m/s²}); otherwise the median |a| of the first
 * {@value #UNIT_DETECTION_ROWS} rows decides (a worn sensor is at rest most of the time, so the median
 * sits near 1 g): within {@value #LOW_RATIO}–{@value #HIGH_RATIO} of 1 means g, of 9.80665 means m/s²,
 * anything else is an error unless the caller names the units. A declared unit that the magnitude
 * contradicts is an error too: that is the unit slip tests exist to catch.
 */
public final class CsvAccelRecording implements AccelRecording {

    static final int UNIT_DETECTION_ROWS = 300;
    static final double LOW_RATIO = 0.6;
    static final double HIGH_RATIO = 1.6;
    private static final int MAX_PREAMBLE_LINES = 50;
    private static final Set<String> RATE_KEYS = Set.of("rate", "rate_hz", "sample_rate", "sample_rate_hz",
            "sampling_rate", "sampling_rate_hz", "fs");

    private final Path file;
    private final CsvLayout layout;
    private final AccelRecordingInfo info;

    private CsvAccelRecording(Path file, CsvLayout layout, AccelRecordingInfo info) {
        this.file = file;
        this.layout = layout;
        this.info = info;
    }

    /** Opens with units declared by the file or detected from the resting magnitude. */
    public static CsvAccelRecording open(Path file) throws IOException, InputFormatException {
        return open(file, Optional.empty());
    }

    /**
     * Opens a CSV recording.
     *
     * @param unitsOverride the units of the acceleration columns, when the caller knows better than the
     *                      file (skips detection)
     */
    public static CsvAccelRecording open(Path file, Optional<AccelUnits> unitsOverride)
            throws IOException, InputFormatException {
        Map<String, String> comments = new LinkedHashMap<>();
        Map<String, Long> commentLines = new LinkedHashMap<>();
        List<String> columns = new ArrayList<>();
        byte delimiter = 0;
        long headerLine = -1;
        try (ByteLineReader reader = new ByteLineReader(file)) {
            while (headerLine < 0 && reader.next()) {
                if (reader.isBlank()) {
                    continue;
                }
                String text = reader.lineText();
                if (reader.isComment()) {
                    readComment(text, reader.lineNumber, comments, commentLines);
                    continue;
                }
                delimiter = delimiterOf(text);
                if (delimiter == 0) {
                    if (reader.lineNumber >= MAX_PREAMBLE_LINES || text.indexOf('\0') >= 0) {
                        throw InputFormatException.atLine(file, reader.lineNumber, "no header row (a line of column "
                                + "names separated by ',' ';' or tab) in the first " + reader.lineNumber + " lines",
                                "readable recordings are Axivity .cwa files and CSV files with a header such as "
                                        + "t,x,y,z");
                    }
                    continue;
                }
                FieldSplitter splitter = new FieldSplitter(delimiter);
                int count = splitter.split(reader.buffer(), reader.lineStart, reader.lineEnd, Integer.MAX_VALUE);
                for (int i = 0; i < count; i++) {
                    columns.add(new String(reader.buffer(), splitter.starts[i], splitter.ends[i] - splitter.starts[i],
                            StandardCharsets.UTF_8));
                }
                headerLine = reader.lineNumber;
            }
        }
        if (headerLine < 0) {
            throw InputFormatException.inFile(file, "no header row and no data",
                    "write a header such as t,x,y,z followed by one row per sample");
        }
        CsvColumns.Match match;
        try {
            match = CsvColumns.match(columns);
        } catch (CsvColumns.NoMatch e) {
            boolean numbers = columns.stream().allMatch(CsvAccelRecording::isNumber);
            throw InputFormatException.atLine(file, headerLine, numbers
                    ? "the first row holds numbers, not column names" : e.getMessage(),
                    "name the columns in a header row, e.g. t,x,y,z (seconds, g)");
        }
        CsvLayout layout = new CsvLayout(delimiter, headerLine, columns, match);
        return new CsvAccelRecording(file, layout, describe(file, layout, comments, commentLines, unitsOverride));
    }

    @Override
    public AccelRecordingInfo info() {
        return info;
    }

    @Override
    public ReadReport stream(AccelSink sink) throws IOException, InputFormatException {
        double toG = info.units().toG();
        long count = 0;
        double first = Double.NaN;
        double last = Double.NaN;
        try (CsvRowParser rows = new CsvRowParser(file, layout)) {
            while (rows.next()) {
                double t = rows.timeSeconds;
                sink.sample(t, rows.x * toG, rows.y * toG, rows.z * toG);
                if (count == 0) {
                    first = t;
                }
                last = t;
                count++;
            }
        }
        sink.end();
        return new ReadReport(count, first, last, 0, List.of(), 0);
    }

    private static AccelRecordingInfo describe(Path file, CsvLayout layout, Map<String, String> comments,
            Map<String, Long> commentLines, Optional<AccelUnits> unitsOverride) throws IOException, InputFormatException {
        double[] magnitudes = new double[UNIT_DETECTION_ROWS];
        int rowCount = 0;
        CsvRowParser.TimeKind timeKind;
        LocalDateTime firstDateTime;
        try (CsvRowParser rows = new CsvRowParser(file, layout)) {
            while (rowCount < UNIT_DETECTION_ROWS && rows.next()) {
                magnitudes[rowCount++] = Math.sqrt(rows.x * rows.x + rows.y * rows.y + rows.z * rows.z);
            }
            timeKind = rows.timeKind();
            firstDateTime = rows.firstDateTime();
        }
        if (rowCount == 0) {
            throw InputFormatException.atLine(file, layout.headerLine(), "no data rows after the header",
                    "a recording needs at least one row of samples");
        }
        CsvColumns.Match match = layout.match();
        boolean ownFormat = comments.containsKey("start") && layout.columns().equals(List.of("t", "x", "y", "z"));
        Optional<AccelUnits> declared = ownFormat ? Optional.of(AccelUnits.G) : match.declaredUnits();
        double[] sorted = Arrays.copyOf(magnitudes, rowCount);
        Arrays.sort(sorted);
        double median = rowCount % 2 == 1 ? sorted[rowCount / 2]
                : 0.5 * (sorted[rowCount / 2 - 1] + sorted[rowCount / 2]);
        Optional<AccelUnits> detected = detectUnits(median);
        String medianText = String.format(Locale.ROOT, "median |a| %.3f over the first %d rows", median, rowCount);
        AccelUnits units;
        String evidence;
        if (unitsOverride.isPresent()) {
            units = unitsOverride.get();
            evidence = "given by the caller (" + medianText + ")";
        } else if (declared.isPresent()) {
            units = declared.get();
            if (detected.isPresent() && detected.get() != units) {
                throw InputFormatException.atLine(file, layout.headerLine(), "the columns declare "
                        + units.symbol() + " but the " + medianText + " says " + detected.get().symbol(),
                        "correct the unit in the header, or pass the units explicitly");
            }
            evidence = (ownFormat ? "declared by the plmwatch CSV format" : "declared in the column names")
                    + " (" + medianText + ")";
        } else if (detected.isPresent()) {
            units = detected.get();
            evidence = "detected: " + medianText;
        } else {
            throw InputFormatException.inFile(file, "cannot tell the acceleration units: the " + medianText
                    + " is neither ≈1 (g) nor ≈9.81 (m/s²)", "pass the units explicitly, e.g. "
                    + "AccelReaders.open(file, AccelUnits.G), or write them in the header (\"Accel X (g)\")");
        }

        Optional<LocalDateTime> start = Optional.ofNullable(firstDateTime);
        if (start.isEmpty() && comments.containsKey("start")) {
            start = Optional.of(parseStart(file, commentLines.get("start"), comments.get("start")));
        }
        Optional<Leg> leg = Optional.empty();
        if (comments.containsKey("leg")) {
            leg = Optional.of(parseLeg(file, commentLines.get("leg"), comments.get("leg")));
        }
        OptionalDouble rate = OptionalDouble.empty();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : comments.entrySet()) {
            if (RATE_KEYS.contains(e.getKey())) {
                rate = OptionalDouble.of(parseRate(file, commentLines.get(e.getKey()), e.getValue()));
            } else if (!e.getKey().equals("start") && !e.getKey().equals("leg")) {
                metadata.put(e.getKey(), e.getValue());
            }
        }
        List<String> names = layout.columns();
        metadata.put("columns", String.join(",", names));
        metadata.put("time column", names.get(match.time()) + " (" + timeKind.label + ")");
        String description = (ownFormat ? "plmwatch CSV" : "CSV") + ", " + layout.delimiterName()
                + " separated, time from '" + names.get(match.time()) + "' (" + timeKind.label
                + "), acceleration from " + CsvColumns.quoted(List.of(names.get(match.x()), names.get(match.y()),
                names.get(match.z()))) + " in " + units.symbol()
                + (comments.containsKey("device") ? ", device " + comments.get("device") : "");
        return new AccelRecordingInfo(file, ownFormat ? "plmwatch-csv" : "csv", description, start, rate, units,
                evidence, leg, OptionalLong.empty(), metadata);
    }

    static Optional<AccelUnits> detectUnits(double medianMagnitude) {
        for (AccelUnits units : AccelUnits.values()) {
            double oneG = 1.0 / units.toG();
            if (medianMagnitude >= LOW_RATIO * oneG && medianMagnitude <= HIGH_RATIO * oneG) {
                return Optional.of(units);
            }
        }
        return Optional.empty();
    }

    private static void readComment(String text, long line, Map<String, String> comments, Map<String, Long> lines) {
        String body = text.trim().substring(1).trim();
        int colon = body.indexOf(':');
        int equals = body.indexOf('=');
        int cut = colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals);
        if (cut <= 0) {
            return;
        }
        String key = body.substring(0, cut).trim().toLowerCase(Locale.ROOT).replace(' ', '_');
        if (!comments.containsKey(key)) {
            comments.put(key, body.substring(cut + 1).trim());
            lines.put(key, line);
        }
    }

    private static LocalDateTime parseStart(Path file, long line, String value) throws InputFormatException {
        String iso = value.length() > 10 && value.charAt(10) == ' ' ? value.substring(0, 10) + 'T'
                + value.substring(11) : value;
        try {
            return LocalDateTime.parse(iso);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(iso).toLocalDateTime();
            } catch (DateTimeParseException e2) {
                throw InputFormatException.atLine(file, line, "'# start:' value '" + value
                        + "' is not an ISO-8601 date-time", "write it as 2026-11-20T22:00:00");
            }
        }
    }

    private static Leg parseLeg(Path file, long line, String value) throws InputFormatException {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "left":
                return Leg.LEFT;
            case "right":
                return Leg.RIGHT;
            default:
                throw InputFormatException.atLine(file, line, "'# leg:' value '" + value + "' is neither left nor right",
                        "write '# leg: left' or '# leg: right', or delete the line");
        }
    }

    private static double parseRate(Path file, long line, String value) throws InputFormatException {
        String digits = value.toLowerCase(Locale.ROOT).replace("hz", "").trim();
        try {
            double rate = Double.parseDouble(digits);
            if (rate > 0 && Double.isFinite(rate)) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InputFormatException.atLine(file, line, "sample rate '" + value + "' is not a positive number of Hz",
                "write e.g. '# rate: 50'");
    }

    private static byte delimiterOf(String header) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }
        if (tabs == 0 && semicolons == 0 && commas == 0) {
            return 0;
        }
        if (tabs >= semicolons && tabs >= commas) {
            return '\t';
        }
        return semicolons >= commas ? (byte) ';' : (byte) ',';
    }

    private static boolean isNumber(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return !Double.isNaN(AsciiNumbers.parseDouble(b, 0, b.length, false));
    }
}
