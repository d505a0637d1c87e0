package org.plmwatch.sim.device;

/** Exit statuses of {@code plmwatch-device}; the systemd unit and the tests rely on them. */
public final class ExitCodes {

    /** The night was recorded and closed (end of a simulated night, or SIGTERM). */
    public static final int OK = 0;
    /** An internal error (a bug, or the storage failing mid-night). */
    public static final int INTERNAL = 1;
    /** The command line was wrong (picocli's usage status). */
    public static final int USAGE = 2;
    /** An input the user named cannot be used, e.g. an unreadable replay file. */
    public static final int BAD_INPUT = 3;
    /** The start-up self-test failed: sensor missing or wrong, storage not writable or full, clock. */
    public static final int SELF_TEST_FAILED = 4;
    /** Battery low: the night was flushed and closed; the unit must not restart (hardware/power.md). */
    public static final int LOW_BATTERY = 10;
    /** The link could not be served on the port given with --link. */
    public static final int LINK = 5;

    private ExitCodes() {
    }
}
