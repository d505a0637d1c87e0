package org.plmwatch.analyzer.edf;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes an EDF+ file (edfplus.info/specs/edfplus.html) whose data records are 1 s long and whose
 * layout ({@link RecordLayout}) is known before the first sample: EDF+C for one run of records,
 * EDF+D for several. Because every record has a fixed place in the file, each signal group can be
 * written by its own streaming pass with positional writes ({@link #writeSamples}), so two legs
 * recorded by two files are interleaved without holding either in memory. The last signal is
 * {@code EDF Annotations}: its per-record size is chosen up front so that every annotation fits,
 * and {@link #finish} writes each record's time-keeping TAL followed by the annotations in onset
 * order.
 *
 * <p>Header text is printable ASCII (anything else becomes {@code _}) cut to its field width;
 * numbers that do not fit their field are a programming error.
 */
public final class EdfPlusWriter implements Closeable {

    public static final String ANNOTATIONS_LABEL = "EDF Annotations";
    private static final String[] MONTHS =
            {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    /** EDF's 8-character record count: at 1 s per record, over three years. */
    private static final long MAX_RECORDS = 99_999_999L;

    /**
     * The file-level header fields.
     *
     * @param patient   EDF+ patient field ({@code code sex birthdate name}, {@code X} for unknown)
     * @param recording EDF+ recording field after {@code Startdate dd-MMM-yyyy}
     *                  ({@code admincode technician equipment}, {@code X} for unknown)
     * @param start     date-time of record 0, whole seconds; years 1985–2084 (EDF's two-digit years)
     */
    public record Header(String patient, String recording, LocalDateTime start) {
        public Header {
            if (start.getNano() != 0) {
                throw new IllegalArgumentException("EDF start must be whole seconds: " + start);
            }
            if (start.getYear() < 1985 || start.getYear() > 2084) {
                throw new IllegalArgumentException("EDF dates years 1985-2084 only: " + start);
            }
        }
    }

    private final FileChannel channel;
    private final List<EdfSignal> signals;
    private final RecordLayout layout;
    private final List<EdfAnnotation> annotations;
    private final int annotationBytes;
    private final long headerBytes;
    private final long recordBytes;
    private final long[] signalOffset;

    private EdfPlusWriter(FileChannel channel, List<EdfSignal> signals, RecordLayout layout,
                          List<EdfAnnotation> annotations, int annotationBytes) {
        this.channel = channel;
        this.signals = signals;
        this.layout = layout;
        this.annotations = annotations;
        this.annotationBytes = annotationBytes;
        this.headerBytes = 256L * (signals.size() + 2);
        this.signalOffset = new long[signals.size() + 1];
        long offset = 0;
        for (int i = 0; i < signals.size(); i++) {
            signalOffset[i] = offset;
            offset += 2L * signals.get(i).samplesPerRecord();
        }
        signalOffset[signals.size()] = offset;
        this.recordBytes = offset + annotationBytes;
    }

    /**
     * Creates {@code file} (replacing it) and writes the header.
     *
     * @param signals     the ordinary signals, in file order (the annotation signal is added last)
     * @param annotations every annotation of the file, any order
     */
    public static EdfPlusWriter create(Path file, Header header, List<EdfSignal> signals, RecordLayout layout,
                                       List<EdfAnnotation> annotations) throws IOException {
        if (layout.recordCount() < 1 || layout.recordCount() > MAX_RECORDS) {
            throw new IllegalArgumentException("EDF record count " + layout.recordCount());
        }
        List<EdfAnnotation> sorted = new ArrayList<>(annotations);
        sorted.sort((a, b) -> Double.compare(a.onsetSeconds(), b.onsetSeconds()));
        int annotationBytes = annotationBytesPerRecord(layout, sorted);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            EdfPlusWriter writer = new EdfPlusWriter(channel, List.copyOf(signals), layout, sorted, annotationBytes);
            writer.writeHeader(header);
            return writer;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Bytes of one record's samples of signals {@code [from, to)}. */
    public int bytes(int fromSignal, int toSignal) {
        return (int) (signalOffset[toSignal] - signalOffset[fromSignal]);
    }

    /**
     * Writes the samples of signals {@code fromSignal, fromSignal + 1, ...} (contiguous in a record)
     * into record slot {@code slot}: {@code samples} holds them as little-endian 16-bit integers,
     * signal after signal, from its position to its limit.
     */
    public void writeSamples(long slot, int fromSignal, ByteBuffer samples) throws IOException {
        if (slot < 0 || slot >= layout.recordCount()) {
            throw new IndexOutOfBoundsException("slot " + slot);
        }
        long at = headerBytes + slot * recordBytes + signalOffset[fromSignal];
        if (signalOffset[fromSignal] + samples.remaining() > signalOffset[signals.size()]) {
            throw new IllegalArgumentException("samples run past the ordinary signals");
        }
        while (samples.hasRemaining()) {
            at += channel.write(samples, at);
        }
    }

    /** Writes every record's annotation signal (time-keeping TAL, then annotations in onset order). */
    public void finish() throws IOException {
        ByteBuffer record = ByteBuffer.allocate(annotationBytes);
        int next = 0;
        long count = layout.recordCount();
        for (long slot = 0; slot < count; slot++) {
            record.clear();
            record.put(timeKeeping(layout.recordOf(slot)));
            // Leave room for the last record to take whatever remains (the capacity guarantees it fits).
            while (next < annotations.size()) {
                byte[] tal = tal(annotations.get(next));
                if (tal.length > record.remaining()) {
                    break;
                }
                record.put(tal);
                next++;
            }
            while (record.hasRemaining()) {
                record.put((byte) 0);
            }
            record.flip();
            long at = headerBytes + slot * recordBytes + signalOffset[signals.size()];
            while (record.hasRemaining()) {
                at += channel.write(record, at);
            }
        }
        if (next < annotations.size()) {
            throw new IllegalStateException((annotations.size() - next) + " annotations did not fit");
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * Large enough that filling records in order fits every annotation: each record but the last
     * then holds at least {@code ceil(total / records)} bytes of them.
     */
    private static int annotationBytesPerRecord(RecordLayout layout, List<EdfAnnotation> sorted) {
        long total = 0;
        int longest = 0;
        for (EdfAnnotation a : sorted) {
            int n = tal(a).length;
            total += n;
            longest = Math.max(longest, n);
        }
        long lastRecord = layout.recordOf(layout.recordCount() - 1);
        int timeKeeping = Math.max(timeKeeping(lastRecord).length, timeKeeping(layout.recordOf(0)).length);
        long bytes = timeKeeping + longest + (total + layout.recordCount() - 1) / layout.recordCount();
        bytes = Math.max(bytes, 64);
        bytes += bytes % 2;
        if (bytes > 2L * 99_999_999L) {
            throw new IllegalArgumentException("too many annotations for the EDF annotation signal");
        }
        return (int) bytes;
    }

    private static byte[] timeKeeping(long recordOnset) {
        return ("+" + recordOnset + "\u0014\u0014\u0000").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] tal(EdfAnnotation a) {
        StringBuilder sb = new StringBuilder();
        sb.append(a.onsetSeconds() < 0 ? '-' : '+').append(decimal(Math.abs(a.onsetSeconds())));
        if (!Double.isNaN(a.durationSeconds())) {
            sb.append('\u0015').append(decimal(a.durationSeconds()));
        }
        sb.append('\u0014').append(printable(a.text(), 200)).append('\u0014').append('\u0000');
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Seconds with at most 4 decimals (100 µs), no trailing zeros. */
    static String decimal(double seconds) {
        String s = String.format(Locale.ROOT, "%.4f", seconds);
        if (s.indexOf('.') >= 0) {
            s = s.replaceFirst("0+$", "").replaceFirst("\\.$", "");
        }
        return s;
    }

    private void writeHeader(Header h) throws IOException {
        StringBuilder sb = new StringBuilder((int) headerBytes);
        LocalDateTime s = h.start();
        int n = signals.size() + 1;
        field(sb, "0", 8);
        field(sb, h.patient(), 80);
        field(sb, String.format(Locale.ROOT, "Startdate %02d-%s-%04d %s", s.getDayOfMonth(),
                MONTHS[s.getMonthValue() - 1], s.getYear(), h.recording()), 80);
        field(sb, String.format(Locale.ROOT, "%02d.%02d.%02d", s.getDayOfMonth(), s.getMonthValue(), s.getYear() % 100), 8);
        field(sb, String.format(Locale.ROOT, "%02d.%02d.%02d", s.getHour(), s.getMinute(), s.getSecond()), 8);
        number(sb, Long.toString(headerBytes), 8);
        field(sb, layout.continuous() ? "EDF+C" : "EDF+D", 44);
        number(sb, Long.toString(layout.recordCount()), 8);
        number(sb, "1", 8);
        number(sb, Integer.toString(n), 4);
        for (EdfSignal sig : signals) {
            field(sb, sig.label(), 16);
        }
        field(sb, ANNOTATIONS_LABEL, 16);
        for (EdfSignal sig : signals) {
            field(sb, sig.transducer(), 80);
        }
        field(sb, "", 80);
        for (EdfSignal sig : signals) {
            field(sb, sig.physicalUnit(), 8);
        }
        field(sb, "", 8);
        for (EdfSignal sig : signals) {
            number(sb, physical(sig.physicalMin()), 8);
        }
        number(sb, "-1", 8);
        for (EdfSignal sig : signals) {
            number(sb, physical(sig.physicalMax()), 8);
        }
        number(sb, "1", 8);
        for (int i = 0; i < n; i++) {
            number(sb, Integer.toString(EdfSignal.DIGITAL_MIN), 8);
        }
        for (int i = 0; i < n; i++) {
            number(sb, Integer.toString(EdfSignal.DIGITAL_MAX), 8);
        }
        for (EdfSignal sig : signals) {
            field(sb, sig.prefiltering(), 80);
        }
        field(sb, "", 80);
        for (EdfSignal sig : signals) {
            number(sb, Integer.toString(sig.samplesPerRecord()), 8);
        }
        number(sb, Integer.toString(annotationBytes / 2), 8);
        for (int i = 0; i < n; i++) {
            field(sb, "", 32);
        }
        if (sb.length() != headerBytes) {
            throw new IllegalStateException("EDF header is " + sb.length() + " bytes, not " + headerBytes);
        }
        ByteBuffer buffer = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.US_ASCII))
                .order(ByteOrder.LITTLE_ENDIAN);
        long at = 0;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    private static String physical(double value) {
        String s = value == Math.rint(value) ? Long.toString((long) value) : decimal(value);
        return s.length() <= 8 ? s : s.substring(0, 8);
    }

    private static void field(StringBuilder sb, String text, int width) {
        String t = printable(text, width);
        sb.append(t);
        for (int i = t.length(); i < width; i++) {
            sb.append(' ');
        }
    }

    private static void number(StringBuilder sb, String text, int width) {
        if (text.length() > width) {
            throw new IllegalArgumentException("'" + text + "' does not fit an EDF field of " + width);
        }
        field(sb, text, width);
    }

    /** Printable ASCII only (others become {@code _}), at most {@code width} characters. */
    public static String printable(String text, int width) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), width));
        for (int i = 0; i < text.length() && sb.length() < width; i++) {
            char c = text.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '_');
        }
        return sb.toString();
    }
}
