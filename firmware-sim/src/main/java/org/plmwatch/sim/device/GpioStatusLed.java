package org.plmwatch.sim.device;

import com.pi4j.io.gpio.digital.DigitalOutput;

/**
 * The device's LED on a GPIO output (GPIO22, active high). A daemon thread plays the current
 * pattern; a change or an acknowledgement wakes it at once. Sleeping per LED edge (at most 10 edges
 * a second, in the fault pattern) costs nothing next to the sampling loop. It lives as long as the
 * program, not the recording: after a fault the device keeps serving the link and the patient must
 * still see the fault, so only {@link #close()} (program end) switches it off.
 */
public final class GpioStatusLed implements StatusLed {

    private static final int FLASH_MILLIS = 500;

    /**
     * How the player holds one LED step while holding the lock (it must give the lock up, so a change
     * or close wakes it). Real time on the device; a test holds steps in its own time so it can read
     * the pattern without sleeping.
     */
    @FunctionalInterface
    interface StepPause {
        StepPause REAL_TIME = Object::wait;

        void hold(Object lock, long millis) throws InterruptedException;
    }

    private final DigitalOutput line;
    private final StepPause pause;
    private final Thread player;
    private final Object lock = new Object();
    private LedPattern pattern = LedPattern.DARK;
    private boolean flashPending;
    private boolean closed;
    /** Bumped on every change so a sleeping player restarts its pattern. */
    private long generation;

    public GpioStatusLed(DigitalOutput line) {
        this(line, StepPause.REAL_TIME);
    }

    GpioStatusLed(DigitalOutput line, StepPause pause) {
        this.line = line;
        this.pause = pause;
        this.player = new Thread(this::play, "status-led");
        player.setDaemon(true);
        player.start();
    }

    @Override
    public void show(LedPattern newPattern) {
        synchronized (lock) {
            if (newPattern != pattern) {
                pattern = newPattern;
                generation++;
                lock.notifyAll();
            }
        }
    }

    @Override
    public void acknowledge() {
        synchronized (lock) {
            flashPending = true;
            generation++;
            lock.notifyAll();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            player.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        line.low();
    }

    /** Whether the player thread still runs (false once {@link #close()} has released it). */
    boolean playing() {
        return player.isAlive();
    }

    private void play() {
        try {
            synchronized (lock) {
                while (!closed) {
                    long gen = generation;
                    if (flashPending) {
                        flashPending = false;
                        line.high();
                        pause.hold(lock, FLASH_MILLIS);
                        line.low();
                        continue;
                    }
                    int[] steps = pattern.onOffMillis();
                    if (steps.length == 0) {
                        line.low();
                        lock.wait();
                        continue;
                    }
                    for (int i = 0; i < steps.length && gen == generation && !closed; i++) {
                        if (i % 2 == 0) {
                            line.high();
                        } else {
                            line.low();
                        }
                        pause.hold(lock, steps[i]);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            line.low();
        }
    }
}
