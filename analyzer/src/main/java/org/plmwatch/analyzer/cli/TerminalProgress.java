package org.plmwatch.analyzer.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.plmwatch.analyzer.link.DownloadProgress;

/**
 * A progress bar on one terminal line (carriage return, redrawn at most 10 times a second): what,
 * bar, amount done (bytes for a download, items for a batch), rate and time left. Drawn only when
 * a console is attached; otherwise silent, and the command's summary says what happened.
 */
final class TerminalProgress implements DownloadProgress {

    private static final int BAR_WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    /** Null for bytes; else the name of the items counted, e.g. "inputs". */
    private final String items;
    private String label;
    private long total;
    private long done;
    private long startDone;
    private long startNanos;
    private long lastDrawNanos;

    /** A bar counting bytes (downloads). */
    TerminalProgress(PrintWriter err) {
        this(err, null);
    }

    /** A bar counting {@code items} (e.g. "inputs"). */
    TerminalProgress(PrintWriter err, String items) {
        this.err = err;
        this.items = items;
    }

    @Override
    public void start(int nightId, long totalBytes, long bytesInHand) {
        start("night " + nightId, totalBytes, bytesInHand);
    }

    void start(String label, long total, long done) {
        this.label = label;
        this.total = total;
        this.done = done;
        this.startDone = done;
        this.startNanos = System.nanoTime();
        this.lastDrawNanos = 0;
        draw(startNanos);
    }

    @Override
    public void advance(long bytes) {
        done += bytes;
        long now = System.nanoTime();
        if (now - lastDrawNanos >= REDRAW_NANOS) {
            draw(now);
        }
    }

    @Override
    public void end() {
        draw(System.nanoTime());
        err.print('\n');
        err.flush();
    }

    private void draw(long now) {
        lastDrawNanos = now;
        double fraction = total > 0 ? Math.min(1, (double) done / total) : 1;
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        double seconds = (now - startNanos) / 1e9;
        double rate = seconds > 0.05 ? (done - startDone) / seconds : 0;
        String left = rate > 0 ? clock((total - done) / rate) : "--:--";
        String amount = items == null ? megabytes(done) + " / " + megabytes(total)
                : done + " / " + total + " " + items;
        String perSecond = items == null ? megabytes((long) rate) : String.format(Locale.ROOT, "%.1f", rate);
        err.print(String.format(Locale.ROOT, "\r%s [%s%s] %s  %s/s  %s left ", label,
                "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), amount, perSecond, left));
        err.flush();
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
