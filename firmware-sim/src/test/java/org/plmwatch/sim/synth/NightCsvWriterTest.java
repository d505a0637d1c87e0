package org.plmwatch.sim.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.core.model.Leg;

class NightCsvWriterTest {

    @Test
    void writesTheArchitectureCsvAndTheTruthBesideIt(@TempDir Path dir) throws IOException {
        SyntheticNight n = SyntheticNight.generate(
                SyntheticNightConfig.defaults(2).withRecordingHours(0.5).withTiming(60, 60, 120).withSampling(25, 0.002,
                        SensorModel.LIS3DH_4G_HIGHRES));
        NightCsvWriter.WrittenFiles f = NightCsvWriter.write(n, dir, "night");
        List<String> left = Files.readAllLines(f.left());
        assertEquals("# start: 2026-01-15T22:30", left.get(0));
        assertEquals("# leg: left", left.get(1));
        assertEquals("# rate: 25.0", left.get(2));
        assertTrue(left.get(3).startsWith("# device: synthetic night, seed 2"), left.get(3));
        assertEquals("t,x,y,z", left.get(4));
        assertEquals(5 + 1800 * 25, left.size());
        assertEquals("# leg: right", Files.readAllLines(f.right()).get(1));
        for (String line : left.subList(5, left.size())) {
            assertTrue(line.matches("-?\\d+\\.\\d{3},-?\\d+\\.\\d{4},-?\\d+\\.\\d{4},-?\\d+\\.\\d{4}"), line);
        }
        String[] first = left.get(5).split(",");
        double a = Math.sqrt(sq(first[1]) + sq(first[2]) + sq(first[3]));
        assertEquals(1.0, a, 0.05, "a resting ankle reads 1 g");

        List<String> truth = Files.readAllLines(f.truthMovements());
        int header = truth.indexOf("leg,onset_s,duration_s,peak_g");
        assertTrue(header > 0 && truth.subList(0, header).stream().allMatch(s -> s.startsWith("#")));
        assertEquals(n.truth(Leg.LEFT).size() + n.truth(Leg.RIGHT).size(), truth.size() - header - 1);
        assertTrue(truth.get(header + 1).matches("(left|right),\\d+\\.\\d{3},\\d+\\.\\d{3},\\d+\\.\\d{4}"));

        List<String> sleep = Files.readAllLines(f.truthSleep());
        int sh = sleep.indexOf("onset_s,duration_s,stage");
        assertTrue(sleep.contains("# lights_off_s: 60.000"));
        assertEquals(n.hypnogram().epochs().size(), sleep.size() - sh - 1);
        assertEquals("60.000,30.000,W", sleep.get(sh + 1));
    }

    @Test
    void fixedPointTextRoundsLikeFormat() {
        for (double v : new double[] {0, 1, -1, 0.00004, -0.00004, 0.99996, -1.23456, 123.4567}) {
            String expected = String.format(java.util.Locale.ROOT, "%.4f", v);
            if (expected.equals("-0.0000")) {
                expected = "0.0000";
            }
            assertEquals(expected, NightCsvWriter.appendFixed(new StringBuilder(), v, 4).toString(), "for " + v);
        }
    }

    private static double sq(String s) {
        double v = Double.parseDouble(s);
        return v * v;
    }
}
