package org.plmwatch.analyzer.link;

/** A block would take a night's part past the size or block count the device announced: not written. */
public final class AnnouncedSizeExceededException extends RuntimeException {

    public AnnouncedSizeExceededException(String message) {
        super(message);
    }
}
