package org.plmwatch.core.link;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Turns messages into wire frames: {@code 0x00 | COBS(header | body | CRC32C) | 0x00}. Numbers each
 * frame with the next sequence number of this direction. One encoder per sending side and
 * connection; not thread-safe (a sender serialises its writes anyway, or frames would interleave).
 *
 * <p>The leading 0x00 closes whatever partial garbage is on the line before the frame (a half-sent
 * frame from before a reconnect, noise on attach), so garbage can never swallow a good frame. It
 * costs one byte per frame.
 */
public final class FrameEncoder {

    private final byte[] payload = new byte[FrameFormat.MAX_PAYLOAD_BYTES];
    private final byte[] wire = new byte[FrameFormat.MAX_WIRE_BYTES];
    private final BodyWriter writer = new BodyWriter();
    private final CRC32C crc = new CRC32C();
    private int nextSequence;

    /**
     * @param firstSequence sequence number of the first frame; any value works (the peer accepts
     *                      the first frame it sees and every HELLO / DEVICE_INFO as a new start)
     */
    public FrameEncoder(int firstSequence) {
        this.nextSequence = firstSequence;
    }

    /** The sequence number the next frame will carry. */
    public int nextSequence() {
        return nextSequence;
    }

    /**
     * Encodes one frame into {@code out} at {@code offset}, which needs
     * {@link FrameFormat#MAX_WIRE_BYTES} bytes of room (at least the frame's worst-case size).
     *
     * @return the number of bytes written
     * @throws IllegalArgumentException when the body exceeds {@link FrameFormat#MAX_BODY_BYTES}; no
     *                                  sequence number is used up then
     */
    public int encode(int requestId, Message message, byte[] out, int offset) {
        int payloadBytes = buildPayload(requestId, message);
        Objects.checkFromIndexSize(offset, Cobs.maxEncodedBytes(payloadBytes) + 2, out.length);
        out[offset] = FrameFormat.DELIMITER;
        int n = Cobs.encode(payload, 0, payloadBytes, out, offset + 1);
        out[offset + 1 + n] = FrameFormat.DELIMITER;
        nextSequence++;
        return n + 2;
    }

    /** One frame as a new array of exactly its wire size. */
    public byte[] encode(int requestId, Message message) {
        int n = encode(requestId, message, wire, 0);
        byte[] frame = new byte[n];
        System.arraycopy(wire, 0, frame, 0, n);
        return frame;
    }

    /** Encodes one frame and writes it to {@code out} in one call (no flush). */
    public void write(int requestId, Message message, OutputStream out) throws IOException {
        int n = encode(requestId, message, wire, 0);
        out.write(wire, 0, n);
    }

    private int buildPayload(int requestId, Message message) {
        MessageType type = message.type();
        writer.reset(payload, FrameFormat.HEADER_BYTES, type.name());
        message.encodeBody(writer);
        int bodyBytes = writer.bodyBytes();
        payload[FrameFormat.VERSION_AT] = (byte) FrameFormat.PROTOCOL_VERSION;
        payload[FrameFormat.TYPE_AT] = (byte) type.code();
        putU32(payload, FrameFormat.SEQUENCE_AT, nextSequence);
        putU32(payload, FrameFormat.REQUEST_ID_AT, requestId);
        int crcAt = FrameFormat.HEADER_BYTES + bodyBytes;
        crc.reset();
        crc.update(payload, 0, crcAt);
        putU32(payload, crcAt, (int) crc.getValue());
        return crcAt + FrameFormat.CRC_BYTES;
    }

    static void putU32(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    static int getU32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
