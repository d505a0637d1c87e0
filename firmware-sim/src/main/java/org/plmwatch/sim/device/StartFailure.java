package org.plmwatch.sim.device;

/**
 * The device program cannot start: a failed self-test ({@link ExitCodes#SELF_TEST_FAILED}) or an
 * unusable input ({@link ExitCodes#BAD_INPUT}). The message says what, where and how to fix it.
 */
public final class StartFailure extends Exception {

    private final int exitCode;

    public StartFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public StartFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static StartFailure selfTest(String message) {
        return new StartFailure(ExitCodes.SELF_TEST_FAILED, "self-test failed: " + message);
    }

    public int exitCode() {
        return exitCode;
    }
}
