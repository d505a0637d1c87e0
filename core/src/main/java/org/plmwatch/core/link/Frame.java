package org.plmwatch.core.link;

import java.util.Objects;

/**
 * One accepted frame, as the {@link FrameDecoder} hands it to its listener.
 *
 * @param sequence  the sender's sequence number (per direction, unsigned 32-bit, wraps)
 * @param requestId the request this frame belongs to: chosen by the host for a request, echoed
 *                  by the device in every frame of the answer (live frames carry the LIVE_START's id)
 * @param message   the decoded body
 */
public record Frame(int sequence, int requestId, Message message) {

    public Frame {
        Objects.requireNonNull(message, "message");
    }

    public MessageType type() {
        return message.type();
    }
}
