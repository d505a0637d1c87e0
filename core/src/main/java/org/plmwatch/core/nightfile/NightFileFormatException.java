package org.plmwatch.core.nightfile;

/**
 * A night file that cannot be read at all: empty, not a night file, or with its header block
 * damaged and no header assumed by the caller. The message says what, where (source and byte
 * offset) and how to fix it. Damage that the reader can recover from is never thrown: it is listed
 * in the {@link RecoveryReport}.
 */
public final class NightFileFormatException extends Exception {

    private final String source;
    private final long byteOffset;
    private final String what;
    private final String fix;

    public NightFileFormatException(String source, long byteOffset, String what, String fix) {
        this(source, byteOffset, what, fix, null);
    }

    public NightFileFormatException(String source, long byteOffset, String what, String fix, Throwable cause) {
        super(source + (byteOffset >= 0 ? ":byte " + byteOffset : "") + ": " + what
                + (fix == null || fix.isEmpty() ? "" : ". Fix: " + fix), cause);
        this.source = source;
        this.byteOffset = byteOffset;
        this.what = what;
        this.fix = fix == null ? "" : fix;
    }

    /** What is wrong, without source and offset (for callers that name the file their own way). */
    public String what() {
        return what;
    }

    /** How to fix it; empty when there is no advice. */
    public String fix() {
        return fix;
    }

    /** The file name or other label the caller gave the byte source. */
    public String source() {
        return source;
    }

    /** Byte offset of the problem, or -1 when it concerns the file as a whole. */
    public long byteOffset() {
        return byteOffset;
    }
}
