package org.plmwatch.analyzer.link;

/**
 * How long the host waits, and how often it tries (docs/LINK.md §6).
 *
 * @param helloMillis       DEVICE_INFO after HELLO
 * @param requestMillis     NIGHT_LIST, TIME_SET, ACK of LIVE_*
 * @param blockFrameMillis  the next frame of a GET_BLOCKS answer, since the last one
 * @param eraseMillis       ACK / ERROR after ERASE_NIGHT (the device hashes the night first)
 * @param attempts          sends per request (and GET_BLOCKS re-sends without progress)
 */
public record LinkTimeouts(long helloMillis, long requestMillis, long blockFrameMillis, long eraseMillis, int attempts) {

    /** The values of LINK.md §6. */
    public static final LinkTimeouts DEFAULT = new LinkTimeouts(1000, 2000, 2000, 10_000, 3);

    public LinkTimeouts {
        if (helloMillis <= 0 || requestMillis <= 0 || blockFrameMillis <= 0 || eraseMillis <= 0 || attempts < 1) {
            throw new IllegalArgumentException("timeouts must be > 0 ms and attempts >= 1");
        }
    }

    /** For probing many ports: one short HELLO each. */
    public LinkTimeouts probe(long millis) {
        return new LinkTimeouts(millis, requestMillis, blockFrameMillis, eraseMillis, 1);
    }
}
