package org.plmwatch.core.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;

/**
 * The detector on a real recording: accel/ankle-imu-bursts.csv from the shared data (53 s from a
 * home-made ankle IMU, ~8 Hz, jittery timestamps, acceleration in g, 7 deliberate movements of
 * ~1.5 s; origin: ihl396/emory-plm, see the data README). Skipped when the data is absent.
 */
class RealAnkleRecordingTest {

    @Test
    void findsTheDeliberateMovementsOfAnEightHertzAnkleImu() throws IOException {
        String dir = System.getProperty("plmwatch.shared.data");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "shared data absent");
        Path file = Path.of(dir, "accel", "ankle-imu-bursts.csv");
        Assumptions.assumeTrue(Files.isRegularFile(file), "ankle-imu-bursts.csv absent");

        LegMovementCollector c = new LegMovementCollector(Leg.LEFT);
        LegMovementDetector d = new LegMovementDetector(c);
        List<String> lines = Files.readAllLines(file);
        assertEquals("TimeStamp,AccX,AccY,AccZ,GyroX,GyroY,GyroZ", lines.get(0));
        LocalDateTime t0 = null;
        double sumA = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            LocalDateTime t = LocalDateTime.parse(f[0].replace(' ', 'T'));
            t0 = t0 == null ? t : t0;
            double x = Double.parseDouble(f[1]);
            double y = Double.parseDouble(f[2]);
            double z = Double.parseDouble(f[3]);
            sumA += Math.sqrt(x * x + y * y + z * z);
            d.sample(Duration.between(t0, t).toNanos() / 1e9, x, y, z);
        }
        d.end();
        assertEquals(1.0, sumA / (lines.size() - 1), 0.1, "a mostly resting ankle reads about 1 g");
        assertEquals(8.2, d.sampleRateHz(), 0.3);
        assertEquals(List.of(), c.gaps(), "jitter is not a gap");
        // All seven, about 1.5 s long, and nothing else: the first starts under 1 s in, inside the
        // 2-s warm-up (a strong movement may start there), the last is cut by the end of the file.
        // Onsets read off the gyro magnitude of the raw file, which rises at 0.8, 6.7, 15.7,
        // 24.5, 34.0, 43.6 and 51.5 s.
        List<LegMovement> found = c.movements();
        double[] onsets = {0.75, 6.7, 15.6, 24.5, 33.9, 43.6, 51.4};
        assertEquals(onsets.length, found.size(), "movements: " + found);
        for (int i = 0; i < onsets.length; i++) {
            assertEquals(onsets[i], found.get(i).onsetSeconds(), 0.35, "onset " + i);
            assertTrue(found.get(i).durationSeconds() > 0.8 && found.get(i).durationSeconds() < 2.2, "duration " + found.get(i));
            assertTrue(found.get(i).peakG() > 0.5, "strong deliberate movement " + found.get(i));
        }
    }
}
