package org.plmwatch.analyzer.link;

/**
 * What the downloader did with one night.
 *
 * @param nightId           the device's night id
 * @param status            what happened
 * @param sizeBytes         the night's size on the device
 * @param bytesTransferred  bytes received for it in this run
 * @param resumedFromBlock  block the download started at (0, or where an earlier run stopped)
 * @param erased            erased on the device after verification (only with erase-after-verify)
 * @param message           for people: what, and what to do (empty when all is well)
 */
public record NightOutcome(int nightId, Status status, long sizeBytes, long bytesTransferred, int resumedFromBlock,
        boolean erased, String message) {

    public enum Status {
        /** Downloaded (or finished) now, SHA-256 verified, stored. */
        DOWNLOADED,
        /** Already in the archive, verified: nothing transferred. */
        ALREADY_ARCHIVED,
        /** Still recording on the device: left for a later download. */
        SKIPPED_RECORDING,
        /** Not stored: the message says why and how to resume. */
        FAILED
    }
}
