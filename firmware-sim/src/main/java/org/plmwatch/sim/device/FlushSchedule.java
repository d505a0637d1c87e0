package org.plmwatch.sim.device;

import java.util.function.LongSupplier;

/**
 * When the recorder forces the night file to storage. The flush interval bounds what a power cut
 * can lose, so on the device, and in the simulator at any paced {@code --speed}, it is counted in
 * device time: flushes come every interval of the data's own time, on a fixed schedule (every
 * interval on average, although a flush can only happen at a drain; after a stall the schedule
 * restarts).
 *
 * <p>At {@code --speed 0} (as fast as possible) device time races ahead of real time: a 2-s
 * device-time schedule would force the file to disk thousands of times a real second, and the
 * disk, not the program, would set the pace. There the schedule counts real time instead: a flush
 * every interval of wall-clock time, so a kill or power cut loses at most the last interval of
 * real time's writing (which may hold many minutes of simulated data). The file holds the same
 * samples, movements, marks and END; its sample blocks are only fuller, since a flush closes the
 * partial block.
 */
abstract class FlushSchedule {

    /** True when a flush is due at file time {@code fileMicros}. */
    abstract boolean due(long fileMicros);

    /** The due flush (or check) was just done at file time {@code fileMicros}. */
    abstract void passed(long fileMicros);

    /** Every {@code intervalMicros} of device (file) time, starting at {@code startFileMicros}. */
    static FlushSchedule deviceTime(long intervalMicros, long startFileMicros) {
        return new Fixed(intervalMicros, startFileMicros, null);
    }

    /** Every {@code intervalMicros} of real time, read from {@code nanoTime}. */
    static FlushSchedule realTime(long intervalMicros, LongSupplier nanoTime) {
        return new Fixed(intervalMicros, nanoTime.getAsLong() / 1000, nanoTime);
    }

    /** A fixed schedule on one clock: the file's, or real time when {@code nanoTime} is given. */
    private static final class Fixed extends FlushSchedule {
        private final long intervalMicros;
        private final LongSupplier nanoTime;
        private long lastMicros;

        Fixed(long intervalMicros, long startMicros, LongSupplier nanoTime) {
            if (intervalMicros <= 0) {
                throw new IllegalArgumentException("flush interval must be > 0 µs, was " + intervalMicros);
            }
            this.intervalMicros = intervalMicros;
            this.lastMicros = startMicros;
            this.nanoTime = nanoTime;
        }

        private long now(long fileMicros) {
            return nanoTime == null ? fileMicros : nanoTime.getAsLong() / 1000;
        }

        @Override
        boolean due(long fileMicros) {
            return now(fileMicros) - lastMicros >= intervalMicros;
        }

        @Override
        void passed(long fileMicros) {
            long now = now(fileMicros);
            lastMicros = now - lastMicros < 2 * intervalMicros ? lastMicros + intervalMicros : now;
        }
    }
}
