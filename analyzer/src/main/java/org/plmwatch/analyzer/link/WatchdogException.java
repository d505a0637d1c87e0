package org.plmwatch.analyzer.link;

/**
 * An outer bound of docs/LINK.md §6 ran out: no new verified data for too long, or a night took
 * longer than its budget. Unlike {@link LinkTimeoutException} (one request unanswered, worth a new
 * session) this ends the wait for good: the device answers, but not usefully.
 */
public final class WatchdogException extends LinkException {

    public WatchdogException(String message) {
        super(message);
    }
}
