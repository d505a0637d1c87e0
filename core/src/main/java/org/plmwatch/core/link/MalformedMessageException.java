package org.plmwatch.core.link;

/**
 * A frame passed its CRC but its body does not match the layout of its message type (a length
 * field running past the end, trailing bytes, a field out of range). Thrown by the message decoders
 * and caught by {@link FrameDecoder}, which drops and counts the frame; it never reaches callers of
 * the decoder.
 */
public final class MalformedMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
