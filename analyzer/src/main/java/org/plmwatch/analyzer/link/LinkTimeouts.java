package org.plmwatch.analyzer.link;

/**
 * How long the host waits, and how often it tries (docs/LINK.md §6). The per-request timeouts
 * alone do not end a wait: a device answering every request with well-formed but useless frames
 * (or with "more" forever) would keep the host busy for ever. So on top of them every phase has an
 * outer bound that no answer can extend (§6 "Outer bounds").
 *
 * @param helloMillis        DEVICE_INFO after HELLO
 * @param requestMillis      NIGHT_LIST, TIME_SET, ACK of LIVE_*
 * @param blockFrameMillis   the next frame of a GET_BLOCKS answer, since the last one
 * @param eraseMillis        ACK / ERROR after ERASE_NIGHT (the device hashes the night first)
 * @param attempts           sends per request (and GET_BLOCKS re-sends without progress)
 * @param progressMillis     a night's download stops when no new verified block was stored for this long
 * @param nightFloorMillis   a night's time budget: this floor ...
 * @param minBytesPerSecond  ... plus one second per this many bytes stored in this run (so at most the
 *                           floor plus the announced size at this rate)
 * @param listMillis         the whole LIST_NIGHTS paging, however many pages the device announces
 * @param liveSilenceMillis  {@code live} stops when no new live data (samples later than the last, or a
 *                           movement) arrived for this long
 */
public record LinkTimeouts(long helloMillis, long requestMillis, long blockFrameMillis, long eraseMillis, int attempts,
        long progressMillis, long nightFloorMillis, long minBytesPerSecond, long listMillis, long liveSilenceMillis) {

    /** The values of LINK.md §6. */
    public static final LinkTimeouts DEFAULT = new LinkTimeouts(1000, 2000, 2000, 10_000, 3,
            30_000, 60_000, 8 * 1024, 30_000, 10_000);

    public LinkTimeouts {
        if (helloMillis <= 0 || requestMillis <= 0 || blockFrameMillis <= 0 || eraseMillis <= 0 || attempts < 1
                || progressMillis <= 0 || nightFloorMillis <= 0 || minBytesPerSecond <= 0 || listMillis <= 0
                || liveSilenceMillis <= 0) {
            throw new IllegalArgumentException("timeouts and rates must be > 0 and attempts >= 1");
        }
    }

    /** Per-request timeouts as given, the outer bounds of {@link #DEFAULT}. */
    public LinkTimeouts(long helloMillis, long requestMillis, long blockFrameMillis, long eraseMillis, int attempts) {
        this(helloMillis, requestMillis, blockFrameMillis, eraseMillis, attempts, DEFAULT_PROGRESS_MILLIS,
                DEFAULT_NIGHT_FLOOR_MILLIS, DEFAULT_MIN_BYTES_PER_SECOND, DEFAULT_LIST_MILLIS,
                DEFAULT_LIVE_SILENCE_MILLIS);
    }

    // the DEFAULT's outer bounds, usable in the constructor above (DEFAULT itself is not yet built there)
    private static final long DEFAULT_PROGRESS_MILLIS = 30_000;
    private static final long DEFAULT_NIGHT_FLOOR_MILLIS = 60_000;
    private static final long DEFAULT_MIN_BYTES_PER_SECOND = 8 * 1024;
    private static final long DEFAULT_LIST_MILLIS = 30_000;
    private static final long DEFAULT_LIVE_SILENCE_MILLIS = 10_000;

    /** The same per-request timeouts with other outer bounds (tests use short ones). */
    public LinkTimeouts withOuterBounds(long progressMillis, long nightFloorMillis, long minBytesPerSecond,
            long listMillis, long liveSilenceMillis) {
        return new LinkTimeouts(helloMillis, requestMillis, blockFrameMillis, eraseMillis, attempts, progressMillis,
                nightFloorMillis, minBytesPerSecond, listMillis, liveSilenceMillis);
    }

    /** For probing many ports: one short HELLO each. */
    public LinkTimeouts probe(long millis) {
        return new LinkTimeouts(millis, requestMillis, blockFrameMillis, eraseMillis, 1, progressMillis,
                nightFloorMillis, minBytesPerSecond, listMillis, liveSilenceMillis);
    }

    /** The longest a night's download can take: the floor plus {@code announcedBytes} at the minimum rate. */
    public long nightBudgetMillis(long announcedBytes) {
        return nightFloorMillis + Math.max(0, announcedBytes) * 1000 / minBytesPerSecond;
    }
}
