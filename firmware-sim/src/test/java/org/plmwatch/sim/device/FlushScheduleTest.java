package org.plmwatch.sim.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the night file is forced to storage: every interval of device time (the device, and the
 * simulator at any paced speed), or of real time for a simulator at full speed.
 */
class FlushScheduleTest {

    @TempDir
    Path tmp;

    /** Counts the flushes of a schedule driven by drains every 0.5 s of device time. */
    private static int flushes(FlushSchedule s, long deviceSeconds, AtomicLong realNanos, long realNanosPerDrain) {
        int n = 0;
        for (long t = 500_000; t <= deviceSeconds * 1_000_000; t += 500_000) {
            realNanos.addAndGet(realNanosPerDrain);
            if (s.due(t)) {
                s.passed(t);
                n++;
            }
        }
        return n;
    }

    @Test
    void deviceTimeFlushesEveryIntervalOfTheData() {
        AtomicLong real = new AtomicLong();
        // One hour of data at 2-s intervals: 1,800 flushes however fast real time runs.
        assertEquals(1800, flushes(FlushSchedule.deviceTime(2_000_000, 0), 3600, real, 1_000));
    }

    @Test
    void realTimeFlushesEveryIntervalOfTheWallClockWhateverTheDataDoes() {
        AtomicLong real = new AtomicLong();
        FlushSchedule s = FlushSchedule.realTime(2_000_000, real::get);
        // One hour of data in 7.2 s of real time (1 ms per 0.5-s drain: 500x): one flush a real 2 s.
        assertEquals(3, flushes(s, 3600, real, 1_000_000));
        AtomicLong slow = new AtomicLong();
        // Paced at real time (0.5 s per drain) it flushes every 2 s, as the device schedule would.
        assertEquals(1800, flushes(FlushSchedule.realTime(2_000_000, slow::get), 3600, slow, 500_000_000));
    }

    @Test
    void afterAStallTheScheduleRestartsInsteadOfFlushingInABurst() {
        AtomicLong real = new AtomicLong();
        FlushSchedule s = FlushSchedule.realTime(1_000_000, real::get);
        real.set(10_000_000_000L);   // 10 s stall
        assertTrue(s.due(0));
        s.passed(0);
        assertFalse(s.due(0), "one flush after the stall, not ten");
        real.addAndGet(1_000_000_000L);
        assertTrue(s.due(0));
    }

    @Test
    void theSimulatorAtFullSpeedFlushesOnRealTime() throws Exception {
        // A 15-min synthetic night at --speed 0 takes well under a second: a handful of flushes (each
        // print is one), where device time would ask for 450.
        Path data = tmp.resolve("fast");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        DeviceOptions o = new DeviceOptions("synthetic", java.util.Optional.empty(), org.plmwatch.core.model.Leg.LEFT,
                data, 0, 2, 3, 0.25, java.util.List.of(), 16_000_000, true, java.util.OptionalDouble.empty());
        DeviceProgram p = new DeviceProgram(o,
                new java.io.PrintStream(out, true), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        long t0 = System.nanoTime();
        assertEquals(ExitCodes.OK, p.run());
        double seconds = (System.nanoTime() - t0) / 1e9;
        long printed = out.toString().lines().filter(l -> l.startsWith("flushed ")).count();
        assertTrue(printed <= seconds / 2 + 1, printed + " flushes in " + seconds + " s of real time");
    }
}
