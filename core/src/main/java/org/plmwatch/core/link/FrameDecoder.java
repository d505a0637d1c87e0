package org.plmwatch.core.link;

import java.util.EnumMap;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Turns a received byte stream, fed in chunks of any size as they arrive from a serial port, pipe
 * or socket, into frames. Bytes are gathered into one fixed buffer of
 * {@link FrameFormat#MAX_ENCODED_BYTES} until a 0x00; then the frame is COBS-decoded in place,
 * checked (length, CRC32C, version, sequence, type, body layout) and either handed to the listener
 * or dropped and counted by {@link RejectReason}. Nothing is ever thrown for bad input: a link must
 * survive line noise. The buffer never grows: a run without 0x00 longer than the buffer is counted
 * once as {@link RejectReason#OVERSIZE} and skipped up to the next 0x00, where decoding resumes.
 *
 * <p>Per byte nothing is allocated; per accepted frame the message record is. Empty frames (two
 * delimiters in a row, as between frames from {@link FrameEncoder}) are ignored and not counted.
 * Not thread-safe: feed from one thread. An exception thrown by the listener propagates, and the
 * rest of that chunk is not consumed.
 */
public final class FrameDecoder {

    private final FrameListener listener;
    private final byte[] buf = new byte[FrameFormat.MAX_ENCODED_BYTES];
    private final CRC32C crc = new CRC32C();
    private final BodyReader reader = new BodyReader();
    private final SequenceTracker peer = new SequenceTracker();
    private final long[] rejected = new long[RejectReason.values().length];

    private int len;
    private boolean skippingOversize;
    private long frameStartOffset;
    private long bytesReceived;
    private long framesAccepted;
    private long bytesDiscarded;
    private long gaps;
    private long framesLost;

    public FrameDecoder(FrameListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public void accept(byte[] chunk) {
        accept(chunk, 0, chunk.length);
    }

    /** Feeds {@code chunk[offset, offset+length)}; calls the listener for every frame it completes. */
    public void accept(byte[] chunk, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, chunk.length);
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int zero = i;
            while (zero < end && chunk[zero] != 0) {
                zero++;
            }
            int run = zero - i;
            gather(chunk, i, run);
            bytesReceived += run;
            i = zero;
            if (i < end) {
                bytesReceived++;
                i++;
                endOfFrame();
                frameStartOffset = bytesReceived;
            }
        }
    }

    private void gather(byte[] chunk, int from, int run) {
        if (skippingOversize) {
            bytesDiscarded += run;
            return;
        }
        if (run > buf.length - len) {
            skippingOversize = true;
            bytesDiscarded += len + run;
            len = 0;
            reject(RejectReason.OVERSIZE, "more than " + FrameFormat.MAX_ENCODED_BYTES
                    + " bytes without a 0x00 delimiter; skipping to the next delimiter");
            return;
        }
        System.arraycopy(chunk, from, buf, len, run);
        len += run;
    }

    private void endOfFrame() {
        if (skippingOversize) {
            skippingOversize = false;
            return;
        }
        int encoded = len;
        len = 0;
        if (encoded == 0) {
            return;
        }
        int n = Cobs.decodeInPlace(buf, 0, encoded);
        if (n < 0) {
            drop(RejectReason.BAD_COBS, encoded, "a COBS code byte points past the frame end");
            return;
        }
        if (n < FrameFormat.MIN_PAYLOAD_BYTES) {
            drop(RejectReason.TOO_SHORT, encoded, n + " payload bytes, at least "
                    + FrameFormat.MIN_PAYLOAD_BYTES + " needed");
            return;
        }
        int crcAt = n - FrameFormat.CRC_BYTES;
        crc.reset();
        crc.update(buf, 0, crcAt);
        if ((int) crc.getValue() != FrameEncoder.getU32(buf, crcAt)) {
            drop(RejectReason.BAD_CRC, encoded, "CRC32C mismatch over " + crcAt + " bytes");
            return;
        }
        int version = buf[FrameFormat.VERSION_AT] & 0xFF;
        if (version != FrameFormat.PROTOCOL_VERSION) {
            drop(RejectReason.BAD_VERSION, encoded, "protocol version " + version + ", this end speaks "
                    + FrameFormat.PROTOCOL_VERSION + ": update the older side");
            return;
        }
        int typeCode = buf[FrameFormat.TYPE_AT] & 0xFF;
        MessageType type = MessageType.byCodeOrNull(typeCode);
        int sequence = FrameEncoder.getU32(buf, FrameFormat.SEQUENCE_AT);
        int requestId = FrameEncoder.getU32(buf, FrameFormat.REQUEST_ID_AT);
        boolean sessionStart = type == MessageType.HELLO || type == MessageType.DEVICE_INFO;
        SequenceTracker.Verdict verdict = peer.accept(sequence, sessionStart);
        if (verdict == SequenceTracker.Verdict.REPLAY) {
            drop(RejectReason.REPLAY, encoded, "sequence " + Integer.toUnsignedString(sequence)
                    + " already seen");
            return;
        }
        if (verdict == SequenceTracker.Verdict.GAP) {
            gaps++;
            framesLost += peer.lastGapFrames();
        }
        if (type == null) {
            drop(RejectReason.UNKNOWN_TYPE, encoded, "message type 0x" + Integer.toHexString(typeCode));
            return;
        }
        reader.reset(buf, FrameFormat.HEADER_BYTES, crcAt - FrameFormat.HEADER_BYTES);
        Message message;
        try {
            message = type.decodeBody(reader);
        } catch (MalformedMessageException e) {
            drop(RejectReason.MALFORMED_BODY, encoded, e.getMessage());
            return;
        }
        framesAccepted++;
        listener.onFrame(new Frame(sequence, requestId, message));
    }

    private void drop(RejectReason reason, int encodedBytes, String detail) {
        bytesDiscarded += encodedBytes;
        reject(reason, detail);
    }

    private void reject(RejectReason reason, String detail) {
        rejected[reason.ordinal()]++;
        listener.onRejected(reason, frameStartOffset, detail);
    }

    /** Forget the peer's sequence numbers (e.g. after reopening the port). */
    public void resetSequence() {
        peer.reset();
    }

    /** The fixed capacity of the frame buffer, in bytes: the decoder's whole per-link memory. */
    public int bufferCapacityBytes() {
        return buf.length;
    }

    public LinkStats stats() {
        EnumMap<RejectReason, Long> byReason = new EnumMap<>(RejectReason.class);
        for (RejectReason r : RejectReason.values()) {
            byReason.put(r, rejected[r.ordinal()]);
        }
        return new LinkStats(bytesReceived, framesAccepted, byReason, bytesDiscarded, gaps, framesLost);
    }
}
