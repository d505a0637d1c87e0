package org.plmwatch.core.nightfile;

/** Why samples are missing; byte 16 of a GAP block. */
public enum GapReason {
    /** Unspecified. */
    OTHER(0),
    /** The sensor FIFO filled before it was drained. */
    FIFO_OVERFLOW(1),
    /** The sensor did not answer on the bus. */
    SENSOR_ERROR(2),
    /**
     * The device restarted (power loss, crash) and appended to this file. The outage length is
     * unknown (no RTC): times after this block are earlier than the true elapsed time by the outage.
     */
    RESTART(3),
    /** Recording paused on purpose (e.g. while the host downloads). */
    PAUSED(4);

    private final int code;

    GapReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The reason with this code; unknown codes from a newer writer read as {@link #OTHER}. */
    static GapReason ofCode(int code) {
        for (GapReason r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return OTHER;
    }
}
