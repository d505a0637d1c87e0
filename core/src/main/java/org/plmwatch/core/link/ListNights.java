package org.plmwatch.core.link;

/**
 * LIST_NIGHTS (0x02), host → device: asks for the nights with id ≥ {@code fromNightId}, in id
 * order. The device answers with one {@link NightList}; when its {@code more} flag is set the host
 * asks again from the last listed id + 1. Paging by id keeps every request self-contained, so a
 * retry never depends on what the device sent before.
 */
public record ListNights(int fromNightId) implements Message {

    public ListNights {
        Fields.nonNegative("fromNightId", fromNightId);
    }

    @Override
    public MessageType type() {
        return MessageType.LIST_NIGHTS;
    }

    @Override
    public void encodeBody(BodyWriter w) {
        w.u32(fromNightId);
    }

    public static ListNights decodeBody(BodyReader r) {
        return new ListNights(r.index("fromNightId"));
    }
}
