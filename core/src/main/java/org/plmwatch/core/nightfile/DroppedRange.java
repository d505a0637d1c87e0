package org.plmwatch.core.nightfile;

import java.util.Objects;

/**
 * Bytes {@code [startByte, endByte)} that the reader could not use; {@code reason} describes what
 * was found at {@code startByte}.
 */
public record DroppedRange(long startByte, long endByte, DropReason reason) {

    public DroppedRange {
        Objects.requireNonNull(reason, "reason");
        if (startByte < 0 || endByte <= startByte) {
            throw new IllegalArgumentException("bad range " + startByte + ".." + endByte);
        }
    }

    public long lengthBytes() {
        return endByte - startByte;
    }

    @Override
    public String toString() {
        return "bytes " + startByte + ".." + endByte + " (" + lengthBytes() + " B): " + reason;
    }
}
