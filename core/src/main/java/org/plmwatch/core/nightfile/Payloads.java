package org.plmwatch.core.nightfile;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Encoding and decoding of every payload except samples ({@link SampleCodec}). Decoders return
 * {@code null} for a malformed payload: the scanner's CRC already vouched for the bytes, so a
 * malformed payload is a writer bug or a newer format, reported as such by the reader.
 */
final class Payloads {

    static final int MOVEMENT_BYTES = 16;
    static final int GAP_BYTES = 17;
    static final int BATTERY_PERCENT_UNKNOWN = 0xFF;
    static final int HEADER_FLAG_START_KNOWN = 1;

    private Payloads() {
    }

    // ---- header ----

    static void encodeHeader(ByteBuffer out, NightHeader h) {
        out.putDouble(h.sampleRateHz());
        out.putDouble(h.scaleGPerLsb());
        out.putShort((short) h.rangeG());
        out.put((byte) h.wornOn().code());
        out.put((byte) (h.startUnixMicros().isPresent() ? HEADER_FLAG_START_KNOWN : 0));
        out.putLong(h.startUnixMicros().orElse(0));
        putString8(out, h.deviceId());
        putString8(out, h.firmwareVersion());
        putString8(out, h.sensor());
        out.putShort((short) h.properties().size());
        for (Map.Entry<String, String> e : h.properties().entrySet()) {
            putString8(out, e.getKey());
            byte[] v = e.getValue().getBytes(StandardCharsets.UTF_8);
            out.putShort((short) v.length);
            out.put(v);
        }
    }

    static NightHeader decodeHeader(ByteBuffer buf, int pos, int length) {
        ByteBuffer in = view(buf, pos, length);
        try {
            double rate = in.getDouble();
            double scale = in.getDouble();
            int range = Short.toUnsignedInt(in.getShort());
            WornOn wornOn = WornOn.ofCode(in.get() & 0xFF);
            int flags = in.get() & 0xFF;
            long start = in.getLong();
            String deviceId = getString(in, in.get() & 0xFF);
            String firmware = getString(in, in.get() & 0xFF);
            String sensor = getString(in, in.get() & 0xFF);
            int nProps = Short.toUnsignedInt(in.getShort());
            Map<String, String> props = new LinkedHashMap<>();
            for (int i = 0; i < nProps; i++) {
                String k = getString(in, in.get() & 0xFF);
                String v = getString(in, Short.toUnsignedInt(in.getShort()));
                props.put(k, v);
            }
            if (in.hasRemaining() || wornOn == null) {
                return null;
            }
            OptionalLong startTime = (flags & HEADER_FLAG_START_KNOWN) != 0 ? OptionalLong.of(start) : OptionalLong.empty();
            return new NightHeader(deviceId, firmware, sensor, rate, range, scale, wornOn, startTime, props);
        } catch (BufferUnderflowException | IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }

    // ---- movements ----

    static void encodeMovement(ByteBuffer out, long onsetMicros, long durationMicros, float peakG) {
        out.putShort((short) 1);
        out.putLong(onsetMicros);
        out.putInt((int) durationMicros);
        out.putFloat(peakG);
    }

    /** Number of movements in a MOVEMENTS payload, or -1 if malformed. */
    static int movementCount(ByteBuffer buf, int pos, int length) {
        if (length < 2) {
            return -1;
        }
        int n = Short.toUnsignedInt(buf.getShort(pos));
        return n >= 1 && length == 2 + n * MOVEMENT_BYTES ? n : -1;
    }

    static RecordedMovement movement(ByteBuffer buf, int pos, int index) {
        int p = pos + 2 + index * MOVEMENT_BYTES;
        long onset = buf.getLong(p);
        long duration = Integer.toUnsignedLong(buf.getInt(p + 8));
        float peak = buf.getFloat(p + 12);
        return new RecordedMovement(onset * 1e-6, duration * 1e-6, peak);
    }

    // ---- status ----

    static void encodeGap(ByteBuffer out, long fromMicros, long toMicros, GapReason reason) {
        out.putLong(fromMicros);
        out.putLong(toMicros);
        out.put((byte) reason.code());
    }

    static StatusEvent decodeStatus(BlockType type, double timeSeconds, ByteBuffer buf, int pos, int length) {
        ByteBuffer in = view(buf, pos, length);
        try {
            StatusEvent e = switch (type) {
                case GAP -> {
                    long from = in.getLong();
                    long to = in.getLong();
                    GapReason reason = GapReason.ofCode(in.get() & 0xFF);
                    yield from <= to ? new StatusEvent.Gap(timeSeconds, from * 1e-6, to * 1e-6, reason) : null;
                }
                case FAULT -> {
                    int code = Short.toUnsignedInt(in.getShort());
                    yield new StatusEvent.Fault(timeSeconds, code, getString(in, in.remaining()));
                }
                case MARK -> new StatusEvent.Mark(timeSeconds, MarkKind.ofCode(in.get() & 0xFF));
                case BATTERY -> {
                    int mv = Short.toUnsignedInt(in.getShort());
                    int pct = in.get() & 0xFF;
                    yield pct == BATTERY_PERCENT_UNKNOWN || pct <= 100
                            ? new StatusEvent.Battery(timeSeconds, mv,
                            pct == BATTERY_PERCENT_UNKNOWN ? OptionalInt.empty() : OptionalInt.of(pct))
                            : null;
                }
                case TIME_SET -> new StatusEvent.TimeSet(timeSeconds, in.getLong());
                case END -> new StatusEvent.End(timeSeconds);
                default -> null;
            };
            return e != null && !in.hasRemaining() ? e : null;
        } catch (BufferUnderflowException | CharacterCodingException e) {
            return null;
        }
    }

    // ---- helpers ----

    static void putString8(ByteBuffer out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.put((byte) b.length);
        out.put(b);
    }

    private static ByteBuffer view(ByteBuffer buf, int pos, int length) {
        return buf.slice(pos, length).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String getString(ByteBuffer in, int n) throws CharacterCodingException {
        if (n > in.remaining()) {
            throw new BufferUnderflowException();
        }
        ByteBuffer s = in.slice(in.position(), n);
        in.position(in.position() + n);
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(s).toString();
    }
}
