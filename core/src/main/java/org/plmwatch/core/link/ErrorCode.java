package org.plmwatch.core.link;

/** Why the device refused a request; u16 on the wire. */
public enum ErrorCode {
    /** A field of the request is out of range for this device (e.g. maxBlocks of 0). */
    BAD_REQUEST(1),
    /** No night with this id. */
    UNKNOWN_NIGHT(2),
    /** GET_BLOCKS from a block index beyond the night's block count. */
    BLOCK_OUT_OF_RANGE(3),
    /** ERASE_NIGHT: the host's SHA-256 differs from the device's: the host copy is not verified. */
    ERASE_REFUSED_CHECKSUM_MISMATCH(4),
    /** ERASE_NIGHT of the night being recorded. */
    ERASE_REFUSED_RECORDING(5),
    /** The device cannot serve this now (e.g. a previous request still running); retry later. */
    BUSY(6),
    /** Reading or erasing on the card failed. */
    STORAGE_FAILURE(7),
    /** A request type the device knows but does not serve (e.g. live mode without a sensor). */
    UNSUPPORTED_REQUEST(8),
    /** A code this version does not know (sent by a newer device); the text says more. */
    OTHER(0xFFFF);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The constant for a wire code; {@link #OTHER} for codes this version does not know. */
    public static ErrorCode fromCode(int code) {
        for (ErrorCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return OTHER;
    }
}
