package org.plmwatch.core.nightfile;

/** What a button press marked; byte 0 of a MARK block. */
public enum MarkKind {
    /** Unspecified press (e.g. a newer firmware's mark). */
    OTHER(0),
    LIGHTS_OFF(1),
    LIGHTS_ON(2);

    private final int code;

    MarkKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static MarkKind ofCode(int code) {
        for (MarkKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        return OTHER;
    }
}
