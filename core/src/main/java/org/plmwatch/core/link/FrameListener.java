package org.plmwatch.core.link;

/** Receives what a {@link FrameDecoder} makes of the byte stream. Called on the feeding thread. */
@FunctionalInterface
public interface FrameListener {

    /** An accepted frame, in stream order. */
    void onFrame(Frame frame);

    /**
     * A dropped frame (already counted in {@link LinkStats}); for logs. Default: nothing.
     *
     * @param reason       why
     * @param streamOffset byte offset in the received stream where the dropped frame began
     * @param detail       what was wrong, for people
     */
    default void onRejected(RejectReason reason, long streamOffset, String detail) {
    }
}
