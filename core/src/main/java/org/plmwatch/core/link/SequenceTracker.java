package org.plmwatch.core.link;

/**
 * Tracks the peer's sequence numbers on one direction of the link. Rules (docs/LINK.md):
 * <ul>
 * <li>The first frame after creation or {@link #reset()}, and every session-start frame (HELLO,
 * DEVICE_INFO), is accepted whatever its number and becomes the reference: a peer that restarted
 * from another number is heard again at once.</li>
 * <li>Otherwise let d = (s − last) mod 2³². d = 1: in order. 2 ≤ d &lt; 2³¹: accepted, a gap of
 * d − 1 lost frames. d = 0 or d ≥ 2³¹ (the number is the last one or behind it): a replay or
 * duplicate, dropped, and the reference stays.</li>
 * </ul>
 * A serial link delivers in order, so there is no reordering window: anything not ahead is a copy.
 * This catches duplicates from re-read buffers and retransmission; it is not security against a
 * hostile peer (the CRC is not a MAC, the USB cable is trusted).
 */
public final class SequenceTracker {

    /** What {@link #accept(int, boolean)} decided. */
    public enum Verdict { FIRST, IN_ORDER, GAP, REPLAY }

    private boolean started;
    private int last;
    private long lastGapFrames;

    /** Classifies sequence number {@code sequence}; {@code sessionStart} for HELLO / DEVICE_INFO. */
    public Verdict accept(int sequence, boolean sessionStart) {
        lastGapFrames = 0;
        if (!started || sessionStart) {
            started = true;
            last = sequence;
            return Verdict.FIRST;
        }
        int delta = sequence - last;
        if (delta <= 0) {
            return Verdict.REPLAY;
        }
        last = sequence;
        if (delta == 1) {
            return Verdict.IN_ORDER;
        }
        lastGapFrames = delta - 1L;
        return Verdict.GAP;
    }

    /** Frames skipped by the last {@link Verdict#GAP}; 0 after any other verdict. */
    public long lastGapFrames() {
        return lastGapFrames;
    }

    /** Forget the peer: the next frame is accepted as {@link Verdict#FIRST}. */
    public void reset() {
        started = false;
        lastGapFrames = 0;
    }
}
