package org.plmwatch.core.nightfile;

import java.util.Optional;
import org.plmwatch.core.model.Leg;

/** The leg the device was strapped to, as set when recording started; header byte 18. */
public enum WornOn {
    UNKNOWN(0), LEFT(1), RIGHT(2);

    private final int code;

    WornOn(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public Optional<Leg> leg() {
        return switch (this) {
            case LEFT -> Optional.of(Leg.LEFT);
            case RIGHT -> Optional.of(Leg.RIGHT);
            case UNKNOWN -> Optional.empty();
        };
    }

    static WornOn ofCode(int code) {
        for (WornOn w : values()) {
            if (w.code == code) {
                return w;
            }
        }
        return null;
    }
}
