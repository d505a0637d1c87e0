package org.plmwatch.core.link;

/** LIVE_STOP (0x05), host → device: end live streaming. Empty body; the device answers {@link Ack}. */
public record LiveStop() implements Message {

    @Override
    public MessageType type() {
        return MessageType.LIVE_STOP;
    }

    @Override
    public void encodeBody(BodyWriter w) {
        // no body
    }

    public static LiveStop decodeBody(BodyReader r) {
        return new LiveStop();
    }
}
