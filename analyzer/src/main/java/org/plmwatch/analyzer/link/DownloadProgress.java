package org.plmwatch.analyzer.link;

/** Told about a night's transfer as it goes; the CLI draws a progress bar from it. */
public interface DownloadProgress {

    /** A night starts: {@code totalBytes} on the device, {@code bytesInHand} already in the archive's part. */
    void start(int nightId, long totalBytes, long bytesInHand);

    /** {@code bytes} more stored. */
    void advance(long bytes);

    /** The night's transfer ended (stored, failed or interrupted). */
    void end();

    DownloadProgress NONE = new DownloadProgress() {
        @Override
        public void start(int nightId, long totalBytes, long bytesInHand) {
        }

        @Override
        public void advance(long bytes) {
        }

        @Override
        public void end() {
        }
    };
}
