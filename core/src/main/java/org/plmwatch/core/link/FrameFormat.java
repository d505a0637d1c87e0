package org.plmwatch.core.link;

/**
 * Sizes and byte positions of a link frame; docs/LINK.md has the tables.
 *
 * <pre>
 * wire:    0x00 | COBS(payload) | 0x00
 * payload: version u8 | type u8 | sequence u32 LE | requestId u32 LE | body | CRC32C u32 LE
 * </pre>
 *
 * The CRC32C covers version through the last body byte. All multi-byte integers are little-endian,
 * as on both ends (x86-64 host, AArch64 device) and in the night file format.
 */
public final class FrameFormat {

    private FrameFormat() {
    }

    /** The only protocol version this code speaks; frames with another version are dropped. */
    public static final int PROTOCOL_VERSION = 1;

    public static final int VERSION_AT = 0;
    public static final int TYPE_AT = 1;
    public static final int SEQUENCE_AT = 2;
    public static final int REQUEST_ID_AT = 6;
    public static final int HEADER_BYTES = 10;
    public static final int CRC_BYTES = 4;

    /**
     * Largest message body. A night-file block is at most 4 KiB and must travel in one BLOCKS frame
     * with its 10-byte BLOCKS preamble and 2-byte length; 128 bytes leave room for that and for
     * small messages to grow.
     */
    public static final int MAX_BODY_BYTES = 4096 + 128;

    /** Smallest valid payload: a header and a CRC with an empty body. */
    public static final int MIN_PAYLOAD_BYTES = HEADER_BYTES + CRC_BYTES;

    public static final int MAX_PAYLOAD_BYTES = HEADER_BYTES + MAX_BODY_BYTES + CRC_BYTES;

    /** Largest COBS-encoded payload, delimiters excluded: the decoder's fixed buffer size. */
    public static final int MAX_ENCODED_BYTES = Cobs.maxEncodedBytes(MAX_PAYLOAD_BYTES);

    /** Largest frame on the wire: the encoded payload with its leading and trailing 0x00. */
    public static final int MAX_WIRE_BYTES = MAX_ENCODED_BYTES + 2;

    /** The frame delimiter. */
    public static final byte DELIMITER = 0;
}
