package org.plmwatch.core.io.accel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.core.io.RecordingLimits;
import org.plmwatch.core.model.Leg;

/**
 * A GENEActiv recording ({@code .bin}, Activinsights; layout from the GENEActiv instructions,
 * "Decoding .bin files", as also read by GGIRread). The file is ASCII text with CRLF line endings:
 * a header of {@code name:value} lines in sections ("Device Identity", "Configuration Info",
 * "Calibration Data", "Memory Status", ...), then pages, each a {@code Recorded Data} line, eight
 * {@code name:value} lines ({@code Sequence Number}, {@code Page Time:yyyy-MM-dd HH:mm:ss:SSS},
 * {@code Measurement Frequency}, temperature, battery, ...) and one line of hex: 300 samples of
 * 12 hex digits, x, y and z as 12-bit two's complement counts, then 10 bits of light, 1 bit of
 * button and 1 reserved bit. Counts become g with the header's calibration:
 * {@code g = (count × 100 − offset) / gain}.
 *
 * <p>Time: time zero is the first good page's {@code Page Time} (the header's {@code Start Time}
 * is known to be wrong when the battery ran out, GGIRread notes), as wall-clock time of the
 * device's configured zone. The page times have millisecond resolution and follow the device's
 * real rate (a "85.7 Hz" device runs at 600/7 = 85.714 Hz), so samples are spread evenly between
 * consecutive pages' times when those imply a rate within 10 % of the stated one, else at the
 * stated rate. A page that cannot be read (missing or malformed field, bad hex, wrong length, a
 * frequency other than the header's, a time not after the previous page's last sample) is skipped,
 * listed with its byte offset in the {@link ReadReport} and signalled to the sink as a gap; it is
 * never thrown. A last page cut short (a truncated copy) gives its whole samples; the bytes of its
 * incomplete sample are reported as truncated. A readable page timed more than
 * {@link RecordingLimits#LONGEST_RECORDING_DAYS} days from time zero, or a time zero after
 * {@link RecordingLimits#LATEST_START}, is a clock that jumped and refuses the file
 * ({@link InputFormatException} at the page's byte), as the other readers do.
 *
 * <p>Light and button bits are decoded but not delivered: {@link AccelSink} carries acceleration
 * only. Memory: two pages of counts and a 64 KiB line buffer, whatever the file claims.
 */
public final class GeneActivRecording implements AccelRecording {

    static final String FIRST_LINE = "Device Identity";
    static final String PAGE_LINE = "Recorded Data";
    /** Samples in a full page (vendor: 300 measurements per page). */
    static final int SAMPLES_PER_PAGE = 300;
    private static final int HEX_PER_SAMPLE = 12;
    /** A real header is 59 lines; more than this without a page means the file is not a GENEActiv one. */
    private static final int MAX_HEADER_LINES = 200;
    /** More name:value lines than this in a page header (8 in practice) mean the page is damaged. */
    private static final int MAX_PAGE_HEADER_LINES = 16;
    private static final double MIN_RATE_HZ = 1;
    private static final double MAX_RATE_HZ = 1000;
    private static final long MAX_PAGES = 100_000_000L;
    private static final String FIX_HEADER = "the file's header is damaged; export the .bin file from the device "
            + "again with the GENEActiv PC software";

    private final Path file;
    private final double[] gain;
    private final double[] offset;
    private final double rateHz;
    private final LocalDateTime zero;
    private final AccelRecordingInfo info;

    private GeneActivRecording(Path file, double[] gain, double[] offset, double rateHz, LocalDateTime zero,
                               AccelRecordingInfo info) {
        this.file = file;
        this.gain = gain;
        this.offset = offset;
        this.rateHz = rateHz;
        this.zero = zero;
        this.info = info;
    }

    /** True when a file starting with {@code firstBytes} is a GENEActiv .bin file. */
    static boolean hasMagic(byte[] firstBytes) {
        if (firstBytes.length < FIRST_LINE.length()) {
            return false;
        }
        for (int i = 0; i < FIRST_LINE.length(); i++) {
            if (firstBytes[i] != FIRST_LINE.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Reads the header and the first readable page (time zero). */
    public static GeneActivRecording open(Path file) throws IOException, InputFormatException {
        long size = Files.size(file);
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, Long> fieldLines = new LinkedHashMap<>();
        try (GeneActivLines lines = new GeneActivLines(file)) {
            if (!lines.next() || !lines.is(FIRST_LINE)) {
                throw InputFormatException.atLine(file, 1, "not a GENEActiv .bin file (its first line must be '"
                        + FIRST_LINE + "')", "give the .bin file as the GENEActiv software saved it");
            }
            boolean pages = false;
            while (lines.next()) {
                if (lines.overlong) {
                    throw InputFormatException.atLine(file, lines.lineNumber, "header line longer than "
                            + GeneActivLines.MAX_LINE_BYTES + " bytes", FIX_HEADER);
                }
                if (lines.is(PAGE_LINE)) {
                    pages = true;
                    break;
                }
                if (lines.lineNumber > MAX_HEADER_LINES) {
                    break;
                }
                String text = lines.text();
                int colon = text.indexOf(':');
                if (colon > 0) {
                    String name = text.substring(0, colon).trim();
                    if (!fields.containsKey(name)) {
                        fields.put(name, text.substring(colon + 1).trim());
                        fieldLines.put(name, lines.lineNumber);
                    }
                }
            }
            if (!pages) {
                throw InputFormatException.atLine(file, lines.lineNumber, "no '" + PAGE_LINE + "' page within the "
                        + "first " + MAX_HEADER_LINES + " lines: the recording holds no data, or this is not a "
                        + "GENEActiv file", "export the recording from the device again");
            }
            Header header = Header.parse(file, fields, fieldLines);
            PageDecoder decoder = new PageDecoder(header.rateHz);
            long firstPageOffset = lines.lineOffset;
            Page first = new Page();
            String firstProblem = null;
            long problemOffset = -1;
            long firstOffset = -1;
            boolean more = true;
            while (more) {
                long at = lines.lineOffset;
                decoder.read(lines, first);
                if (first.problem == null && first.sampleCount > 0) {
                    firstOffset = at;
                    break;
                }
                if (first.problem != null && problemOffset < 0) {
                    problemOffset = at;
                    firstProblem = first.problem;
                }
                more = first.nextPageFound;
            }
            if (first.problem != null || first.sampleCount == 0) {
                throw problemOffset < 0
                        ? InputFormatException.atByte(file, firstPageOffset, "the recording holds no samples",
                        "the device recorded nothing; check its settings and battery")
                        : InputFormatException.atByte(file, problemOffset, "no readable page; the first one fails: "
                        + firstProblem, "the file is damaged beyond use; export it from the device again");
            }
            if (!first.time.toLocalDate().isBefore(RecordingLimits.LATEST_START)) {
                throw InputFormatException.atByte(file, firstOffset, "the first page's time " + first.time
                                + " lies after " + RecordingLimits.LATEST_START.getYear() + ": a wrong device clock",
                        "set the device clock and record again, or export the recording from the device again");
            }
            OptionalLong sampleCount = OptionalLong.empty();
            // Pages differ by a few bytes (temperature, battery text), so the count is checked within 2 %.
            double pagesInFile = (double) (size - firstPageOffset) / first.bytes;
            Map<String, String> metadata = new LinkedHashMap<>();
            if (Math.abs(pagesInFile - header.pages) <= Math.max(1, 0.02 * header.pages)) {
                sampleCount = OptionalLong.of(header.pages * SAMPLES_PER_PAGE);
            } else {
                metadata.put("pages in file", String.format(Locale.ROOT, "about %.0f (the header says %d: a cut "
                        + "copy, or the header is wrong)", Math.floor(pagesInFile), header.pages));
            }
            AccelRecordingInfo info = describe(file, fields, header, first, sampleCount, metadata);
            return new GeneActivRecording(file, header.gain, header.offset, header.rateHz, first.time, info);
        }
    }

    @Override
    public AccelRecordingInfo info() {
        return info;
    }

    @Override
    public ReadReport stream(AccelSink sink) throws IOException, InputFormatException {
        PageDecoder decoder = new PageDecoder(rateHz);
        Page current = new Page();
        BlockChain<Page> chain = new BlockChain<>(sink, this::emit, rateHz, "page", new Page());
        long heldSequence = Long.MIN_VALUE;
        long truncated = 0;
        try (GeneActivLines lines = new GeneActivLines(file)) {
            while (lines.next() && !lines.is(PAGE_LINE)) {
                // header lines: parsed by open()
            }
            boolean more = lines.lineNumber > 0 && lines.is(PAGE_LINE);
            while (more) {
                long at = lines.lineOffset;
                decoder.read(lines, current);
                more = current.nextPageFound;
                if (current.problem != null) {
                    chain.skip(at, current.problem);
                    continue;
                }
                truncated += current.truncatedBytes;
                if (current.sampleCount == 0) {
                    continue;
                }
                double start = seconds(zero, current.time);
                if (!(Math.abs(start) <= RecordingLimits.LONGEST_RECORDING_SECONDS)) {
                    // A well-formed page years from the first: the clock jumped, and passing it on
                    // would have the night span those years.
                    throw InputFormatException.atByte(file, at, String.format(Locale.ROOT, "page timed %.1f days "
                                    + "from the first page's %s; one recording spans at most %d days", start / 86_400,
                            zero, RecordingLimits.LONGEST_RECORDING_DAYS), RecordingLimits.SPAN_FIX);
                }
                long sequence = current.sequence;
                Page next = chain.add(current, start, sequence == heldSequence + 1, at);
                if (next != current) {
                    heldSequence = sequence;
                }
                current = next;
            }
        }
        return chain.end(truncated);
    }

    private void emit(Page page, AccelSink sink, double startSeconds, double intervalSeconds) {
        double gx = gain[0];
        double gy = gain[1];
        double gz = gain[2];
        for (int i = 0; i < page.sampleCount; i++) {
            sink.sample(startSeconds + i * intervalSeconds, (page.x[i] * 100.0 - offset[0]) / gx,
                    (page.y[i] * 100.0 - offset[1]) / gy, (page.z[i] * 100.0 - offset[2]) / gz);
        }
    }

    private static double seconds(LocalDateTime from, LocalDateTime to) {
        Duration d = Duration.between(from, to);
        return d.getSeconds() + d.getNano() / 1e9;
    }

    private static AccelRecordingInfo describe(Path file, Map<String, String> fields, Header header, Page first,
                                               OptionalLong sampleCount, Map<String, String> extra) {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (String name : new String[] {"Device Unique Serial Code", "Device Type", "Device Model",
                "Device Firmware Version", "Calibration Date", "Accelerometer Range", "Accelerometer Resolution",
                "Measurement Frequency", "Measurement Period", "Start Time", "Time Zone", "Study Centre", "Study Code",
                "Investigator ID", "Exercise Type", "Device Location Code", "Subject Code", "Handedness Code",
                "Config Time", "Extract Time"}) {
            String value = fields.getOrDefault(name, "");
            if (!value.isEmpty()) {
                metadata.put(name, value);
            }
        }
        metadata.put("Number of Pages", Long.toString(header.pages));
        metadata.put("calibration", String.format(Locale.ROOT, "gain %s/%s/%s, offset %s/%s/%s (g = (count × 100 − "
                        + "offset) / gain)", trim(header.gain[0]), trim(header.gain[1]), trim(header.gain[2]),
                trim(header.offset[0]), trim(header.offset[1]), trim(header.offset[2])));
        metadata.putAll(extra);
        Optional<Leg> leg = CwaRecording.legOf(fields.getOrDefault("Device Location Code", ""));
        String description = String.format(Locale.ROOT, "GENEActiv %s #%s, %s Hz, %s g, 12-bit samples",
                fields.getOrDefault("Device Model", "?"), fields.getOrDefault("Device Unique Serial Code", "?"),
                trim(header.rateHz), fields.getOrDefault("Accelerometer Range", "?").replace(" to ", "..")).trim();
        return new AccelRecordingInfo(file, "geneactiv-bin", description, Optional.of(first.time),
                OptionalDouble.of(header.rateHz), AccelUnits.G,
                "declared by the GENEActiv format (counts calibrated by the header's gains and offsets)", leg,
                sampleCount, metadata);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** The header fields the samples depend on, each checked. */
    private record Header(double[] gain, double[] offset, double rateHz, long pages) {

        static Header parse(Path file, Map<String, String> fields, Map<String, Long> lines)
                throws InputFormatException {
            double[] gain = new double[3];
            double[] offset = new double[3];
            String[] axes = {"x", "y", "z"};
            for (int a = 0; a < 3; a++) {
                // A 12-bit count spans ±2048; gain is counts × 100 per g (≈ 25,600 at ±8 g).
                gain[a] = number(file, fields, lines, axes[a] + " gain", 100, 10_000_000);
                offset[a] = number(file, fields, lines, axes[a] + " offset", -204_800, 204_800);
            }
            double rate = number(file, fields, lines, "Measurement Frequency", MIN_RATE_HZ, MAX_RATE_HZ);
            long pages = (long) number(file, fields, lines, "Number of Pages", 0, MAX_PAGES);
            return new Header(gain, offset, rate, pages);
        }

        private static double number(Path file, Map<String, String> fields, Map<String, Long> lines, String name,
                                     double min, double max) throws InputFormatException {
            String value = fields.get(name);
            if (value == null) {
                throw InputFormatException.inFile(file, "the header has no '" + name + ":' line", FIX_HEADER);
            }
            double v = leadingNumber(value);
            if (!(v >= min && v <= max)) {
                throw InputFormatException.atLine(file, lines.get(name), "'" + name + ":" + value + "' is not a number "
                        + "from " + trim(min) + " to " + trim(max), FIX_HEADER);
            }
            return v;
        }
    }

    /** The number a value starts with ("85.7 Hz" → 85.7); NaN when there is none. */
    static double leadingNumber(String value) {
        int end = 0;
        while (end < value.length() && "+-.0123456789eE".indexOf(value.charAt(end)) >= 0) {
            end++;
        }
        try {
            return end == 0 ? Double.NaN : Double.parseDouble(value.substring(0, end));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** One page's counts; reused from page to page. */
    static final class Page implements BlockChain.Block {
        final int[] x = new int[SAMPLES_PER_PAGE];
        final int[] y = new int[SAMPLES_PER_PAGE];
        final int[] z = new int[SAMPLES_PER_PAGE];
        int sampleCount;
        long sequence;
        LocalDateTime time;
        /** Bytes from this page's first line to the next page's. */
        long bytes;
        long truncatedBytes;
        /** Why the page cannot be used, or null. */
        String problem;
        /** Reading stopped on the next page's {@code Recorded Data} line. */
        boolean nextPageFound;

        @Override
        public int sampleCount() {
            return sampleCount;
        }
    }

    /** Reads one page from its {@code Recorded Data} line up to the next one. */
    static final class PageDecoder {
        private final double rateHz;

        PageDecoder(double rateHz) {
            this.rateHz = rateHz;
        }

        /**
         * Reads from the current line (a {@code Recorded Data} line) to the next such line or the end;
         * fills {@code page}, setting {@code problem} instead of throwing when it is damaged.
         */
        void read(GeneActivLines lines, Page page) throws IOException {
            long pageOffset = lines.lineOffset;
            page.sampleCount = 0;
            page.sequence = -1;
            page.time = null;
            page.truncatedBytes = 0;
            page.problem = null;
            page.nextPageFound = false;
            double frequency = Double.NaN;
            boolean haveHex = false;
            int headerLines = 0;
            while (lines.next()) {
                if (lines.is(PAGE_LINE)) {
                    page.nextPageFound = true;
                    break;
                }
                if (page.problem != null) {
                    continue;
                }
                if (lines.overlong) {
                    page.problem = "a line longer than " + GeneActivLines.MAX_LINE_BYTES + " bytes";
                    continue;
                }
                if (haveHex) {
                    if (lines.length() > 0) {
                        page.problem = "text after the page's sample line";
                    }
                    continue;
                }
                int colon = indexOf(lines, ':');
                if (colon >= 0) {
                    if (++headerLines > MAX_PAGE_HEADER_LINES) {
                        page.problem = "more than " + MAX_PAGE_HEADER_LINES + " header lines";
                        continue;
                    }
                    String text = lines.text();
                    int c = text.indexOf(':');
                    String name = c < 0 ? "" : text.substring(0, c).trim();
                    String value = c < 0 ? "" : text.substring(c + 1).trim();
                    switch (name) {
                        case "Sequence Number" -> {
                            double v = leadingNumber(value);
                            if (!(v >= 0 && v <= MAX_PAGES && v == Math.rint(v))) {
                                page.problem = "sequence number '" + value + "' is not a whole number";
                            } else {
                                page.sequence = (long) v;
                            }
                        }
                        case "Page Time" -> {
                            page.time = pageTime(value);
                            if (page.time == null) {
                                page.problem = "page time '" + value + "' is not yyyy-MM-dd HH:mm:ss:SSS";
                            }
                        }
                        case "Measurement Frequency" -> frequency = leadingNumber(value);
                        default -> {
                        }
                    }
                    continue;
                }
                haveHex = true;
                page.problem = decodeHex(lines, page);
            }
            page.bytes = (page.nextPageFound ? lines.lineOffset : lines.lineOffset + lines.lineBytes) - pageOffset;
            if (page.problem != null) {
                return;
            }
            if (!haveHex) {
                page.problem = page.nextPageFound ? "the page has no sample line" : null;
                // A copy cut inside a page header: nothing of it is usable, which is truncation, not damage.
                page.truncatedBytes = page.nextPageFound ? 0 : page.bytes;
                page.sampleCount = 0;
                return;
            }
            if (page.sequence < 0) {
                page.problem = "no 'Sequence Number' line";
            } else if (page.time == null) {
                page.problem = "no 'Page Time' line";
            } else if (Double.isNaN(frequency)) {
                page.problem = "no 'Measurement Frequency' line";
            } else if (Math.abs(frequency / rateHz - 1) > 0.01) {
                page.problem = String.format(Locale.ROOT, "measurement frequency %s Hz, but the header says %s Hz",
                        trim(frequency), trim(rateHz));
            }
        }

        /** Decodes the hex line into counts; returns the problem, or null. */
        private String decodeHex(GeneActivLines lines, Page page) {
            int length = lines.length();
            int whole = length / HEX_PER_SAMPLE;
            if (whole > SAMPLES_PER_PAGE) {
                return length + " hex digits: more than a page's " + SAMPLES_PER_PAGE + " samples";
            }
            if (length % HEX_PER_SAMPLE != 0) {
                if (!lines.unterminated) {
                    return length + " hex digits is not a whole number of " + HEX_PER_SAMPLE + "-digit samples";
                }
                // The file ends inside this line: keep its whole samples (a cut copy).
                page.truncatedBytes = length % HEX_PER_SAMPLE;
            }
            byte[] b = lines.buffer();
            int at = lines.start;
            for (int i = 0; i < whole; i++, at += HEX_PER_SAMPLE) {
                int x = hex3(b, at);
                int y = hex3(b, at + 3);
                int z = hex3(b, at + 6);
                int rest = hex3(b, at + 9);
                if ((x | y | z | rest) < 0) {
                    return "a character other than a hex digit in sample " + (i + 1);
                }
                // 12-bit two's complement.
                page.x[i] = (x << 20) >> 20;
                page.y[i] = (y << 20) >> 20;
                page.z[i] = (z << 20) >> 20;
                // rest: light (10 bits), button, reserved; read for the hex check only (AccelSink has no place for them).
            }
            page.sampleCount = whole;
            return null;
        }

        private static int hex3(byte[] b, int at) {
            return hex(b[at]) << 8 | hex(b[at + 1]) << 4 | hex(b[at + 2]);
        }

        /** 0–15, or a large negative number that keeps any sum of three shifted values negative. */
        private static int hex(byte c) {
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
            if (c >= 'A' && c <= 'F') {
                return c - 'A' + 10;
            }
            if (c >= 'a' && c <= 'f') {
                return c - 'a' + 10;
            }
            return Integer.MIN_VALUE >> 12;
        }

        private static int indexOf(GeneActivLines lines, char c) {
            byte[] b = lines.buffer();
            for (int i = lines.start; i < lines.end; i++) {
                if (b[i] == c) {
                    return i - lines.start;
                }
            }
            return -1;
        }

        /** {@code yyyy-MM-dd HH:mm:ss:SSS} (month and day may have one digit); null when malformed. */
        static LocalDateTime pageTime(String value) {
            String[] dateTime = value.split(" ");
            if (dateTime.length != 2) {
                return null;
            }
            String[] date = dateTime[0].split("-");
            String[] time = dateTime[1].split(":");
            if (date.length != 3 || time.length != 4) {
                return null;
            }
            try {
                int millis = Integer.parseInt(time[3]);
                if (millis < 0 || millis > 999 || time[3].length() > 3) {
                    return null;
                }
                return LocalDateTime.of(Integer.parseInt(date[0]), Integer.parseInt(date[1]),
                        Integer.parseInt(date[2]), Integer.parseInt(time[0]), Integer.parseInt(time[1]),
                        Integer.parseInt(time[2]), millis * 1_000_000);
            } catch (NumberFormatException | DateTimeException e) {
                return null;
            }
        }
    }
}
