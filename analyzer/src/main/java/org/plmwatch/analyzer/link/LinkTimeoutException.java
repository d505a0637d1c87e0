package org.plmwatch.analyzer.link;

/** Every attempt of a request timed out (docs/LINK.md §6). */
public final class LinkTimeoutException extends LinkException {

    public LinkTimeoutException(String message) {
        super(message);
    }
}
