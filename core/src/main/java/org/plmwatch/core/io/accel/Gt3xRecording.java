package org.plmwatch.core.io.accel;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.core.io.RecordingLimits;

/**
 * An ActiGraph recording ({@code .gt3x}, the format ActiGraph documents at
 * github.com/actigraph/GT3X-File-Format; GT3X+ firmware ≥ 3.0, wGT3X, GT9X Link). The file is a
 * zip archive of {@code info.txt} ({@code Key: Value} lines: sample rate, acceleration scale,
 * serial number, ...) and {@code log.bin}: records of a 1E separator, a type byte, a u32 Unix-style
 * timestamp of the local wall-clock second, a u16 payload size, the payload and a checksum (the
 * one's complement of the XOR of header and payload). Acceleration is in ACTIVITY2 records (type
 * 0x1A: one second of little-endian int16 samples, x y z) or ACTIVITY records (type 0x00: 12-bit
 * two's complement, y x z, bit-packed big-endian); counts / scale = g, the scale from
 * {@code info.txt} ({@code Acceleration Scale}) or, without it, 341 counts/g for NEO and CLE
 * serials and 256 otherwise, as ActiGraph documents. Other record types are skipped.
 *
 * <p>Time: each activity record is one second beginning at its timestamp, its samples spread
 * evenly over it; time zero is the first activity record's second. A second missing between two
 * records (the device's idle sleep mode, which ActiLife fills by repeating the last sample) is
 * reported as a gap, not filled. A record with a bad separator, checksum or size, or a timestamp
 * not after the previous one, is skipped and listed with its byte offset in {@code log.bin};
 * the reader then looks for the next separator. An activity record timed more than
 * {@link RecordingLimits#LONGEST_RECORDING_DAYS} days from time zero, or a time zero after
 * {@link RecordingLimits#LATEST_START}, is a clock that jumped and refuses the file with the
 * record's offset in {@code log.bin}, as the other readers do. {@code log.bin} is inflated as a stream, one
 * record (≤ 64 KiB) at a time, so memory does not grow with the recording or with what the
 * archive claims. Files of the older NHANES layout ({@code activity.bin}, firmware ≤ 2.5) are
 * refused with a message.
 */
public final class Gt3xRecording implements AccelRecording {

    private static final int SEPARATOR = 0x1E;
    private static final int ACTIVITY = 0x00;
    private static final int ACTIVITY2 = 0x1A;
    private static final int MAX_INFO_BYTES = 1 << 16;
    private static final double MIN_RATE_HZ = 1;
    private static final double MAX_RATE_HZ = 1000;
    /** .NET ticks (100 ns since 0001-01-01) at the Unix epoch. */
    private static final long TICKS_AT_EPOCH = 621_355_968_000_000_000L;
    private static final long LATEST_START_SECOND =
            RecordingLimits.LATEST_START.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    private static final String FIX = "export the recording from the device again with ActiLife";

    private final Path file;
    private final double scale;
    private final double rateHz;
    private final long zeroSecond;
    private final AccelRecordingInfo info;

    private Gt3xRecording(Path file, double scale, double rateHz, long zeroSecond, AccelRecordingInfo info) {
        this.file = file;
        this.scale = scale;
        this.rateHz = rateHz;
        this.zeroSecond = zeroSecond;
        this.info = info;
    }

    /** True when the bytes start a zip archive (a .gt3x is one; a CSV never starts with "PK\3\4"). */
    static boolean hasMagic(byte[] firstBytes) {
        return firstBytes.length >= 4 && firstBytes[0] == 'P' && firstBytes[1] == 'K' && firstBytes[2] == 3
                && firstBytes[3] == 4;
    }

    /** Reads {@code info.txt} and {@code log.bin} up to the first activity record (time zero). */
    public static Gt3xRecording open(Path file) throws IOException, InputFormatException {
        try {
            return read(file);
        } catch (ZipException | java.io.EOFException e) {
            throw InputFormatException.inFile(file, "the zip archive is damaged: " + e.getMessage(), FIX);
        }
    }

    private static Gt3xRecording read(Path file) throws IOException, InputFormatException {
        Map<String, String> fields = new LinkedHashMap<>();
        try (ZipFile zip = openZip(file)) {
            ZipEntry infoEntry = zip.getEntry("info.txt");
            ZipEntry logEntry = zip.getEntry("log.bin");
            if (logEntry == null && zip.getEntry("activity.bin") != null) {
                throw InputFormatException.inFile(file, "an ActiGraph .gt3x of the older NHANES layout (activity.bin, "
                        + "firmware 2.5 or earlier), which is not read", "export it to CSV with ActiLife");
            }
            if (infoEntry == null || logEntry == null) {
                throw InputFormatException.inFile(file, "a zip archive without the info.txt and log.bin of an "
                        + "ActiGraph .gt3x file", "give the .gt3x file as ActiLife downloaded it");
            }
            byte[] infoBytes;
            try (InputStream in = zip.getInputStream(infoEntry)) {
                infoBytes = in.readNBytes(MAX_INFO_BYTES + 1);
            }
            if (infoBytes.length > MAX_INFO_BYTES) {
                throw InputFormatException.inFile(file, "info.txt is larger than " + MAX_INFO_BYTES + " bytes", FIX);
            }
            String[] lines = new String(infoBytes, StandardCharsets.ISO_8859_1).split("\r?\n");
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.putIfAbsent(printable(line.substring(0, colon)).trim(),
                            printable(line.substring(colon + 1)).trim());
                }
            }
            double rate = number(file, fields, "Sample Rate", MIN_RATE_HZ, MAX_RATE_HZ);
            String serial = fields.getOrDefault("Serial Number", "");
            double scale;
            if (fields.containsKey("Acceleration Scale")) {
                scale = number(file, fields, "Acceleration Scale", 1, 100_000);
            } else {
                scale = serial.startsWith("NEO") || serial.startsWith("CLE") ? 341 : 256;
                fields.put("Acceleration Scale", scale + " (from the serial number)");
            }
            long zero = -1;
            long zeroOffset = -1;
            try (InputStream in = new BufferedInputStream(zip.getInputStream(logEntry), 1 << 16)) {
                RecordReader reader = new RecordReader(in);
                while (reader.next()) {
                    if (reader.problem == null && reader.isActivity()) {
                        zero = reader.timestamp;
                        zeroOffset = reader.offset;
                        break;
                    }
                }
            }
            if (zero < 0) {
                throw InputFormatException.inFile(file, "log.bin holds no readable activity record",
                        "the device recorded no acceleration; check its settings");
            }
            // The timestamp is a u32 second (up to 2106), so the limit is reachable by a wrong clock.
            if (zero >= LATEST_START_SECOND) {
                throw InputFormatException.inFile(file, String.format(Locale.ROOT, "log.bin byte %d: the first "
                                + "activity record's time %s lies after %d: a wrong device clock", zeroOffset,
                        LocalDateTime.ofEpochSecond(zero, 0, ZoneOffset.UTC), RecordingLimits.LATEST_START.getYear()),
                        "set the device clock in ActiLife and record again");
            }
            AccelRecordingInfo info = describe(file, fields, rate, scale, zero);
            return new Gt3xRecording(file, scale, rate, zero, info);
        }
    }

    @Override
    public AccelRecordingInfo info() {
        return info;
    }

    @Override
    public ReadReport stream(AccelSink sink) throws IOException, InputFormatException {
        List<SkippedBlock> skipped = new ArrayList<>();
        double[] x = new double[(RecordReader.MAX_PAYLOAD * 8) / 36 + 1];
        double[] y = new double[x.length];
        double[] z = new double[x.length];
        long count = 0;
        int gaps = 0;
        double first = Double.NaN;
        double last = Double.NaN;
        long previousSecond = Long.MIN_VALUE;
        try (ZipFile zip = openZip(file);
             InputStream in = new BufferedInputStream(zip.getInputStream(zip.getEntry("log.bin")), 1 << 16)) {
            RecordReader reader = new RecordReader(in);
            while (reader.next()) {
                if (reader.problem != null) {
                    skipped.add(new SkippedBlock(reader.offset, "log.bin: " + reader.problem));
                    continue;
                }
                if (!reader.isActivity()) {
                    continue;
                }
                double start = reader.timestamp - zeroSecond;
                if (Math.abs(start) > RecordingLimits.LONGEST_RECORDING_SECONDS) {
                    // A record with a good checksum years from the first: the clock jumped, and passing
                    // it on would have the night span those years.
                    throw InputFormatException.inFile(file, String.format(Locale.ROOT, "log.bin byte %d: activity "
                                    + "record timed %.1f days from the first record's %s; one recording spans at "
                                    + "most %d days", reader.offset, start / 86_400,
                            LocalDateTime.ofEpochSecond(zeroSecond, 0, ZoneOffset.UTC),
                            RecordingLimits.LONGEST_RECORDING_DAYS), RecordingLimits.SPAN_FIX);
                }
                if (reader.timestamp <= previousSecond) {
                    skipped.add(new SkippedBlock(reader.offset, String.format(Locale.ROOT, "log.bin: activity record "
                            + "for second %d, not after the previous one (%d)", reader.timestamp, previousSecond)));
                    continue;
                }
                int n = reader.type == ACTIVITY2 ? reader.activity2(x, y, z, scale) : reader.activity(x, y, z, scale);
                if (n == 0) {
                    continue;
                }
                if (count > 0 && reader.timestamp != previousSecond + 1) {
                    sink.gap(last, start);
                    gaps++;
                }
                for (int i = 0; i < n; i++) {
                    sink.sample(start + (double) i / n, x[i], y[i], z[i]);
                }
                if (count == 0) {
                    first = start;
                }
                count += n;
                last = start + (double) (n - 1) / n;
                previousSecond = reader.timestamp;
            }
        } catch (ZipException | java.io.EOFException e) {
            throw InputFormatException.inFile(file, "the zip archive is damaged: " + e.getMessage(), FIX);
        }
        sink.end();
        return new ReadReport(count, first, last, gaps, skipped, 0);
    }

    private static ZipFile openZip(Path file) throws IOException, InputFormatException {
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw InputFormatException.inFile(file, "starts like a zip archive (.gt3x) but is not a readable one: "
                    + e.getMessage(), FIX);
        }
    }

    private static AccelRecordingInfo describe(Path file, Map<String, String> fields, double rate, double scale,
                                               long zeroSecond) {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (String key : new String[] {"Serial Number", "Device Type", "Firmware", "Sample Rate", "TimeZone",
                "Acceleration Scale", "Acceleration Min", "Acceleration Max", "Subject Name", "Start Date",
                "Stop Date", "Download Date"}) {
            String v = fields.get(key);
            if (v == null) {
                continue;
            }
            if (key.endsWith("Date")) {
                v = ticksText(v);
            }
            metadata.put(key, v);
        }
        String max = fields.getOrDefault("Acceleration Max", "");
        if (!max.isEmpty()) {
            metadata.put("accelerometer range g", max.replaceFirst("\\.0+$", ""));
        }
        String description = String.format(Locale.ROOT, "ActiGraph %s #%s, firmware %s, %s Hz, %s counts/g",
                fields.getOrDefault("Device Type", "?"), fields.getOrDefault("Serial Number", "?"),
                fields.getOrDefault("Firmware", "?"), trim(rate), trim(scale));
        return new AccelRecordingInfo(file, "actigraph-gt3x", description,
                Optional.of(LocalDateTime.ofEpochSecond(zeroSecond, 0, ZoneOffset.UTC)), OptionalDouble.of(rate),
                AccelUnits.G, "declared by the GT3X format (counts / the acceleration scale)",
                CwaRecording.legOf(fields.getOrDefault("Subject Name", "")), OptionalLong.empty(), metadata);
    }

    /** A .NET ticks value as a local date-time, or the text as written when it is not one. */
    private static String ticksText(String value) {
        try {
            long ticks = Long.parseLong(value);
            if (ticks <= 0) {
                return value;
            }
            long sinceEpoch = ticks - TICKS_AT_EPOCH;
            return LocalDateTime.ofEpochSecond(Math.floorDiv(sinceEpoch, 10_000_000L),
                    (int) Math.floorMod(sinceEpoch, 10_000_000L) * 100, ZoneOffset.UTC).toString();
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return value;
        }
    }

    private static double number(Path file, Map<String, String> fields, String key, double min, double max)
            throws InputFormatException {
        String v = fields.get(key);
        if (v == null) {
            throw InputFormatException.inFile(file, "info.txt has no '" + key + ":' line", FIX);
        }
        double d = GeneActivRecording.leadingNumber(v);
        if (!(d >= min && d <= max)) {
            throw InputFormatException.inFile(file, "info.txt '" + key + ": " + v + "' is not a number from "
                    + trim(min) + " to " + trim(max), FIX);
        }
        return d;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** The log records of log.bin, one at a time into a fixed buffer. */
    static final class RecordReader {
        static final int MAX_PAYLOAD = 0xFFFF;

        private final InputStream in;
        private final byte[] header = new byte[8];
        private final byte[] payload = new byte[MAX_PAYLOAD + 1];
        private long position;
        private int pushedBack = -1;

        /** Offset in log.bin of the current record. */
        long offset;
        int type;
        long timestamp;
        int size;
        /** Why the current record is unusable, or null. */
        String problem;

        RecordReader(InputStream in) {
            this.in = in;
        }

        boolean isActivity() {
            return (type == ACTIVITY2 || type == ACTIVITY) && size > 1;
        }

        /** Reads the next record; false at the end of log.bin (a cut last record is reported once). */
        boolean next() throws IOException {
            problem = null;
            offset = position;
            int first = read();
            if (first < 0) {
                return false;
            }
            if (first != SEPARATOR) {
                // Lost sync: skip to the next separator and report the stretch as one bad record.
                long skippedFrom = offset;
                int b = first;
                while (b >= 0 && b != SEPARATOR) {
                    b = read();
                }
                if (b >= 0) {
                    pushedBack = b;
                    position--;
                }
                offset = skippedFrom;
                problem = "no record separator (1E); " + (position - skippedFrom) + " bytes skipped";
                return true;
            }
            header[0] = (byte) first;
            if (readFully(header, 1, 7) < 7) {
                problem = "log.bin ends inside a record header";
                return true;
            }
            type = header[1] & 0xff;
            timestamp = (header[2] & 0xffL) | (header[3] & 0xffL) << 8 | (header[4] & 0xffL) << 16
                    | (header[5] & 0xffL) << 24;
            size = (header[6] & 0xff) | (header[7] & 0xff) << 8;
            int got = readFully(payload, 0, size + 1);
            if (got < size + 1) {
                problem = "log.bin ends inside a record (" + got + " of " + (size + 1) + " bytes)";
                return true;
            }
            int xor = 0;
            for (byte b : header) {
                xor ^= b;
            }
            for (int i = 0; i < size; i++) {
                xor ^= payload[i];
            }
            if (((~xor) & 0xff) != (payload[size] & 0xff)) {
                problem = "checksum mismatch in a record of type " + type;
            }
            return true;
        }

        /** ACTIVITY2: little-endian int16 x, y, z. */
        int activity2(double[] x, double[] y, double[] z, double scale) {
            int n = size / 6;
            for (int i = 0; i < n; i++) {
                int p = 6 * i;
                x[i] = (short) ((payload[p] & 0xff) | payload[p + 1] << 8) / scale;
                y[i] = (short) ((payload[p + 2] & 0xff) | payload[p + 3] << 8) / scale;
                z[i] = (short) ((payload[p + 4] & 0xff) | payload[p + 5] << 8) / scale;
            }
            return n;
        }

        /** ACTIVITY: 12-bit two's complement, y x z, bits most significant first. */
        int activity(double[] x, double[] y, double[] z, double scale) {
            int n = size * 8 / 36;
            long bit = 0;
            for (int i = 0; i < n; i++) {
                y[i] = twelve(bit) / scale;
                x[i] = twelve(bit + 12) / scale;
                z[i] = twelve(bit + 24) / scale;
                bit += 36;
            }
            return n;
        }

        private int twelve(long bit) {
            int v = 0;
            for (int k = 0; k < 12; k++) {
                long b = bit + k;
                v = v << 1 | (payload[(int) (b >>> 3)] >> (7 - (int) (b & 7))) & 1;
            }
            return (v << 20) >> 20;
        }

        private int read() throws IOException {
            int b;
            if (pushedBack >= 0) {
                b = pushedBack;
                pushedBack = -1;
            } else {
                b = in.read();
            }
            if (b >= 0) {
                position++;
            }
            return b;
        }

        private int readFully(byte[] into, int from, int length) throws IOException {
            int got = 0;
            if (length > 0 && pushedBack >= 0) {
                into[from] = (byte) pushedBack;
                pushedBack = -1;
                got = 1;
            }
            got += in.readNBytes(into, from + got, length - got);
            position += got;
            return got;
        }
    }
}
