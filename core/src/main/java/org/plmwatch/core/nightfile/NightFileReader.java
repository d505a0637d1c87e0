package org.plmwatch.core.nightfile;

import static org.plmwatch.core.nightfile.NightFileFormat.HEADER_BYTES;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.io.RecordingLimits;

/**
 * Host side: reads a night file, keeping every intact block whatever happened to the others
 * (truncation, torn writes, flipped bits, zeroed pages, garbage), streams its samples to an
 * {@link AccelSink} in g and seconds, and reports what it dropped.
 *
 * <p>Samples: sample {@code i} of a block is at {@code blockTime + i * period}, in g as
 * {@code count * header.scaleGPerLsb()}. The sink gets a {@code gap(from, to)} for every GAP block,
 * and for every hole between sample blocks caused by lost blocks or by a time jump of more than
 * 1.5 periods, from the last sample before to the first sample after.
 *
 * <p>A damaged header: the sample blocks carry their own time and period, but only the header
 * knows the scale from counts to g, and guessing it would silently give wrong g. So a reader made
 * by {@link #strict()} throws with the damage described; one made by {@link #assumingHeader} uses
 * the caller's header and flags it in the report.
 *
 * <p>Only {@link NightFileFormatException} escapes, and only when nothing can be read. Instances
 * are immutable; each read uses its own buffers.
 */
public final class NightFileReader {

    private final Optional<NightHeader> assumedHeader;

    private NightFileReader(Optional<NightHeader> assumedHeader) {
        this.assumedHeader = assumedHeader;
    }

    /** Fails when the header block is damaged. */
    public static NightFileReader strict() {
        return new NightFileReader(Optional.empty());
    }

    /** Uses {@code header} when the file's own header block is damaged (e.g. the sensor settings the clinician knows). */
    public static NightFileReader assumingHeader(NightHeader header) {
        return new NightFileReader(Optional.of(Objects.requireNonNull(header, "header")));
    }

    /**
     * Reads a file through a read-only memory map: the bytes stay in the page cache, not on the
     * heap, so a week-long night costs the heap only its block index.
     */
    public NightFileContents read(Path path, AccelSink sink) throws NightFileFormatException {
        return read(map(path), path.toString(), sink);
    }

    /** The whole file as a read-only little-endian buffer outside the heap. */
    public static ByteBuffer map(Path path) throws NightFileFormatException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new NightFileFormatException(path.toString(), Integer.MAX_VALUE, "the file holds " + size
                        + " bytes; a night file is at most 2 GiB (a month at 100 Hz is ~0.6 GiB)",
                        "give one night file as the device wrote it");
            }
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException | RuntimeException e) {
            throw new NightFileFormatException(path.toString(), -1, "cannot read the file: " + e,
                    "check that the path names a readable night file", e);
        }
    }

    public NightFileContents read(InputStream in, String source, AccelSink sink) throws NightFileFormatException {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            throw new NightFileFormatException(source, -1, "cannot read the stream: " + e, "retry the download", e);
        }
        return read(ByteBuffer.wrap(bytes), source, sink);
    }

    /**
     * Reads the bytes from position 0 to the limit of {@code data} (not moved).
     *
     * @param source name for messages (file name, "download of night 3")
     */
    public NightFileContents read(ByteBuffer data, String source, AccelSink sink) throws NightFileFormatException {
        Objects.requireNonNull(sink, "sink");
        ByteBuffer buf = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (buf.limit() == 0) {
            throw new NightFileFormatException(source, -1, "the file is empty",
                    "the recording never started or the download failed: download the night again");
        }
        ScanResult scan;
        try {
            scan = BlockScanner.scan(buf);
        } catch (RuntimeException e) {
            throw new NightFileFormatException(source, -1, "internal error while scanning: " + e,
                    "report this file to the developers", e);
        }
        if (scan.blocks().isEmpty()) {
            throw new NightFileFormatException(source, 0, "not a night file: no intact block in " + buf.limit()
                    + " bytes (a night file starts with " + hex(NightFileFormat.MAGIC, 0, 4) + ", this one with "
                    + hex(buf, Math.min(4, buf.limit())) + ")", "give a plmwatch night file (.night) as downloaded from the device");
        }
        try {
            return decode(buf, source, scan, sink);
        } catch (NightFileFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new NightFileFormatException(source, -1, "internal error while decoding: " + e,
                    "report this file to the developers", e);
        }
    }

    private NightFileContents decode(ByteBuffer buf, String source, ScanResult scan, AccelSink sink)
            throws NightFileFormatException {
        List<BlockRef> blocks = scan.blocks();
        List<DroppedRange> dropped = new ArrayList<>(scan.dropped());
        BlockRef first = blocks.get(0);
        NightHeader fileHeader = first.type() == BlockType.HEADER && first.sequence() == 0
                ? Payloads.decodeHeader(buf, (int) first.offset() + HEADER_BYTES, first.payloadLength()) : null;
        if (fileHeader == null && first.type() == BlockType.HEADER && first.sequence() == 0) {
            dropped.add(new DroppedRange(first.offset(), first.endOffset(), DropReason.BAD_PAYLOAD));
        }
        NightHeader header = fileHeader != null ? fileHeader : assumedHeader.orElseThrow(() -> headerDamaged(source, scan));

        SampleCodec codec = new SampleCodec();
        List<RecordedMovement> movements = new ArrayList<>();
        List<StatusEvent> statuses = new ArrayList<>();
        List<BlockRef> used = new ArrayList<>();
        double scale = header.scaleGPerLsb();
        double lastT = Double.NaN;
        double gapCoveredUntil = Double.NEGATIVE_INFINITY;
        // the sink sees time move forward only: no gap may start before one already given
        double lastGapFrom = 0.0;
        boolean loss = first.offset() > 0 || first.sequence() != 0;
        long samples = 0;
        long outOfOrder = 0;
        long intactBytes = 0;
        BlockRef previous = null;
        for (BlockRef b : blocks) {
            if (previous != null && (b.offset() != previous.endOffset() || b.sequence() != previous.sequence() + 1)) {
                loss = true;
            }
            previous = b;
            int payload = (int) b.offset() + HEADER_BYTES;
            int length = b.payloadLength();
            double blockSeconds = b.timeMicros() * 1e-6;
            checkTime(source, b, blockSeconds);
            boolean ok = true;
            switch (b.type()) {
                case HEADER -> {
                    if (b != first) {
                        dropped.add(new DroppedRange(b.offset(), b.endOffset(), DropReason.EXTRA_HEADER));
                        ok = false;
                    } else {
                        ok = fileHeader != null;
                    }
                }
                case SAMPLES -> {
                    if (!codec.decode(buf, payload, length)) {
                        ok = false;
                        loss = true;
                        break;
                    }
                    double period = codec.periodNanos() * 1e-9;
                    boolean jump = !Double.isNaN(lastT) && blockSeconds > lastT + 1.5 * period;
                    boolean covered = gapCoveredUntil >= blockSeconds - 1.5 * period;
                    if (loss || (jump && !covered)) {
                        double from = Math.max(Double.isNaN(lastT) ? 0.0 : lastT, lastGapFrom);
                        if (blockSeconds > from) {
                            sink.gap(from, blockSeconds);
                            lastGapFrom = from;
                        }
                    }
                    loss = false;
                    int n = codec.count();
                    for (int i = 0; i < n; i++) {
                        double t = blockSeconds + i * period;
                        if (t <= lastT) {
                            outOfOrder++;
                            continue;
                        }
                        sink.sample(t, codec.x(i) * scale, codec.y(i) * scale, codec.z(i) * scale);
                        lastT = t;
                        samples++;
                    }
                }
                case MOVEMENTS -> {
                    int n = Payloads.movementCount(buf, payload, length);
                    ok = n > 0;
                    for (int i = 0; i < n; i++) {
                        movements.add(Payloads.movement(buf, payload, i));
                    }
                }
                default -> {
                    StatusEvent e = Payloads.decodeStatus(b.type(), blockSeconds, buf, payload, length);
                    ok = e != null;
                    if (e != null) {
                        statuses.add(e);
                        if (e instanceof StatusEvent.Gap g) {
                            checkTime(source, b, g.fromSeconds());
                            checkTime(source, b, g.toSeconds());
                            double from = Math.max(g.fromSeconds(), Math.max(Double.isNaN(lastT) ? 0.0 : lastT, lastGapFrom));
                            if (g.toSeconds() >= from) {
                                sink.gap(from, g.toSeconds());
                                lastGapFrom = from;
                            }
                            gapCoveredUntil = Math.max(gapCoveredUntil, g.toSeconds());
                        }
                    }
                }
            }
            if (ok) {
                used.add(b);
                intactBytes += b.lengthBytes();
            } else if (b.type() != BlockType.HEADER) {
                dropped.add(new DroppedRange(b.offset(), b.endOffset(), DropReason.BAD_PAYLOAD));
            }
        }
        sink.end();
        dropped.sort(Comparator.comparingLong(DroppedRange::startByte));
        boolean ended = blocks.get(blocks.size() - 1).type() == BlockType.END;
        RecoveryReport report = new RecoveryReport(buf.limit(), used.size(), intactBytes, dropped, scan.sequenceGaps(),
                fileHeader != null, ended, outOfOrder);
        return new NightFileContents(header, movements, statuses, blocks, samples, report);
    }

    /**
     * Block times count from the recording's time zero on a monotonic clock, so an intact block
     * (CRC and all) timed before zero or beyond the longest recording is a hostile or
     * mis-written file: refused here, before its time reaches a sink that would span it.
     */
    private static void checkTime(String source, BlockRef b, double seconds) throws NightFileFormatException {
        if (!(seconds >= -1.0 && seconds <= RecordingLimits.LONGEST_RECORDING_SECONDS)) {
            throw new NightFileFormatException(source, b.offset(), String.format(java.util.Locale.ROOT,
                    "%s block #%d is timed %.6g s from the recording's time zero; a night file's times lie between 0 "
                            + "and %d days", b.type(), b.sequence(), seconds, RecordingLimits.LONGEST_RECORDING_DAYS),
                    RecordingLimits.SPAN_FIX);
        }
    }

    private static NightFileFormatException headerDamaged(String source, ScanResult scan) {
        BlockRef first = scan.blocks().get(0);
        BlockRef last = scan.blocks().get(scan.blocks().size() - 1);
        String damage = scan.dropped().isEmpty() || scan.dropped().get(0).startByte() != 0
                ? "the first intact block is " + first.type() + " #" + first.sequence()
                : "bytes " + scan.dropped().get(0).startByte() + ".." + scan.dropped().get(0).endByte() + ": "
                + scan.dropped().get(0).reason();
        return new NightFileFormatException(source, 0, "the header block is damaged (" + damage + "); "
                + scan.blocks().size() + " intact blocks follow (sequence " + first.sequence() + ".." + last.sequence()
                + ") but without the header the scale from counts to g is unknown",
                "read it with NightFileReader.assumingHeader(...) giving the sensor's rate, range and scale "
                        + "(LIS3DH at ±4 g, high resolution: 0.002 g per count)");
    }

    private static String hex(ByteBuffer buf, int n) {
        byte[] b = new byte[n];
        buf.get(0, b);
        return hex(b, 0, n);
    }

    private static String hex(byte[] b, int off, int n) {
        return n == 0 ? "(nothing)" : HexFormat.ofDelimiter(" ").withUpperCase().formatHex(b, off, off + n);
    }
}
