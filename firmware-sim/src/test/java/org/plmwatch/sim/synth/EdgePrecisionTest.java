package org.plmwatch.sim.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.plmwatch.core.detect.LegMovementDetector;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;

class EdgePrecisionTest {

    @Test
    void exactEdgesScoreTheTruthAndScatteredOnesMoveTheIndex() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<EdgePrecision.Line> lines = EdgePrecision.lines(MovementClass.SHORT_GAP, 3, 2,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(20, lines.size(), "2 PLM rates x 2 biases x 5 scatters");
        assertEquals(21, bytes.toString(StandardCharsets.UTF_8).lines().count(), "a header and a line each");
        for (EdgePrecision.Line line : lines) {
            assertTrue(line.nightsWithinTolerance() >= 0 && line.nightsWithinTolerance() <= 3, line.toString());
            if (line.insideBiasSeconds() == 0 && line.sigmaSeconds() == 0) {
                // The truth scored again: the same index, every night.
                assertEquals(3, line.nightsWithinTolerance(), line.toString());
                assertEquals(0, line.meanAbsPlmsIndexError(), 0, line.toString());
            }
        }
        // A 0.5-s boundary crossed somewhere in a night of 100 PLM/h and its gaps of 0.5-1 s.
        assertTrue(lines.stream().anyMatch(l -> l.plmsPerHour() == 100 && l.sigmaSeconds() == 0.02
                && l.meanAbsPlmsIndexError() > 0), lines.toString());
    }

    @Test
    void edgesMoveInwardByTheBiasAndScatterIsSeeded() {
        List<LegMovement> one = List.of(new LegMovement(Leg.LEFT, 100, 2, 0.2),
                new LegMovement(Leg.RIGHT, 200, 0.08, 0.1));
        List<LegMovement> biased = EdgePrecision.moved(one, 0.02, 0, new SplittableRandom(1));
        assertEquals(1, biased.size(), "a movement left under 50 ms is gone: " + biased);
        assertEquals(100.02, biased.get(0).onsetSeconds(), 1e-9);
        assertEquals(1.96, biased.get(0).durationSeconds(), 1e-9);
        assertEquals(EdgePrecision.moved(one, 0, 0.01, new SplittableRandom(7)),
                EdgePrecision.moved(one, 0, 0.01, new SplittableRandom(7)));
    }

    /** A 1-g rest on z, then from t0 a push along x that grows like (t - t0)^power, sampled at rate. */
    private static EdgePrecision.Samples push(double t0, double power, double gPerSecondToThePower, double rate) {
        EdgePrecision.Samples s = new EdgePrecision.Samples();
        for (int k = 0; k < 3 * rate; k++) {
            double t = k / rate;
            double u = Math.max(0, t - t0);
            s.sample(t, gPerSecondToThePower * Math.pow(u, power), 0, 1);
        }
        return s;
    }

    @Test
    void aStraightStartIsDatedWhereItBeginsAndARoundedOneInsideIt() {
        double rate = 50;
        double t0 = 1.013;
        // Up to 0.5 g over 0.5 s; the movement's end is past the samples' last but one.
        LegMovement m = new LegMovement(Leg.LEFT, t0, 1.5, 0.5);
        double noise = 0.003;
        double level = LegMovementDetector.strongEdgeLevelG(0.5, noise, rate);
        assertEquals(Math.max(0.01, 4 * noise / Math.sqrt(3)), level, 1e-12, "2 % of 0.5 g over 4 x 3 mg / sqrt 3");

        // A straight start: the secant through the level and twice it meets zero where it began.
        assertEquals(t0, EdgePrecision.datedEdges(push(t0, 1, 1.0, rate), m, noise, rate)[0], 1e-9);
        // A start that rises like u^2: the level is crossed at u1 = sqrt(level / k), twice it at
        // sqrt(2) u1, and the line through them meets zero at (2 - sqrt 2) u1, inside the movement.
        double k = 2.0;
        double u1 = Math.sqrt(level / k);
        double dated = EdgePrecision.datedEdges(push(t0, 2, k, rate), m, noise, rate)[0];
        assertEquals(t0 + (2 - Math.sqrt(2)) * u1, dated, 0.002, "on the chords between 50-Hz samples");
        assertTrue(dated > t0 + 0.03, "a rounded foot is dated inside: " + (dated - t0));
        // Never reaching the level: not seen.
        assertEquals(null, EdgePrecision.datedEdges(push(t0, 1, 0.001, rate), m, noise, rate));
    }

    @Test
    void noiseFreeEdgesLieInsideTheMovementsTheHigherTheLevelTheFurther() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<EdgePrecision.LevelLine> lines = EdgePrecision.noiseFreeLines(MovementClass.SHORT_GAP, 2, 2, 50,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(6, lines.size(), "2 PLM rates x 3 levels");
        assertEquals(7, bytes.toString(StandardCharsets.UTF_8).lines().count(), "a header and a line each");
        for (int i = 0; i < lines.size(); i += 3) {
            EdgePrecision.LevelLine peakOnly = lines.get(i);
            EdgePrecision.LevelLine lis3dh = lines.get(i + 1);
            EdgePrecision.LevelLine adxl345 = lines.get(i + 2);
            assertEquals(List.of("2%-peak", "LIS3DH", "ADXL345"),
                    List.of(peakOnly.dater().name(), lis3dh.dater().name(), adxl345.dater().name()));
            // The levels the detector dates at, 4 x the noise of a reading averaged over 3 at 50 Hz.
            assertEquals(0, peakOnly.noiseLevelG(), 0);
            assertEquals(0.0029, lis3dh.noiseLevelG(), 0.0002);
            assertEquals(0.0075, adxl345.noiseLevelG(), 0.0002);
            for (EdgePrecision.LevelLine line : List.of(peakOnly, lis3dh, adxl345)) {
                assertTrue(line.medianOnsetErrorSeconds() > 0 && line.medianEndErrorSeconds() < 0, line.toString());
                assertTrue(line.nightsWithinTolerance() >= 0 && line.nightsWithinTolerance() <= 2, line.toString());
            }
            assertTrue(peakOnly.medianOnsetErrorSeconds() <= lis3dh.medianOnsetErrorSeconds()
                    && lis3dh.medianOnsetErrorSeconds() < adxl345.medianOnsetErrorSeconds(), lines.toString());
            assertTrue(peakOnly.medianEndErrorSeconds() >= lis3dh.medianEndErrorSeconds()
                    && lis3dh.medianEndErrorSeconds() > adxl345.medianEndErrorSeconds(), lines.toString());
        }
    }
}
