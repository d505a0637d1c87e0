package org.plmwatch.core.io;

import java.nio.file.Path;

/**
 * Input the analyzer cannot read. The message always says what is wrong, where (file and line or
 * byte offset) and how to fix it; the CLI turns it into exit code 3.
 */
public final class InputFormatException extends Exception {

    private final Path file;
    private final String where;

    private InputFormatException(Path file, String where, String what, String fix) {
        super(file + (where.isEmpty() ? "" : ":" + where) + ": " + what + (fix == null || fix.isEmpty() ? "" : ". Fix: " + fix));
        this.file = file;
        this.where = where;
    }

    /** A problem on a text line (1-based). */
    public static InputFormatException atLine(Path file, long line, String what, String fix) {
        return new InputFormatException(file, "line " + line, what, fix);
    }

    /** A problem at a byte offset of a binary file. */
    public static InputFormatException atByte(Path file, long offset, String what, String fix) {
        return new InputFormatException(file, "byte " + offset, what, fix);
    }

    /** A problem with the file as a whole. */
    public static InputFormatException inFile(Path file, String what, String fix) {
        return new InputFormatException(file, "", what, fix);
    }

    public Path file() {
        return file;
    }

    /** "line N", "byte N" or empty. */
    public String where() {
        return where;
    }
}
