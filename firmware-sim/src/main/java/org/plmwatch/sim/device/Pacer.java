package org.plmwatch.sim.device;

/**
 * Paces a simulated sensor against {@code System.nanoTime}: data time runs {@code speed} times
 * faster than real time ({@code speed 0}: as fast as possible). Called once per FIFO batch, never
 * per sample; it sleeps only when at least 50 ms ahead, in steps of at most 200 ms so a stop is
 * seen quickly.
 */
final class Pacer {

    private static final long MIN_SLEEP_NANOS = 50_000_000;
    private static final long MAX_STEP_MILLIS = 200;

    private final double speed;
    private long startNanos;
    private long startDataMicros;
    private boolean started;

    Pacer(double speed) {
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be >= 0 (0 = as fast as possible), was " + speed);
        }
        this.speed = speed;
    }

    /** Waits until real time has caught up with data time {@code dataMicros}. */
    void await(long dataMicros, NightRecorder recorder) throws InterruptedException {
        if (speed == 0) {
            return;
        }
        if (!started) {
            started = true;
            startNanos = System.nanoTime();
            startDataMicros = dataMicros;
            return;
        }
        long target = startNanos + (long) ((dataMicros - startDataMicros) * 1000 / speed);
        long ahead;
        while ((ahead = target - System.nanoTime()) >= MIN_SLEEP_NANOS && !recorder.stopRequested()) {
            Thread.sleep(Math.min(MAX_STEP_MILLIS, ahead / 1_000_000));
        }
    }
}
