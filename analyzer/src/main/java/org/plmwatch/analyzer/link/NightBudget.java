package org.plmwatch.analyzer.link;

/**
 * The outer bounds of one night's download (docs/LINK.md §6): it ends when no new verified block
 * was stored for {@link LinkTimeouts#progressMillis()}, or when it has taken longer than
 * {@link LinkTimeouts#nightFloorMillis()} plus one second per {@link LinkTimeouts#minBytesPerSecond()}
 * bytes stored in this run. Only verified blocks in index order count, and a part never grows past
 * the announced size, so the whole night takes at most the floor plus the announced size at the
 * minimum rate, and a device trickling blocks is stopped long before that.
 */
final class NightBudget implements LinkClient.Watchdog {

    private final int nightId;
    private final LinkTimeouts timeouts;
    private final long startNanos = System.nanoTime();
    private long lastProgressNanos = startNanos;
    private long bytesThisRun;

    NightBudget(int nightId, LinkTimeouts timeouts) {
        this.nightId = nightId;
        this.timeouts = timeouts;
    }

    /** {@code bytes} more verified and stored. */
    void stored(long bytes) {
        bytesThisRun += bytes;
        lastProgressNanos = System.nanoTime();
    }

    private long progressDeadline() {
        return lastProgressNanos + timeouts.progressMillis() * 1_000_000L;
    }

    private long budgetDeadline() {
        return startNanos + timeouts.nightBudgetMillis(bytesThisRun) * 1_000_000L;
    }

    @Override
    public long deadlineNanos() {
        long p = progressDeadline();
        long b = budgetDeadline();
        return p - b < 0 ? p : b;
    }

    @Override
    public String expired() {
        if (progressDeadline() - budgetDeadline() <= 0) {
            return "night " + nightId + ": no new verified block for " + seconds(timeouts.progressMillis())
                    + " s although the device keeps the link busy";
        }
        return "night " + nightId + ": slower than " + timeouts.minBytesPerSecond() / 1024 + " KiB/s (" + bytesThisRun
                + " bytes in " + seconds((System.nanoTime() - startNanos) / 1_000_000L) + " s; a night may take "
                + seconds(timeouts.nightFloorMillis()) + " s plus 1 s per " + timeouts.minBytesPerSecond() / 1024
                + " KiB)";
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0);
    }
}
