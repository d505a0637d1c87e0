package org.plmwatch.core.io.accel;

import java.util.Objects;

/**
 * A stretch of a binary recording that was not read, with where and why.
 *
 * @param byteOffset offset of the block's first byte in the file
 * @param reason     what was wrong with it (bad checksum, bad header, ...)
 */
public record SkippedBlock(long byteOffset, String reason) {

    public SkippedBlock {
        Objects.requireNonNull(reason, "reason");
    }
}
