package org.plmwatch.core.io.accel;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.channels.SeekableByteChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.core.io.RecordingLimits;
import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.model.Leg;

/**
 * An Axivity AX3 or AX6 recording ({@code .cwa}, the open format documented by OpenMovement in
 * {@code Docs/ax3/cwa.h}). The file is a 1024-byte "MD" header followed by 512-byte "AX" data
 * blocks (see {@link CwaBlock}); AX6 blocks carry gyro then accelerometer axes, and only the
 * accelerometer reaches the sink.
 *
 * <p>Header fields used (little-endian): @0 "MD", @2 u16 packetLength (1020), @4 u8 hardware type
 * (0x00/0xff/0x17 AX3, 0x64 AX6), @5 u16 device id (low word), @7 u32 session id, @11 u16 device id
 * high word (0xffff = none), @13 and @17 packed logging start and stop, @35 u8 sensor config (gyro
 * range 8000/2^n dps in the low nibble), @36 u8 rate code, @41 u8 firmware revision, @64 448 bytes of
 * url-encoded {@code name=value&...} metadata ({@code _p} is the body location).
 *
 * <p>Time: each block's timestamp fixes the time of its first sample (fractional-time rule in
 * {@link CwaBlock}); samples between two consecutive good blocks are spread evenly up to the next
 * block's first sample, which follows the device's real rate (an AX3 at "100 Hz" runs near 98.8 Hz)
 * and keeps times increasing. Time zero is the first sample of the first good block. A block with a
 * bad header or checksum, a changed format or a time before the previous block is skipped: it is
 * listed in the {@link ReadReport} with its byte offset and the sink is told of the gap; it is never
 * thrown. A trailing part-block (a copy cut short) is reported as truncated bytes.
 */
public final class CwaRecording implements AccelRecording {

    private static final int HEADER_BYTES_READ = 1024;

    private final Path file;
    private final long dataOffset;
    private final int numAxesBps;
    private final int rateCode;
    private final long zeroEpochSecond;
    private final double zeroFraction;
    private final AccelRecordingInfo info;

    private CwaRecording(Path file, long dataOffset, int numAxesBps, int rateCode, long zeroEpochSecond,
            double zeroFraction, AccelRecordingInfo info) {
        this.file = file;
        this.dataOffset = dataOffset;
        this.numAxesBps = numAxesBps;
        this.rateCode = rateCode;
        this.zeroEpochSecond = zeroEpochSecond;
        this.zeroFraction = zeroFraction;
        this.info = info;
    }

    /**
     * Reads the header, the first good data block holding samples (time zero and the sample format)
     * and the last block (for the sample count).
     */
    public static CwaRecording open(Path file) throws IOException, InputFormatException {
        long size = Files.size(file);
        byte[] header = new byte[HEADER_BYTES_READ];
        CwaBlock first = new CwaBlock();
        CwaBlock last = new CwaBlock();
        long firstOffset = -1;
        String firstProblem = "";
        long firstProblemOffset = -1;
        long dataOffset;
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            int headerLength = readFully(channel, 0, header, header.length);
            if (headerLength < 64 || header[0] != 'M' || header[1] != 'D') {
                throw InputFormatException.atByte(file, 0, "no Axivity CWA header (a CWA file starts with \"MD\")",
                        "give the .cwa file as the device wrote it");
            }
            int packetLength = u16(header, 2);
            dataOffset = (packetLength + CwaBlock.SIZE - 1) / CwaBlock.SIZE * (long) CwaBlock.SIZE;
            if (packetLength < CwaBlock.SIZE - 4 || dataOffset > HEADER_BYTES_READ) {
                throw InputFormatException.atByte(file, 2, "header packet length " + packetLength
                        + " is not a CWA header's (1020)", "the file is damaged at its start; re-download it");
            }
            if (size < dataOffset) {
                throw InputFormatException.atByte(file, size, "the file ends inside its " + dataOffset
                        + "-byte header", "the copy is incomplete; copy the file from the device again");
            }
            for (long at = dataOffset; at + CwaBlock.SIZE <= size; at += CwaBlock.SIZE) {
                readFully(channel, at, first.bytes, CwaBlock.SIZE);
                if (first.decode(-1, -1)) {
                    if (first.sampleCount == 0) {
                        continue;
                    }
                    firstOffset = at;
                    break;
                }
                if (firstProblemOffset < 0) {
                    firstProblemOffset = at;
                    firstProblem = first.problem;
                }
            }
            if (firstOffset < 0) {
                throw firstProblemOffset < 0
                        ? InputFormatException.atByte(file, dataOffset, "the recording holds no data block",
                        "the device recorded nothing; check its settings and battery")
                        : InputFormatException.atByte(file, firstProblemOffset, "no readable data block; the first "
                        + "one fails: " + firstProblem, "the file is damaged beyond use; copy it from the device "
                        + "again");
            }
            long lastOffset = dataOffset + (size - dataOffset) / CwaBlock.SIZE * CwaBlock.SIZE - CwaBlock.SIZE;
            OptionalLong sampleCount = OptionalLong.empty();
            readFully(channel, lastOffset, last.bytes, CwaBlock.SIZE);
            if (last.decode(first.numAxesBps, first.rateCode)) {
                sampleCount = OptionalLong.of((lastOffset - firstOffset) / CwaBlock.SIZE * first.capacity()
                        + last.sampleCount);
            }
            double zeroFraction = first.firstSampleFraction;
            AccelRecordingInfo info = describe(file, header, first, sampleCount);
            return new CwaRecording(file, dataOffset, first.numAxesBps, first.rateCode,
                    first.timestampEpochSecond, zeroFraction, info);
        }
    }

    @Override
    public AccelRecordingInfo info() {
        return info;
    }

    @Override
    public ReadReport stream(AccelSink sink) throws IOException, InputFormatException {
        CwaBlock current = new CwaBlock();
        BlockChain<CwaBlock> chain = new BlockChain<>(sink, CwaBlock::emit, CwaBlock.rateHz(rateCode), "block",
                new CwaBlock());
        long heldSequence = Long.MIN_VALUE;
        long emptyBlocks = 0;
        long truncated = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            in.skipNBytes(dataOffset);
            for (long offset = dataOffset; ; offset += CwaBlock.SIZE) {
                int read = in.readNBytes(current.bytes, 0, CwaBlock.SIZE);
                if (read < CwaBlock.SIZE) {
                    truncated = read;
                    break;
                }
                if (!current.decode(numAxesBps, rateCode)) {
                    chain.skip(offset, current.problem);
                    continue;
                }
                if (current.sampleCount == 0) {
                    // An empty block (a flush with nothing to write) carries no samples and loses none.
                    emptyBlocks++;
                    continue;
                }
                double start = (current.timestampEpochSecond - zeroEpochSecond)
                        + (current.firstSampleFraction - zeroFraction);
                if (Math.abs(start) > RecordingLimits.LONGEST_RECORDING_SECONDS) {
                    // A block with a good checksum years from the first: the clock jumped, and a
                    // reader that passed it on would have the night span those years.
                    throw InputFormatException.atByte(file, offset, String.format(Locale.ROOT, "data block "
                                    + "timed %.1f days from the first block's %s; one recording spans at most %d days",
                                    start / 86_400, info.start().map(Object::toString).orElse("start"),
                                    RecordingLimits.LONGEST_RECORDING_DAYS), RecordingLimits.SPAN_FIX);
                }
                long sequence = current.sequenceId;
                CwaBlock next = chain.add(current, start, sequence == heldSequence + 1 + emptyBlocks, offset);
                if (next != current) {
                    heldSequence = sequence;
                    emptyBlocks = 0;
                }
                current = next;
            }
        }
        return chain.end(truncated);
    }

    private static AccelRecordingInfo describe(Path file, byte[] header, CwaBlock first, OptionalLong sampleCount) {
        int hardwareType = header[4] & 0xff;
        String model = hardwareType == 0x64 ? "AX6"
                : hardwareType == 0x00 || hardwareType == 0xff || hardwareType == 0x17 ? "AX3"
                : "hardware 0x" + Integer.toHexString(hardwareType);
        long deviceId = u16(header, 5);
        int upper = u16(header, 11);
        if (upper != 0xffff) {
            deviceId |= (long) upper << 16;
        }
        long sessionId = u16(header, 7) | (long) u16(header, 9) << 16;
        int headerRateCode = header[36] & 0xff;
        int rate = headerRateCode == 0 || headerRateCode == 0xff ? first.rateCode : headerRateCode;
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("device id", Long.toString(deviceId));
        metadata.put("session id", Long.toString(sessionId));
        metadata.put("hardware", model);
        metadata.put("firmware revision", Integer.toString(header[41] & 0xff));
        metadata.put("logging start", packedText(u32(header, 13)));
        metadata.put("logging stop", packedText(u32(header, 17)));
        metadata.put("accelerometer range g", Integer.toString(CwaBlock.rangeG(rate)));
        int sensorConfig = header[35] & 0xff;
        if (sensorConfig != 0x00 && sensorConfig != 0xff) {
            metadata.put("gyroscope range dps", Integer.toString(8000 >> (sensorConfig & 0x0f)));
        }
        String format = first.packed() ? "packed 3×10-bit samples"
                : "16-bit samples, " + first.channels() + " axes" + (first.channels() > 3 ? " (accelerometer: "
                + "axes 4-6), scale 1/" + (1 << (8 + first.accelScaleBits())) + " g" : "");
        metadata.put("sample format", format);
        metadata.putAll(annotations(header));
        Optional<Leg> leg = legOf(metadata.getOrDefault("Body Location", ""));
        String description = String.format(Locale.ROOT, "Axivity %s #%d, session %d, %s Hz, ±%d g, %s", model,
                deviceId, sessionId, trim(CwaBlock.rateHz(rate)), CwaBlock.rangeG(rate), format);
        double startSeconds = first.firstSampleFraction;
        long wholeSeconds = (long) Math.floor(startSeconds);
        long nanos = Math.round((startSeconds - wholeSeconds) * 1e9);
        LocalDateTime start = LocalDateTime.ofEpochSecond(first.timestampEpochSecond + wholeSeconds, 0,
                ZoneOffset.UTC).plusNanos(nanos);
        return new AccelRecordingInfo(file, "axivity-cwa", description, Optional.of(start),
                OptionalDouble.of(CwaBlock.rateHz(rate)), AccelUnits.G,
                "declared by the CWA format (packed: 1/256 g; 16-bit: 1/2^(8+n) g, n in each block)", leg,
                sampleCount, metadata);
    }

    /** The url-encoded {@code name=value&...} text at @64, with OpenMovement's shorthand names spelt out. */
    private static Map<String, String> annotations(byte[] header) {
        int end = 512;
        while (end > 64 && (header[end - 1] == 0x20 || header[end - 1] == 0x00 || header[end - 1] == (byte) 0xff)) {
            end--;
        }
        Map<String, String> result = new LinkedHashMap<>();
        String text = new String(header, 64, end - 64, StandardCharsets.ISO_8859_1);
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (!name.isEmpty()) {
                result.put(SHORTHAND.getOrDefault(name, name), equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return result;
    }

    private static final Map<String, String> SHORTHAND = Map.ofEntries(Map.entry("_c", "Study Centre"),
            Map.entry("_s", "Study Code"), Map.entry("_i", "Investigator"), Map.entry("_x", "Exercise Code"),
            Map.entry("_v", "Volunteer Num"), Map.entry("_p", "Body Location"), Map.entry("_so", "Setup Operator"),
            Map.entry("_n", "Notes"), Map.entry("_b", "Start time"), Map.entry("_e", "End time"),
            Map.entry("_ro", "Recovery Operator"), Map.entry("_r", "Retrieval Time"), Map.entry("_co", "Comments"),
            Map.entry("_sc", "Subject Code"), Map.entry("_se", "Sex"), Map.entry("_h", "Height"),
            Map.entry("_w", "Weight"), Map.entry("_ha", "Handedness"), Map.entry("_sn", "Subject Notes"));

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** A body location such as "left ankle" names a leg; "right wrist" does not. */
    static Optional<Leg> legOf(String bodyLocation) {
        String s = bodyLocation.toLowerCase(Locale.ROOT);
        boolean onLeg = s.matches(".*\\b(ankle|leg|foot|shin|calf|tibia|tibialis|knee|thigh)\\b.*");
        boolean left = s.matches(".*\\bleft\\b.*");
        boolean right = s.matches(".*\\bright\\b.*");
        if (!onLeg || left == right) {
            return Optional.empty();
        }
        return Optional.of(left ? Leg.LEFT : Leg.RIGHT);
    }

    private static String packedText(long packed) {
        if (packed == 0) {
            return "always";
        }
        if (packed == 0xffffffffL) {
            return "never";
        }
        long epochSecond = CwaBlock.packedEpochSecond(packed);
        return epochSecond == Long.MIN_VALUE ? "invalid (0x" + Long.toHexString(packed) + ")"
                : LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC).toString();
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static int readFully(SeekableByteChannel channel, long position, byte[] into, int length)
            throws IOException {
        channel.position(position);
        ByteBuffer buffer = ByteBuffer.wrap(into, 0, length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                break;
            }
        }
        return buffer.position();
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static long u32(byte[] b, int at) {
        return u16(b, at) | (long) u16(b, at + 2) << 16;
    }
}
