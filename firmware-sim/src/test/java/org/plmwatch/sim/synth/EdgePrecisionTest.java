package org.plmwatch.sim.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
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
}
