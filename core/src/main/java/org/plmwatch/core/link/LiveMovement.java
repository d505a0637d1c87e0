package org.plmwatch.core.link;

import java.util.Objects;

import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;

/**
 * LIVE_MOVEMENT (0x86), device → host, while live streaming: one leg movement the device's detector
 * has just closed.
 *
 * @param leg                  the leg
 * @param onsetMonotonicMicros device monotonic time of the onset
 * @param durationMicros       onset to offset
 * @param peakG                peak acceleration magnitude above rest, g
 */
public record LiveMovement(Leg leg, long onsetMonotonicMicros, long durationMicros, double peakG)
        implements Message {

    public LiveMovement {
        Objects.requireNonNull(leg, "leg");
        Fields.nonNegative("onsetMonotonicMicros", onsetMonotonicMicros);
        Fields.nonNegative("durationMicros", durationMicros);
        if (!(peakG >= 0) || !Double.isFinite(peakG)) {
            throw new IllegalArgumentException("peakG must be finite and >= 0, was " + peakG);
        }
    }

    /** The movement in the core model, times in seconds from {@code timeZeroMonotonicMicros}. */
    public LegMovement toLegMovement(long timeZeroMonotonicMicros) {
        return new LegMovement(leg, (onsetMonotonicMicros - timeZeroMonotonicMicros) / 1e6,
                durationMicros / 1e6, peakG);
    }

    @Override
    public MessageType type() {
        return MessageType.LIVE_MOVEMENT;
    }

    @Override
    public void encodeBody(BodyWriter w) {
        w.u8(Fields.legCode(leg));
        w.i64(onsetMonotonicMicros);
        w.i64(durationMicros);
        w.f64(peakG);
    }

    public static LiveMovement decodeBody(BodyReader r) {
        return new LiveMovement(Fields.leg(r.u8("leg")), r.i64("onsetMonotonicMicros"),
                r.i64("durationMicros"), r.f64("peakG"));
    }
}
