package org.plmwatch.sim.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Start-up checks that do not need the sensor's data path (that is each source's own
 * {@link SampleSource#selfTest()}): storage writable with room for a night, a monotonic clock that
 * advances, and the resting-magnitude rule used by the real sensors.
 */
public final class SelfTest {

    /** A resting accelerometer reads 1 g; outside this the scale or the chip is wrong. */
    public static final double MIN_REST_G = 0.8;
    public static final double MAX_REST_G = 1.2;

    private SelfTest() {
    }

    /** The data directory takes a file, and holds at least {@code minFreeBytes} free. */
    public static void storage(Path dataDir, FreeSpace freeSpace, long minFreeBytes) throws StartFailure {
        Path probe = dataDir.resolve(".write-test");
        try {
            Files.createDirectories(dataDir);
            Files.write(probe, new byte[] {1});
            Files.delete(probe);
        } catch (IOException | RuntimeException e) {
            throw StartFailure.selfTest("the data directory " + dataDir + " is not writable (" + e.getMessage()
                    + "). Fix: give --data a directory this user may write (on the device /var/lib/plmwatch, owned by "
                    + "the plmwatch user: hardware/pi-os/install.sh sets it up)");
        }
        long free;
        try {
            free = freeSpace.usableBytes();
        } catch (IOException e) {
            throw StartFailure.selfTest("cannot read the free space of " + dataDir + ": " + e.getMessage());
        }
        if (free < minFreeBytes) {
            throw StartFailure.selfTest(String.format(Locale.ROOT,
                    "storage full: %.1f MB free in %s, at least %.1f MB needed for a night. Fix: download the nights "
                            + "and erase them, or lower --min-free-mb", free / 1e6, dataDir, minFreeBytes / 1e6));
        }
    }

    /** The clock advances within a millisecond of busy waiting and never goes back. */
    public static void clock(MonotonicClock clock) throws StartFailure {
        long first = clock.nowMicros();
        long deadline = System.nanoTime() + 50_000_000L;
        long now = first;
        while (now == first && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            now = clock.nowMicros();
        }
        if (now < first) {
            throw StartFailure.selfTest("the monotonic clock went back from " + first + " to " + now + " µs");
        }
        if (now == first) {
            throw StartFailure.selfTest("the monotonic clock did not advance in 50 ms");
        }
    }

    /** Median of |a| over the samples, in g (robust to a leg moving during the test). */
    public static double medianMagnitudeG(short[] xyz, int count, double gPerCount) {
        if (count == 0) {
            return Double.NaN;
        }
        double[] m = new double[count];
        for (int i = 0; i < count; i++) {
            double x = xyz[3 * i] * gPerCount;
            double y = xyz[3 * i + 1] * gPerCount;
            double z = xyz[3 * i + 2] * gPerCount;
            m[i] = Math.sqrt(x * x + y * y + z * z);
        }
        Arrays.sort(m);
        return count % 2 == 1 ? m[count / 2] : (m[count / 2 - 1] + m[count / 2]) / 2;
    }

    /** The resting-magnitude rule: the median |a| of the first second lies in 0.8–1.2 g. */
    public static void restingMagnitude(String chip, short[] xyz, int count, double gPerCount) throws StartFailure {
        double median = medianMagnitudeG(xyz, count, gPerCount);
        if (count == 0) {
            throw StartFailure.selfTest(chip + " gave no samples in the first second: check the INT1 wire (GPIO17) and "
                    + "the sensor's power");
        }
        if (!(median >= MIN_REST_G && median <= MAX_REST_G)) {
            throw StartFailure.selfTest(String.format(Locale.ROOT,
                    "%s reads |a| = %.3f g at rest (median of %d samples), outside %.1f–%.1f g: the range/scale "
                            + "setting is wrong or the sensor is damaged. Fix: check SensorConfig and the chip",
                    chip, median, count, MIN_REST_G, MAX_REST_G));
        }
    }
}
