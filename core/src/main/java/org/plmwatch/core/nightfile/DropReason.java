package org.plmwatch.core.nightfile;

/** Why the bytes at the start of a dropped range were not an intact block. */
public enum DropReason {
    /** No block magic: zeros, garbage, or a block whose magic was hit. */
    NO_MAGIC,
    /** The payload length field exceeds the largest possible block. */
    BAD_LENGTH,
    /** The block runs past the end of the data: the file was cut (power loss, partial download). */
    TRUNCATED,
    /** Magic and length look right but the CRC32C does not match: damaged bytes. */
    BAD_CRC,
    /** CRC good but the version byte is not one this reader knows. */
    UNSUPPORTED_VERSION,
    /** CRC good but the type byte is not one this reader knows. */
    UNKNOWN_TYPE,
    /** CRC good but the sequence number cannot follow the previous block (stale or foreign data). */
    IMPLAUSIBLE_SEQUENCE,
    /** CRC good but the payload does not decode (a writer bug): the block is skipped. */
    BAD_PAYLOAD,
    /** CRC good, a second header block: ignored. */
    EXTRA_HEADER
}
