package org.plmwatch.core.link;

/**
 * LIVE_START (0x04), host → device: stream detected movements ({@link LiveMovement}) and, when
 * {@code withSamples}, raw samples ({@link LiveSamples}), tagged with this request's id. The device
 * answers {@link Ack}. Streaming stops on {@link LiveStop} or when no frame has come from the host
 * for the live lease (10 s): the host repeats LIVE_START as a keep-alive every 3 s, so a host that
 * vanished never leaves the device streaming into a full USB buffer.
 */
public record LiveStart(boolean withSamples) implements Message {

    /** How long the device keeps streaming without hearing from the host. */
    public static final int LEASE_MILLIS = 10_000;

    @Override
    public MessageType type() {
        return MessageType.LIVE_START;
    }

    @Override
    public void encodeBody(BodyWriter w) {
        w.u8(withSamples ? 1 : 0);
    }

    public static LiveStart decodeBody(BodyReader r) {
        int flags = r.u8("flags");
        if ((flags & ~1) != 0) {
            throw new MalformedMessageException("LIVE_START flags 0x" + Integer.toHexString(flags)
                    + " has bits other than bit 0 (withSamples)");
        }
        return new LiveStart((flags & 1) != 0);
    }
}
