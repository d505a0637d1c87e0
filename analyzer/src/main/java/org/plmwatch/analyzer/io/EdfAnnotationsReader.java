package org.plmwatch.analyzer.io;

import org.plmwatch.core.io.InputFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the annotations of an EDF+ file (EDF+C or EDF+D): sleep stages, leg movements, arousals
 * and respiratory events written as TALs in its {@code EDF Annotations} signals. Signals are not
 * read. Layout per the EDF+ specification (edfplus.info/specs/edfplus.html):
 * a 256-byte header, 256 bytes per signal, then data records holding each signal's samples as
 * 16-bit integers; an annotation signal's "samples" are bytes of TALs
 * {@code +onset[\x15duration]\x14text\x14[text\x14]...\x00}, the first TAL of each record being
 * the record's own onset with no text. Onsets are seconds after the header's start date-time.
 *
 * <p>Time zero is the first scored epoch (see {@link PsgNightBuilder}).
 */
public final class EdfAnnotationsReader {

    public static final String FORMAT = "edf+";

    static final String ANNOTATION_LABEL = "EDF Annotations";
    private static final int HEADER_BYTES = 256;
    private static final int BYTES_PER_SIGNAL = 256;
    /**
     * The most annotation bytes one data record may hold for one signal. The EDF+ specification
     * asks for whole data records under 61,440 bytes; Sleep-EDF hypnograms put a night's
     * annotations in one record of a few kB. The buffer is allocated once at this size at most.
     */
    static final int MOST_ANNOTATION_BYTES = 8 << 20;
    private static final String[] MONTHS =
            {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    private static final String LEG_FIX =
            "name the leg labels of your lab (--left-label and --right-label, e.g. --left-label 'LM left')";
    private static final String STAGE_FIX = RemLogicReader.STAGE_FIX
            + " (EDF+ texts such as 'Sleep stage N2' are known)";
    private static final String REEXPORT_FIX = "export the EDF+ file again; the file is damaged";

    private EdfAnnotationsReader() {
    }

    public static PsgEvents read(Path file, EventLabels labels) throws IOException, InputFormatException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                throw InputFormatException.inFile(file, "empty file", REEXPORT_FIX);
            }
            byte[] main = new byte[(int) Math.min(HEADER_BYTES, size)];
            readFully(ch, main, 0);
            if (!ascii(main, 0, Math.min(8, main.length)).equals("0       ")) {
                throw InputFormatException.atByte(file, 0, "not an EDF file: it must start with '0' and 7 spaces",
                        "give an EDF+ file (or a RemLogic text export)");
            }
            if (size < HEADER_BYTES) {
                throw truncated(file, size, HEADER_BYTES, "the 256-byte header");
            }
            String reserved = ascii(main, 192, 44).trim();
            if (!reserved.startsWith("EDF+C") && !reserved.startsWith("EDF+D")) {
                throw InputFormatException.atByte(file, 192, "plain EDF, not EDF+ (reserved field '" + reserved
                                + "' is not EDF+C or EDF+D): plain EDF has no annotations, so no scored events",
                        "export the recording with its scoring as EDF+ (e.g. EDFbrowser or the PSG software's "
                                + "EDF+ export with annotations)");
            }
            long headerBytes = intField(file, main, 184, 8, "number of header bytes");
            long records = intField(file, main, 236, 8, "number of data records");
            int signals = (int) intField(file, main, 252, 4, "number of signals");
            if (signals < 1) {
                throw InputFormatException.atByte(file, 252, "number of signals is " + signals, REEXPORT_FIX);
            }
            if (headerBytes != HEADER_BYTES + (long) BYTES_PER_SIGNAL * signals) {
                throw InputFormatException.atByte(file, 184, "header size field says " + headerBytes
                        + " bytes but " + signals + " signals need " + (HEADER_BYTES + BYTES_PER_SIGNAL * signals),
                        REEXPORT_FIX);
            }
            LocalDateTime start = startDateTime(file, main);
            if (size < headerBytes) {
                throw truncated(file, size, headerBytes, "the header of " + signals + " signals");
            }

            byte[] signalHeader = new byte[(int) headerBytes - HEADER_BYTES];
            readFully(ch, signalHeader, HEADER_BYTES);
            long[] recordOffset = new long[signals];
            List<Integer> annotationSignals = new ArrayList<>();
            long recordBytes = 0;
            for (int s = 0; s < signals; s++) {
                String label = ascii(signalHeader, s * 16, 16).trim();
                int at = signals * 216 + s * 8;
                long samples = intField(file, signalHeader, at, 8, "samples per data record of signal " + (s + 1),
                        HEADER_BYTES);
                if (samples < 1) {
                    throw InputFormatException.atByte(file, HEADER_BYTES + at, "signal " + (s + 1)
                            + " has " + samples + " samples per data record", REEXPORT_FIX);
                }
                recordOffset[s] = recordBytes;
                recordBytes += 2 * samples;
                if (label.equals(ANNOTATION_LABEL)) {
                    annotationSignals.add(s);
                }
            }
            if (annotationSignals.isEmpty()) {
                throw InputFormatException.atByte(file, HEADER_BYTES, "no '" + ANNOTATION_LABEL
                        + "' signal among the " + signals + " signal labels", "export the EDF+ file with its annotations");
            }
            if (records < 0) {
                // -1 means the writer never finished the header (EDF+ spec); trust the file length.
                records = (size - headerBytes) / recordBytes;
            }
            // Saturates instead of overflowing when a damaged header promises absurd sizes.
            long expected = records > (Long.MAX_VALUE - headerBytes) / recordBytes ? Long.MAX_VALUE
                    : headerBytes + records * recordBytes;
            if (size < expected) {
                throw InputFormatException.atByte(file, size, "truncated file: " + size + " bytes, but the header "
                        + "promises " + expected + " (" + headerBytes + " header + " + records + " data records of "
                        + recordBytes + " bytes)", "copy or export the file again completely");
            }

            PsgNightBuilder night = new PsgNightBuilder(file, labels, true, LEG_FIX);
            // The size check above bounds every buffer by the file length.
            byte[][] buffers = new byte[signals][];
            for (int s : annotationSignals) {
                long bytes = (s + 1 < signals ? recordOffset[s + 1] : recordBytes) - recordOffset[s];
                if (records > 0 && bytes > MOST_ANNOTATION_BYTES) {
                    throw InputFormatException.atByte(file, HEADER_BYTES + signals * 216L + s * 8L, "annotation signal "
                                    + (s + 1) + " holds " + bytes + " bytes per data record; EDF+ keeps a data record "
                                    + "under 61,440 bytes and plmwatch reads at most " + MOST_ANNOTATION_BYTES,
                            "export the annotations again (EDFbrowser writes them in small data records)");
                }
                buffers[s] = new byte[records > 0 ? (int) bytes : 0];
            }
            for (long r = 0; r < records; r++) {
                for (int s : annotationSignals) {
                    long offset = headerBytes + r * recordBytes + recordOffset[s];
                    readFully(ch, buffers[s], offset);
                    parseTals(file, buffers[s], offset, night);
                }
            }
            return new PsgEvents(file, FORMAT, night.build(start, false, STAGE_FIX), night.ignoredEvents());
        }
    }

    /**
     * Parses the TALs of one annotation signal of one data record. Annotations with empty text
     * (the record's time-keeping TAL) carry no event.
     *
     * @param base file offset of {@code b[0]}, for errors
     */
    private static void parseTals(Path file, byte[] b, long base, PsgNightBuilder night)
            throws InputFormatException {
        int p = 0;
        while (p < b.length && b[p] != 0) {
            int onsetStart = p;
            if (b[p] != '+' && b[p] != '-') {
                throw malformed(file, base + p, "a TAL must start with '+' or '-', found " + describe(b[p]));
            }
            p++;
            while (p < b.length && b[p] != 0x14 && b[p] != 0x15) {
                p++;
            }
            long onsetNanos = decimalNanos(b, onsetStart, p, true);
            if (onsetNanos == Long.MIN_VALUE) {
                throw malformed(file, base + onsetStart, "bad onset '" + ascii(b, onsetStart, p - onsetStart) + "'");
            }
            double durationSeconds = Double.NaN;
            if (p < b.length && b[p] == 0x15) {
                int d = ++p;
                while (p < b.length && b[p] != 0x14) {
                    p++;
                }
                long nanos = decimalNanos(b, d, p, false);
                if (nanos == Long.MIN_VALUE) {
                    throw malformed(file, base + d, "bad duration '" + ascii(b, d, p - d) + "'");
                }
                durationSeconds = nanos / 1e9;
            }
            if (p >= b.length) {
                throw malformed(file, base + onsetStart, "TAL runs past the end of its signal in the data record");
            }
            p++; // the 0x14 closing onset and duration
            while (true) {
                if (p >= b.length) {
                    throw malformed(file, base + onsetStart, "TAL is not closed by a 0x00 byte");
                }
                if (b[p] == 0) {
                    p++;
                    break;
                }
                int t = p;
                while (p < b.length && b[p] != 0x14 && b[p] != 0) {
                    p++;
                }
                if (p >= b.length || b[p] != 0x14) {
                    throw malformed(file, base + t, "annotation text not closed by 0x14");
                }
                String text = new String(b, t, p - t, StandardCharsets.UTF_8).trim();
                p++;
                if (!text.isEmpty()) {
                    night.add(text, onsetNanos, durationSeconds, null, base + onsetStart);
                }
            }
        }
    }

    /** [+-]digits[.digits] as nanoseconds, or Long.MIN_VALUE when malformed. */
    private static long decimalNanos(byte[] b, int from, int to, boolean signed) {
        int p = from;
        boolean negative = false;
        if (signed) {
            negative = b[p] == '-';
            p++;
        }
        long whole = 0;
        int wholeDigits = 0;
        while (p < to && b[p] >= '0' && b[p] <= '9') {
            if (wholeDigits++ == 9) { // 31 years; more would overflow nanoseconds
                return Long.MIN_VALUE;
            }
            whole = whole * 10 + (b[p++] - '0');
        }
        long fraction = 0;
        long scale = 100_000_000L;
        if (p < to && b[p] == '.') {
            p++;
            if (p == to) {
                return Long.MIN_VALUE;
            }
            while (p < to && b[p] >= '0' && b[p] <= '9') {
                fraction += (b[p++] - '0') * scale;
                scale /= 10;
            }
        }
        if (p != to || wholeDigits == 0) {
            return Long.MIN_VALUE;
        }
        long nanos = whole * 1_000_000_000L + fraction;
        return negative ? -nanos : nanos;
    }

    /**
     * Header start date (dd.mm.yy) and time (hh.mm.ss). The EDF+ recording id may carry
     * {@code Startdate dd-MMM-yyyy}, which has the 4-digit year; it wins when present.
     */
    private static LocalDateTime startDateTime(Path file, byte[] h) throws InputFormatException {
        String date = ascii(h, 168, 8).trim();
        String time = ascii(h, 176, 8).trim();
        LocalTime t;
        try {
            if (!time.matches("\\d\\d\\.\\d\\d\\.\\d\\d")) {
                throw new DateTimeException(time);
            }
            t = LocalTime.of(Integer.parseInt(time.substring(0, 2)), Integer.parseInt(time.substring(3, 5)),
                    Integer.parseInt(time.substring(6, 8)));
        } catch (DateTimeException e) {
            throw InputFormatException.atByte(file, 176, "start time '" + time + "' is not hh.mm.ss", REEXPORT_FIX);
        }
        LocalDate fromId = recordingIdDate(ascii(h, 88, 80));
        if (fromId != null) {
            return fromId.atTime(t);
        }
        try {
            if (!date.matches("\\d\\d\\.\\d\\d\\.\\d\\d")) {
                throw new DateTimeException(date);
            }
            int yy = Integer.parseInt(date.substring(6, 8));
            // EDF's clipping date: 85-99 are 1985-1999, 00-84 are 2000-2084.
            int year = yy >= 85 ? 1900 + yy : 2000 + yy;
            return LocalDate.of(year, Integer.parseInt(date.substring(3, 5)), Integer.parseInt(date.substring(0, 2)))
                    .atTime(t);
        } catch (DateTimeException e) {
            throw InputFormatException.atByte(file, 168, "start date '" + date + "' is not dd.mm.yy", REEXPORT_FIX);
        }
    }

    private static LocalDate recordingIdDate(String recordingId) {
        String[] f = recordingId.trim().split(" +");
        if (f.length < 2 || !f[0].equals("Startdate") || !f[1].matches("\\d\\d-[A-Za-z]{3}-\\d{4}")) {
            return null;
        }
        String month = f[1].substring(3, 6).toUpperCase(Locale.ROOT);
        for (int m = 0; m < 12; m++) {
            if (MONTHS[m].equals(month)) {
                try {
                    return LocalDate.of(Integer.parseInt(f[1].substring(7, 11)), m + 1,
                            Integer.parseInt(f[1].substring(0, 2)));
                } catch (DateTimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static long intField(Path file, byte[] h, int at, int length, String name) throws InputFormatException {
        return intField(file, h, at, length, name, 0);
    }

    private static long intField(Path file, byte[] h, int at, int length, String name, int base)
            throws InputFormatException {
        String s = ascii(h, at, length).trim();
        if (!s.matches("-?\\d{1,12}")) {
            throw InputFormatException.atByte(file, base + at, name + " '" + s + "' is not an integer", REEXPORT_FIX);
        }
        return Long.parseLong(s);
    }

    private static InputFormatException truncated(Path file, long size, long expected, String what) {
        return InputFormatException.atByte(file, size, "truncated file: " + size + " bytes, shorter than "
                + what + " (" + expected + " bytes)", "copy or export the file again completely");
    }

    private static InputFormatException malformed(Path file, long offset, String what) {
        return InputFormatException.atByte(file, offset, "malformed TAL (EDF+ annotation): " + what, REEXPORT_FIX);
    }

    private static String describe(byte b) {
        return b >= 0x20 && b < 0x7F ? "'" + (char) b + "'" : String.format("0x%02X", b & 0xFF);
    }

    private static String ascii(byte[] b, int from, int length) {
        return new String(b, from, length, StandardCharsets.US_ASCII);
    }

    private static void readFully(FileChannel ch, byte[] dst, long position) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(dst);
        long p = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) {
                throw new EOFException("unexpected end of file at byte " + p);
            }
            p += n;
        }
    }
}
