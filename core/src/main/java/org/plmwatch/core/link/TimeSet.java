package org.plmwatch.core.link;

/**
 * TIME_SET (0x87), device → host: the answer to {@link SetTime}.
 *
 * @param hostEpochMillis       the wall-clock time the host sent, echoed
 * @param deviceMonotonicMicros the device monotonic clock when SET_TIME arrived
 */
public record TimeSet(long hostEpochMillis, long deviceMonotonicMicros) implements Message {

    public TimeSet {
        Fields.nonNegative("hostEpochMillis", hostEpochMillis);
        Fields.nonNegative("deviceMonotonicMicros", deviceMonotonicMicros);
    }

    @Override
    public MessageType type() {
        return MessageType.TIME_SET;
    }

    @Override
    public void encodeBody(BodyWriter w) {
        w.i64(hostEpochMillis);
        w.i64(deviceMonotonicMicros);
    }

    public static TimeSet decodeBody(BodyReader r) {
        return new TimeSet(r.i64("hostEpochMillis"), r.i64("deviceMonotonicMicros"));
    }
}
