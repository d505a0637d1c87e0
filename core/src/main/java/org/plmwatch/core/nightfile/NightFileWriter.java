package org.plmwatch.core.nightfile;

import static org.plmwatch.core.nightfile.NightFileFormat.HEADER_BYTES;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.zip.CRC32C;

/**
 * Device side: appends blocks to a night file. Samples are buffered in primitive arrays (no
 * allocation per sample) and written as a SAMPLES block when a block holds
 * {@link NightFileFormat#MAX_SAMPLE_BLOCK_SECONDS} of samples, when the samples are not contiguous
 * in time, before any other block (so the file stays in time order) and on {@link #flush()}.
 *
 * <p>Durability: blocks go to the channel as soon as they are complete; {@link #flush()} writes the
 * partial sample block and calls {@code FileChannel.force(false)} (fdatasync, which also persists
 * the file size). Call it every 1–5 s: a power cut loses at most what arrived since the last
 * completed flush (plus what is still in the sensor FIFO), provided the SD card honours the flush.
 *
 * <p>All times are microseconds on the device's monotonic clock from the recording's time zero
 * (the Pi has no RTC). Not thread-safe: one sampling thread owns the writer.
 */
public final class NightFileWriter implements Closeable {

    private final WritableByteChannel out;
    private final FileChannel file;
    private final Flushable flushable;
    private final NightHeader header;
    private final long nominalPeriodNanos;
    /** Sample period measured from batch times over the current contiguous run (nominal until measured). */
    private long periodNanos;
    private final int samplesPerBlock;
    private final ByteBuffer block = ByteBuffer.allocate(NightFileFormat.MAX_BLOCK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private final short[] bx;
    private final short[] by;
    private final short[] bz;
    private int pending;
    private long pendingStartMicros;
    /** First sample time and size of the previous batch; count 0 before the first batch. */
    private long previousBatchMicros;
    private int previousBatchCount;
    /** Start of the current contiguous run of batches and the samples from it to the latest batch. */
    private long runStartMicros;
    private long runSamples;
    private long nextSequence;
    private long latestMicros;
    private long bytesWritten;
    private final long resumeTimeMicros;
    private final long truncatedBytes;
    private boolean closed;

    private NightFileWriter(WritableByteChannel out, FileChannel file, Flushable flushable, NightHeader header,
                            long nextSequence, long resumeTimeMicros, long truncatedBytes) {
        this.out = out;
        this.file = file;
        this.flushable = flushable;
        this.header = header;
        this.nominalPeriodNanos = header.nominalPeriodNanos();
        this.periodNanos = nominalPeriodNanos;
        this.samplesPerBlock = Math.max(1, Math.min(SampleCodec.MAX_SAMPLES_PER_BLOCK,
                (int) Math.floor(header.sampleRateHz() * NightFileFormat.MAX_SAMPLE_BLOCK_SECONDS)));
        this.bx = new short[samplesPerBlock];
        this.by = new short[samplesPerBlock];
        this.bz = new short[samplesPerBlock];
        this.nextSequence = nextSequence;
        this.resumeTimeMicros = resumeTimeMicros;
        this.latestMicros = resumeTimeMicros;
        this.truncatedBytes = truncatedBytes;
    }

    /** Creates a new night file (it must not exist) and writes its header block, forced to disk. */
    public static NightFileWriter create(Path path, NightHeader header) throws IOException {
        checkHeaderFits(header);   // before the file exists, so a bad header leaves no empty night behind
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            NightFileWriter w = new NightFileWriter(ch, ch, null, header, 0, 0, 0);
            w.writeHeader();
            w.flush();
            return w;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Writes a night to a stream (tests, downloads, the simulator); {@link #flush()} flushes the stream. */
    public static NightFileWriter create(OutputStream stream, NightHeader header) throws IOException {
        NightFileWriter w = new NightFileWriter(Channels.newChannel(stream), null, stream, header, 0, 0, 0);
        w.writeHeader();
        return w;
    }

    /**
     * Reopens a night file after a crash or power loss and continues it: truncates after the last
     * intact block (dropping a torn write), continues the sequence numbering and writes a
     * {@link GapReason#RESTART} gap. Damage before the last intact block is left for the reader to
     * skip. The new process must add {@link #resumeTimeMicros()} to its own monotonic clock: the
     * length of the outage is unknown (no RTC), so file time after the restart runs behind by it.
     *
     * @throws NightFileFormatException if the file has no intact header block: start a new file
     */
    public static NightFileWriter openForAppend(Path path) throws IOException, NightFileFormatException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new NightFileFormatException(path.toString(), -1, "file of " + size + " bytes is too large to append to",
                        "start a new night file");
            }
            ByteBuffer data = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
            while (data.hasRemaining() && ch.read(data, data.position()) >= 0) {
                // read fully: FileChannel.read may return short counts
            }
            data.flip();
            ScanResult scan = BlockScanner.scan(data);
            NightHeader header = scan.blocks().isEmpty() || scan.blocks().get(0).type() != BlockType.HEADER
                    || scan.blocks().get(0).sequence() != 0 ? null
                    : Payloads.decodeHeader(data, (int) scan.blocks().get(0).offset() + HEADER_BYTES,
                    scan.blocks().get(0).payloadLength());
            if (header == null) {
                throw new NightFileFormatException(path.toString(), 0, "cannot append: no intact header block",
                        "start a new night file; NightFileReader can still recover this one with an assumed header");
            }
            long resume = 0;
            for (BlockRef b : scan.blocks()) {
                resume = Math.max(resume, endTimeMicros(data, b));
            }
            long end = scan.endOfLastBlock();
            ch.truncate(end);
            ch.position(end);
            long nextSeq = scan.blocks().get(scan.blocks().size() - 1).sequence() + 1;
            NightFileWriter w = new NightFileWriter(ch, ch, null, header, nextSeq, resume, size - end);
            w.writeGap(resume, resume, resume, GapReason.RESTART);
            w.flush();
            return w;
        } catch (IOException | NightFileFormatException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Time just after what a block covers: the sample after its last sample, or its block time. */
    private static long endTimeMicros(ByteBuffer data, BlockRef b) {
        int payload = (int) b.offset() + HEADER_BYTES;
        if (b.type() == BlockType.SAMPLES && b.payloadLength() >= SampleCodec.FIXED_BYTES) {
            long n = Short.toUnsignedInt(data.getShort(payload));
            long period = Integer.toUnsignedLong(data.getInt(payload + 2));
            return b.timeMicros() + (n * period + 500) / 1000;
        }
        if (b.type() == BlockType.GAP && b.payloadLength() == Payloads.GAP_BYTES) {
            return Math.max(b.timeMicros(), data.getLong(payload + 8));
        }
        return b.timeMicros();
    }

    public NightHeader header() {
        return header;
    }

    /** File time at which this writer took over: 0 for a new file, the end of the old data after an append. */
    public long resumeTimeMicros() {
        return resumeTimeMicros;
    }

    /** Bytes of torn or damaged tail that {@link #openForAppend} cut off. */
    public long truncatedBytes() {
        return truncatedBytes;
    }

    /** Sequence number the next block will get. */
    public long nextSequence() {
        return nextSequence;
    }

    /** Bytes this writer has written (the header block included for a new file). */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** Samples per full SAMPLES block at this header's rate. */
    public int samplesPerBlock() {
        return samplesPerBlock;
    }

    /**
     * Buffers {@code count} samples given as interleaved raw counts {@code x0 y0 z0 x1 y1 z1 ...}
     * from {@code xyz[offset]}, the first one taken at {@code firstSampleMicros} (e.g. the FIFO
     * drain time minus {@code count - 1} periods).
     *
     * <p>A batch continues the previous one when it starts within half a period of where the
     * previous one ends (while no period has been measured yet, also within 10 % of the previous
     * batch's duration, the accelerometers' rate tolerance). Over a contiguous run the writer
     * measures the true period from the batch times (accepted within ±10 % of nominal) and stores it
     * in each SAMPLES block, so a sensor whose clock runs fast or slow gives neither drifting times
     * nor false gaps. A batch that does not continue starts a new block at its own time; the reader
     * turns a hole of more than 1.5 periods into a gap.
     *
     * @throws IllegalArgumentException if the batch starts at or before the previous batch's last sample
     */
    public void writeSamples(long firstSampleMicros, short[] xyz, int offset, int count) throws IOException {
        ensureOpen();
        Objects.checkFromIndexSize(offset, 3 * count, xyz.length);
        if (count == 0) {
            return;
        }
        if (previousBatchCount > 0) {
            long lastSampleMicros = previousBatchMicros + (previousBatchCount - 1) * periodNanos / 1000;
            if (firstSampleMicros <= lastSampleMicros) {
                throw new IllegalArgumentException("samples at " + firstSampleMicros + " µs go back in time: the previous "
                        + "batch's last sample was at " + lastSampleMicros + " µs");
            }
            long expected = previousBatchMicros + (previousBatchCount * periodNanos + 500) / 1000;
            long tolerance = nominalPeriodNanos / 2000 + (runSamples == 0 ? previousBatchCount * nominalPeriodNanos / 10_000 : 0);
            if (Math.abs(firstSampleMicros - expected) <= tolerance) {
                runSamples += previousBatchCount;
                long measured = (firstSampleMicros - runStartMicros) * 1000 / runSamples;
                if (Math.abs(measured - nominalPeriodNanos) <= nominalPeriodNanos / 10) {
                    periodNanos = measured;
                }
            } else {
                emitSamples();
                runStartMicros = firstSampleMicros;
                runSamples = 0;
            }
        } else {
            if (firstSampleMicros < 0) {
                throw new IllegalArgumentException("sample time must be >= 0, was " + firstSampleMicros);
            }
            runStartMicros = firstSampleMicros;
        }
        for (int i = 0; i < count; i++) {
            if (pending == 0) {
                pendingStartMicros = firstSampleMicros + (i * periodNanos + 500) / 1000;
            }
            int k = offset + 3 * i;
            bx[pending] = xyz[k];
            by[pending] = xyz[k + 1];
            bz[pending] = xyz[k + 2];
            pending++;
            if (pending == samplesPerBlock) {
                emitSamples();
            }
        }
        previousBatchMicros = firstSampleMicros;
        previousBatchCount = count;
        latestMicros = Math.max(latestMicros, firstSampleMicros + (count * periodNanos + 500) / 1000);
    }

    /** One movement from the on-device detector. */
    public void writeMovement(long timeMicros, long onsetMicros, long durationMicros, double peakG) throws IOException {
        if (durationMicros < 0 || durationMicros > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("duration must be 0..4294967295 µs, was " + durationMicros);
        }
        begin(BlockType.MOVEMENTS, timeMicros);
        Payloads.encodeMovement(block, onsetMicros, durationMicros, (float) peakG);
        finish();
    }

    /** Samples are missing from {@code fromMicros} to {@code toMicros}. */
    public void writeGap(long timeMicros, long fromMicros, long toMicros, GapReason reason) throws IOException {
        if (fromMicros > toMicros) {
            throw new IllegalArgumentException("gap from " + fromMicros + " after its end " + toMicros);
        }
        begin(BlockType.GAP, timeMicros);
        Payloads.encodeGap(block, fromMicros, toMicros, reason);
        finish();
    }

    /** A fault; text longer than a block holds is cut at a character boundary. */
    public void writeFault(long timeMicros, int code, String text) throws IOException {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("fault code must be 0..65535, was " + code);
        }
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(b.length, NightFileFormat.MAX_PAYLOAD_BYTES - 2);
        while (n < b.length && n > 0 && (b[n] & 0xC0) == 0x80) {
            n--;
        }
        begin(BlockType.FAULT, timeMicros);
        block.putShort((short) code);
        block.put(b, 0, n);
        finish();
    }

    public void writeMark(long timeMicros, MarkKind kind) throws IOException {
        begin(BlockType.MARK, timeMicros);
        block.put((byte) kind.code());
        finish();
    }

    public void writeBattery(long timeMicros, int millivolts, OptionalInt percent) throws IOException {
        if (millivolts < 0 || millivolts > 0xFFFF) {
            throw new IllegalArgumentException("millivolts must be 0..65535, was " + millivolts);
        }
        int pct = percent.orElse(Payloads.BATTERY_PERCENT_UNKNOWN);
        if (percent.isPresent() && (pct < 0 || pct > 100)) {
            throw new IllegalArgumentException("battery percent must be 0..100, was " + pct);
        }
        begin(BlockType.BATTERY, timeMicros);
        block.putShort((short) millivolts);
        block.put((byte) pct);
        finish();
    }

    /** The host set the wall clock: file time zero was {@code unixMicrosAtTimeZero}. */
    public void writeTimeSet(long timeMicros, long unixMicrosAtTimeZero) throws IOException {
        begin(BlockType.TIME_SET, timeMicros);
        block.putLong(unixMicrosAtTimeZero);
        finish();
    }

    /** Writes the partial sample block, then forces the file to the storage device. */
    public void flush() throws IOException {
        ensureOpen();
        emitSamples();
        if (file != null) {
            file.force(false);
        } else if (flushable != null) {
            flushable.flush();
        }
    }

    /** Writes pending samples and an END block (the recording stopped cleanly), forces and closes. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            emitSamples();
            begin(BlockType.END, latestMicros);
            finish();
            flush();
        } finally {
            closed = true;
            out.close();
        }
    }

    private void writeHeader() throws IOException {
        checkHeaderFits(header);
        begin(BlockType.HEADER, 0);
        Payloads.encodeHeader(block, header);
        finish();
    }

    private static void checkHeaderFits(NightHeader header) {
        ByteBuffer scratch = ByteBuffer.allocate(NightFileFormat.MAX_PAYLOAD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try {
            Payloads.encodeHeader(scratch, header);
        } catch (BufferOverflowException e) {
            throw new IllegalArgumentException("header does not fit one block of " + NightFileFormat.MAX_BLOCK_BYTES
                    + " bytes: shorten its properties", e);
        }
    }

    private void emitSamples() throws IOException {
        if (pending == 0) {
            return;
        }
        int n = pending;
        pending = 0;
        startBlock(BlockType.SAMPLES, pendingStartMicros);
        SampleCodec.encode(block, bx, by, bz, n, periodNanos);
        finish();
    }

    /** Starts a non-sample block: pending samples go first so blocks stay in time order. */
    private void begin(BlockType type, long timeMicros) throws IOException {
        ensureOpen();
        if (timeMicros < 0) {
            throw new IllegalArgumentException("block time must be >= 0 µs, was " + timeMicros);
        }
        emitSamples();
        latestMicros = Math.max(latestMicros, timeMicros);
        startBlock(type, timeMicros);
    }

    private void startBlock(BlockType type, long timeMicros) {
        block.clear();
        block.put(NightFileFormat.MAGIC);
        block.put((byte) type.code());
        block.put((byte) NightFileFormat.VERSION);
        block.putShort((short) 0);
        block.putInt((int) nextSequence);
        block.putLong(timeMicros);
    }

    private void finish() throws IOException {
        int end = block.position();
        block.putShort(NightFileFormat.OFF_LENGTH, (short) (end - HEADER_BYTES));
        block.putInt(NightFileFormat.crc(crc, block, 0, end));
        block.flip();
        while (block.hasRemaining()) {
            out.write(block);
        }
        bytesWritten += block.limit();
        nextSequence++;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("night file writer is closed");
        }
    }
}
