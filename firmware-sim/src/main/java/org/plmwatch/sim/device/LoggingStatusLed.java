package org.plmwatch.sim.device;

import java.io.PrintStream;

/** The simulator's LED: one line per pattern change ({@code led pattern=recording}), one per flash. */
public final class LoggingStatusLed implements StatusLed {

    private final PrintStream out;
    private LedPattern current;

    public LoggingStatusLed(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void show(LedPattern pattern) {
        if (pattern != current) {
            current = pattern;
            out.println("led pattern=" + pattern.label());
            out.flush();
        }
    }

    @Override
    public synchronized void acknowledge() {
        out.println("led flash=mark-acknowledged");
        out.flush();
    }

    @Override
    public synchronized void close() {
        show(LedPattern.DARK);
    }
}
