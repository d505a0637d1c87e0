package org.plmwatch.analyzer.link;

/** A received block is not an intact night-file block (thrown by a block sink; the block is asked for again). */
public final class DamagedBlockException extends RuntimeException {

    public DamagedBlockException(String message) {
        super(message);
    }
}
