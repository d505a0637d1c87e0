package org.plmwatch.core.link;

/** ACK (0x88), device → host: the request with this frame's request id was carried out. Empty body. */
public record Ack() implements Message {

    @Override
    public MessageType type() {
        return MessageType.ACK;
    }

    @Override
    public void encodeBody(BodyWriter w) {
        // no body
    }

    public static Ack decodeBody(BodyReader r) {
        return new Ack();
    }
}
