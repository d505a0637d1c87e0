package org.plmwatch.core.nightfile;

/** The kinds of block in a night file; the code is the block's type byte (offset 4). */
public enum BlockType {
    HEADER(1),
    SAMPLES(2),
    MOVEMENTS(3),
    GAP(4),
    FAULT(5),
    MARK(6),
    BATTERY(7),
    TIME_SET(8),
    END(9);

    private static final BlockType[] BY_CODE = new BlockType[256];

    static {
        for (BlockType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    BlockType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type with this code, or {@code null} for an unknown code (package-internal use only). */
    static BlockType ofCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }
}
