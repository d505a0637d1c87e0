package org.plmwatch.core.link;

import java.util.Objects;

/**
 * ERROR (0x89), device → host: the request with this frame's request id was refused.
 *
 * @param code why
 * @param text for people: what, and how to fix (e.g. "night 12 is still recording: stop the
 *             recording before erasing")
 */
public record ErrorReply(ErrorCode code, String text) implements Message {

    public ErrorReply {
        Objects.requireNonNull(code, "code");
        Fields.text("text", text);
    }

    @Override
    public MessageType type() {
        return MessageType.ERROR;
    }

    @Override
    public void encodeBody(BodyWriter w) {
        w.u16(code.code());
        w.string(text);
    }

    public static ErrorReply decodeBody(BodyReader r) {
        return new ErrorReply(ErrorCode.fromCode(r.u16("code")), r.string("text"));
    }
}
