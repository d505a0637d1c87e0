package org.plmwatch.core.io.accel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.core.nightfile.BlockRef;
import org.plmwatch.core.nightfile.BlockScanner;
import org.plmwatch.core.nightfile.BlockType;
import org.plmwatch.core.nightfile.DropReason;
import org.plmwatch.core.nightfile.DroppedRange;
import org.plmwatch.core.nightfile.NightFileContents;
import org.plmwatch.core.nightfile.NightFileFormatException;
import org.plmwatch.core.nightfile.NightFileReader;
import org.plmwatch.core.nightfile.NightHeader;

/**
 * A plmwatch device night file ({@code .night}, docs/FORMATS.md) seen as an accelerometer
 * recording, so everything that reads recordings (the analyzer's {@code score --left FILE}, the
 * simulator's replay) reads the device's own files too. {@link NightFileReader} does the work:
 * intact blocks are kept whatever happened to the others, lost blocks and GAP blocks reach the sink
 * as gaps, and every dropped byte range is listed in the {@link ReadReport} by offset.
 *
 * <p>Start time: the header's when the device knew it, else the last TIME_SET block's (the format
 * says a later one replaces an earlier one; after a restart only the last one is right for the
 * data that follows it). The device clock is UTC; the start is given in this computer's time zone
 * because the other formats give local wall-clock times.
 *
 * <p>Opening maps the file read-only (no copy on the heap) and walks its block frames to check its
 * header and find TIME_SET blocks and the sample count, CRC-checking only those payloads (a
 * damaged file gets the full resynchronising scan); it keeps nothing but the header. Streaming
 * maps it again and checks every block: the samples are decoded and CRC-checked once. A damaged header is refused: the scale
 * from counts to g lives only there.
 */
public final class NightFileRecording implements AccelRecording {

    /** Frame header bytes before a payload (docs/FORMATS.md, "Block frame"). */
    private static final int FRAME_HEADER_BYTES = 20;

    private final Path file;
    private final NightHeader header;
    private final AccelRecordingInfo info;

    private NightFileRecording(Path file, NightHeader header, AccelRecordingInfo info) {
        this.file = file;
        this.header = header;
        this.info = info;
    }

    /** True when {@code firstBytes} starts with the night file magic {@code B7 50 4C 4D}. */
    public static boolean hasMagic(byte[] firstBytes) {
        return firstBytes.length >= 4 && (firstBytes[0] & 0xFF) == 0xB7 && firstBytes[1] == 'P'
                && firstBytes[2] == 'L' && firstBytes[3] == 'M';
    }

    public static NightFileRecording open(Path file) throws IOException, InputFormatException {
        ByteBuffer data;
        try {
            data = NightFileReader.map(file);
        } catch (NightFileFormatException e) {
            throw converted(file, e);
        }
        // An undamaged file is read from its frame headers (CRC only where a payload is used
        // here); streaming checks every block anyway, so the samples are CRC-checked once.
        List<BlockRef> blocks = BlockScanner.walkUndamaged(data, EnumSet.of(BlockType.HEADER, BlockType.TIME_SET))
                .orElseGet(() -> BlockScanner.scan(data).blocks());
        if (blocks.isEmpty() || blocks.get(0).type() != BlockType.HEADER || blocks.get(0).sequence() != 0) {
            long at = blocks.isEmpty() ? 0 : blocks.get(0).offset();
            throw InputFormatException.atByte(file, at, "the night file's header block is damaged or missing, and only "
                    + "the header says how to turn counts into g",
                    "download the night again; if the device copy is damaged too, recover it with "
                            + "NightFileReader.assumingHeader and the sensor's known settings");
        }
        BlockRef first = blocks.get(0);
        NightHeader header;
        try {
            ByteBuffer headerOnly = data.duplicate();
            headerOnly.position((int) first.offset()).limit((int) first.endOffset());
            header = NightFileReader.strict().read(headerOnly.slice(), file.toString(), new AccelSink() {
                @Override
                public void sample(double t, double x, double y, double z) {
                }
            }).header();
        } catch (NightFileFormatException e) {
            throw converted(file, e);
        }
        OptionalLong lastTimeSet = OptionalLong.empty();
        long samples = 0;
        for (BlockRef b : blocks) {
            int payload = (int) b.offset() + FRAME_HEADER_BYTES;
            if (b.type() == BlockType.TIME_SET && b.payloadLength() == 8) {
                lastTimeSet = OptionalLong.of(data.getLong(payload));
            } else if (b.type() == BlockType.SAMPLES && b.payloadLength() >= 2) {
                samples += Short.toUnsignedInt(data.getShort(payload));
            }
        }
        OptionalLong startMicros = header.startUnixMicros().isPresent() ? header.startUnixMicros() : lastTimeSet;
        Optional<LocalDateTime> start = startMicros.isPresent()
                ? Optional.of(LocalDateTime.ofInstant(Instant.EPOCH.plusNanos(startMicros.getAsLong() * 1000),
                ZoneId.systemDefault()))
                : Optional.empty();
        Map<String, String> metadata = new LinkedHashMap<>(header.properties());
        metadata.put("deviceId", header.deviceId());
        metadata.put("firmwareVersion", header.firmwareVersion());
        metadata.put("sensor", header.sensor());
        metadata.put("scaleGPerLsb", Double.toString(header.scaleGPerLsb()));
        metadata.put("rangeG", Integer.toString(header.rangeG()));
        metadata.put("startFrom", header.startUnixMicros().isPresent() ? "header"
                : lastTimeSet.isPresent() ? "time-set" : "unknown");
        String description = String.format(Locale.ROOT, "plmwatch night file: device %s, %s, %.1f Hz, ±%d g%s",
                header.deviceId(), header.sensor(), header.sampleRateHz(), header.rangeG(),
                blocks.get(blocks.size() - 1).type() == BlockType.END ? ""
                        : " (no END block: recording cut or still running)");
        AccelRecordingInfo info = new AccelRecordingInfo(file, "plmwatch-night", description, start,
                OptionalDouble.of(header.sampleRateHz()), AccelUnits.G,
                "declared by the format (counts × the header's " + header.scaleGPerLsb() + " g per count)",
                header.wornOn().leg(), OptionalLong.of(samples), metadata);
        return new NightFileRecording(file, header, info);
    }

    @Override
    public AccelRecordingInfo info() {
        return info;
    }

    /** The night file's header as recorded by the device. */
    public NightHeader header() {
        return header;
    }

    @Override
    public ReadReport stream(AccelSink sink) throws IOException, InputFormatException {
        CountingSink counting = new CountingSink(sink);
        NightFileContents contents;
        try {
            contents = NightFileReader.strict().read(file, counting);
        } catch (NightFileFormatException e) {
            throw converted(file, e);
        }
        List<SkippedBlock> skipped = new ArrayList<>();
        long truncated = 0;
        long total = contents.report().totalBytes();
        for (DroppedRange r : contents.report().dropped()) {
            if (r.reason() == DropReason.TRUNCATED && r.endByte() == total) {
                truncated = r.lengthBytes();
            } else {
                skipped.add(new SkippedBlock(r.startByte(), r.reason() + " (" + r.lengthBytes() + " bytes)"));
            }
        }
        return new ReadReport(counting.samples, counting.first, counting.last, counting.gaps, skipped, truncated);
    }

    private static InputFormatException converted(Path file, NightFileFormatException e) {
        String fix = e.fix().isEmpty() ? "download the night again" : e.fix();
        return e.byteOffset() >= 0 ? InputFormatException.atByte(file, e.byteOffset(), e.what(), fix)
                : InputFormatException.inFile(file, e.what(), fix);
    }

    /** Counts what passes, for the {@link ReadReport}. */
    private static final class CountingSink implements AccelSink {
        private final AccelSink target;
        long samples;
        double first = Double.NaN;
        double last = Double.NaN;
        int gaps;

        CountingSink(AccelSink target) {
            this.target = target;
        }

        @Override
        public void sample(double t, double x, double y, double z) {
            if (samples == 0) {
                first = t;
            }
            last = t;
            samples++;
            target.sample(t, x, y, z);
        }

        @Override
        public void gap(double from, double to) {
            gaps++;
            target.gap(from, to);
        }

        @Override
        public void end() {
            target.end();
        }
    }
}
