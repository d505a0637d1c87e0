package org.plmwatch.core.nightfile;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A device status block as read back. {@link #timeSeconds()} is the block time: seconds from the
 * file's time zero when the device wrote it.
 */
public sealed interface StatusEvent {

    double timeSeconds();

    /** Samples are missing from {@code fromSeconds} to {@code toSeconds}. */
    record Gap(double timeSeconds, double fromSeconds, double toSeconds, GapReason reason) implements StatusEvent {
        public Gap {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A fault the firmware noticed, with its own code and text. */
    record Fault(double timeSeconds, int code, String text) implements StatusEvent {
        public Fault {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A button press (lights off / lights on). */
    record Mark(double timeSeconds, MarkKind kind) implements StatusEvent {
        public Mark {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** Battery state; percent is empty when the device could not estimate it. */
    record Battery(double timeSeconds, int millivolts, OptionalInt percent) implements StatusEvent {
        public Battery {
            Objects.requireNonNull(percent, "percent");
        }
    }

    /**
     * The host told the device the wall clock: from this block on, wall-clock time is
     * {@code unixMicrosAtTimeZero + file time}.
     */
    record TimeSet(double timeSeconds, long unixMicrosAtTimeZero) implements StatusEvent {
    }

    /** The recording was stopped cleanly; nothing was lost at the end. */
    record End(double timeSeconds) implements StatusEvent {
    }
}
