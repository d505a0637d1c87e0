package org.plmwatch.analyzer.link;

/**
 * The device said something that cannot be true: more nights than any device holds, night ids
 * that do not advance, blocks past the size or count it announced. Nothing it sends afterwards is
 * believed; the download stops (exit 5) and keeps what was verified.
 */
public final class DeviceMisbehavesException extends LinkException {

    public DeviceMisbehavesException(String message) {
        super(message);
    }
}
