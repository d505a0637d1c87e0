package org.plmwatch.core.link;

/**
 * HELLO (0x01), host → device: opens a session. The device answers with {@link DeviceInfo}. Both
 * ends restart their tracking of the peer's sequence numbers on HELLO and DEVICE_INFO, so a host
 * or device that restarted is heard again at once.
 *
 * @param hostSoftware the host program and version, e.g. {@code "plmwatch-analyzer 0.1.0"}, for
 *                     the device log
 */
public record Hello(String hostSoftware) implements Message {

    public Hello {
        Fields.text("hostSoftware", hostSoftware);
    }

    @Override
    public MessageType type() {
        return MessageType.HELLO;
    }

    @Override
    public void encodeBody(BodyWriter w) {
        w.string(hostSoftware);
    }

    public static Hello decodeBody(BodyReader r) {
        return new Hello(r.string("hostSoftware"));
    }
}
