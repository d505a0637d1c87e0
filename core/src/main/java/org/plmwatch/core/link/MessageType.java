package org.plmwatch.core.link;

import java.util.Optional;
import java.util.function.Function;

/**
 * Message type codes (header byte 1). Requests go host → device and have codes 0x01–0x7F;
 * responses and device-initiated messages go device → host and have codes 0x81–0xFF. Codes are
 * never reused: a new message gets a new code, and a receiver drops codes it does not know.
 */
public enum MessageType {
    HELLO(0x01, Hello::decodeBody),
    LIST_NIGHTS(0x02, ListNights::decodeBody),
    GET_BLOCKS(0x03, GetBlocks::decodeBody),
    LIVE_START(0x04, LiveStart::decodeBody),
    LIVE_STOP(0x05, LiveStop::decodeBody),
    SET_TIME(0x06, SetTime::decodeBody),
    ERASE_NIGHT(0x07, EraseNight::decodeBody),

    DEVICE_INFO(0x81, DeviceInfo::decodeBody),
    NIGHT_LIST(0x82, NightList::decodeBody),
    BLOCKS(0x83, Blocks::decodeBody),
    BLOCKS_END(0x84, BlocksEnd::decodeBody),
    LIVE_SAMPLES(0x85, LiveSamples::decodeBody),
    LIVE_MOVEMENT(0x86, LiveMovement::decodeBody),
    TIME_SET(0x87, TimeSet::decodeBody),
    ACK(0x88, Ack::decodeBody),
    ERROR(0x89, ErrorReply::decodeBody);

    private static final MessageType[] BY_CODE = new MessageType[256];

    static {
        for (MessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final Function<BodyReader, ? extends Message> bodyDecoder;

    MessageType(int code, Function<BodyReader, ? extends Message> bodyDecoder) {
        this.code = code;
        this.bodyDecoder = bodyDecoder;
    }

    /** The wire code, 0x01–0xFF. */
    public int code() {
        return code;
    }

    /** True for host → device requests. */
    public boolean isRequest() {
        return code < 0x80;
    }

    /** The type with this wire code; empty for codes this version does not know. */
    public static Optional<MessageType> fromCode(int code) {
        return Optional.ofNullable(code >= 0 && code < 256 ? BY_CODE[code] : null);
    }

    /** Allocation-free lookup for the decoder: {@code null} when unknown. */
    static MessageType byCodeOrNull(int code) {
        return BY_CODE[code & 0xFF];
    }

    /**
     * Decodes a body of this type; throws {@link MalformedMessageException} when the bytes do not
     * fit the layout or a field is out of range.
     */
    public Message decodeBody(BodyReader r) {
        Message m;
        try {
            m = bodyDecoder.apply(r);
        } catch (IllegalArgumentException e) {
            // A record constructor rejected a decoded field: the frame is malformed, not a bug here.
            throw new MalformedMessageException(name() + ": " + e.getMessage());
        }
        r.finish(name());
        return m;
    }
}
