package org.plmwatch.core.link;

/**
 * SET_TIME (0x06), host → device: the host's wall clock. The device pairs it with its monotonic
 * clock at the moment the frame arrived and answers {@link TimeSet} with that monotonic time; the
 * host knows the round trip and so the pairing's uncertainty. The Pi Zero has no RTC, so this pair
 * is how device timestamps (monotonic µs) become wall-clock times.
 */
public record SetTime(long hostEpochMillis) implements Message {

    public SetTime {
        Fields.nonNegative("hostEpochMillis", hostEpochMillis);
    }

    @Override
    public MessageType type() {
        return MessageType.SET_TIME;
    }

    @Override
    public void encodeBody(BodyWriter w) {
        w.i64(hostEpochMillis);
    }

    public static SetTime decodeBody(BodyReader r) {
        return new SetTime(r.i64("hostEpochMillis"));
    }
}
