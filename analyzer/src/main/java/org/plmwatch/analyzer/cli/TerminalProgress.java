package org.plmwatch.analyzer.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.plmwatch.analyzer.link.DownloadProgress;

/**
 * A progress bar on one terminal line (carriage return, redrawn at most 10 times a second): night,
 * bar, bytes, rate and time left. Drawn only when a console is attached; otherwise silent, and the
 * command's summary says what happened.
 */
final class TerminalProgress implements DownloadProgress {

    private static final int BAR_WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private int nightId;
    private long total;
    private long done;
    private long startDone;
    private long startNanos;
    private long lastDrawNanos;

    TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void start(int nightId, long totalBytes, long bytesInHand) {
        this.nightId = nightId;
        this.total = totalBytes;
        this.done = bytesInHand;
        this.startDone = bytesInHand;
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
        err.print(String.format(Locale.ROOT, "\rnight %d [%s%s] %s / %s  %s/s  %s left ", nightId,
                "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), megabytes(done), megabytes(total),
                megabytes((long) rate), left));
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
