package org.plmwatch.analyzer.cli;

/** The analyzer's exit codes; scripts and the tests rely on them. */
public final class ExitCode {
    private ExitCode() {
    }

    public static final int OK = 0;
    /** A bug or an I/O failure of the machine: the message says what happened. */
    public static final int INTERNAL = 1;
    /** The command line is wrong: unknown option, missing argument, bad value. */
    public static final int USAGE = 2;
    /**
     * An input file cannot be read as what it claims to be (the message names file, place and fix),
     * is not a readable regular file, or an output path cannot be written.
     */
    public static final int BAD_INPUT = 3;
}
