package org.plmwatch.core.link;

/** Why the {@link FrameDecoder} dropped a frame; each has its own counter in {@link LinkStats}. */
public enum RejectReason {
    /** Bytes between two delimiters are not valid COBS (a code byte runs past the frame end). */
    BAD_COBS,
    /** Decoded payload shorter than header + CRC (14 bytes): a fragment of line noise. */
    TOO_SHORT,
    /** CRC32C mismatch: bits were changed on the way, or two frames ran together. */
    BAD_CRC,
    /** More than {@link FrameFormat#MAX_ENCODED_BYTES} bytes without a delimiter. */
    OVERSIZE,
    /** Valid frame of another protocol version. */
    BAD_VERSION,
    /** Sequence number already seen (equal to or behind the last accepted one): a duplicate. */
    REPLAY,
    /** Valid frame with a message type this version does not know. */
    UNKNOWN_TYPE,
    /** Valid frame whose body does not fit its type's layout. */
    MALFORMED_BODY
}
