package org.plmwatch.core.sleep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plmwatch.core.model.Epoch;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.Stage;

class ActigraphySleepEstimatorTest {

    /**
     * A short night at 25 Hz, sensor x along the shank: 0–300 s upright (x ≈ 1 g) walking (a 0.4 g
     * burst of 6 s every 10 s); 300–900 s lying (gravity across the shank), awake and fidgeting
     * (a 4-s 0.2 g burst every 8 s: too close together
     * to be a PLM series); 900–2700 s asleep, with a PLM series (2-s 0.15 g bursts
     * every 25 s) from 1500 to 2100 s; 2700–3000 s upright and walking again.
     */
    private static ActigraphySleep night() {
        return feed(Leg.LEFT, true, 11).result();
    }

    private static ActigraphySleepEstimator feed(Leg leg, boolean fidgets, long seed) {
        ActigraphySleepEstimator est = new ActigraphySleepEstimator(SleepConfig.DEFAULTS, leg);
        Random rng = new Random(seed);
        double rate = 25;
        for (int k = 0; k < 3000 * rate; k++) {
            double t = k / rate;
            boolean upright = t < 300 || t >= 2700;
            double gx = upright ? 0.99 : 0.1;
            double gy = upright ? 0.1 : 0.3;
            double gz = upright ? 0.1 : 0.95;
            double burst = 0;
            if (upright && (t % 10) < 6) {
                burst = 0.4;
            } else if (fidgets && t >= 300 && t < 900 && (t % 8) < 4) {
                burst = 0.2;
            } else if (t >= 1500 && t < 2100 && (t % 25) < 2) {
                burst = 0.15;
            }
            double wobble = burst * Math.sin(2 * Math.PI * 1.7 * t);
            est.sample(t, gx + 0.002 * rng.nextGaussian(), gy + wobble + 0.002 * rng.nextGaussian(),
                    gz + 0.002 * rng.nextGaussian());
        }
        est.end();
        return est;
    }

    @Test
    void findsLightsOffAndOnFromTheShankLyingDown() {
        ActigraphySleep r = night();
        assertTrue(r.lyingFound());
        assertEquals(300, r.lightsOffSeconds(), 30);
        assertEquals(2700, r.lightsOnSeconds(), 30);
        assertEquals(r.lightsOffSeconds(), r.hypnogram().startSeconds(), 1e-9);
        assertEquals(r.lightsOnSeconds(), r.hypnogram().endSeconds(), 1e-9);
        for (Epoch e : r.hypnogram().epochs()) {
            assertEquals(30, e.durationSeconds(), 1e-12);
        }
    }

    @Test
    void fidgetingIsWakeAndAPlmSeriesStaysSleep() {
        ActigraphySleep r = night();
        int wakeInFidgets = 0;
        for (double t = 330; t < 870; t += 30) {
            wakeInFidgets += r.hypnogram().stageAt(t + 1) == Stage.WAKE ? 1 : 0;
        }
        assertTrue(wakeInFidgets >= 16, "fidgeting epochs scored wake: " + wakeInFidgets + " of 18");
        for (double t = 1080; t < 2640; t += 30) { // Cole–Kripke and Webster lag ~2 min
            assertEquals(Stage.SLEEP, r.hypnogram().stageAt(t + 1), "asleep at " + t + " s (PLM series 1500–2100 s)");
        }
        assertTrue(r.movements().size() > 24, "the PLMs were detected: " + r.movements().size());
    }

    @Test
    void bothLegsTakeTheMoreActiveLeg() {
        // Only the right leg fidgets from 300 to 900 s; the left lies still.
        ActigraphySleepEstimator left = feed(Leg.LEFT, false, 12);
        ActigraphySleepEstimator right = feed(Leg.RIGHT, true, 13);
        assertEquals(Stage.SLEEP, left.result().hypnogram().stageAt(600), "the still leg alone says sleep");
        ActigraphySleep both = ActigraphySleepEstimator.bothLegs(left, right);
        assertEquals(300, both.lightsOffSeconds(), 30);
        assertEquals(2700, both.lightsOnSeconds(), 30);
        for (double t = 330; t < 870; t += 30) {
            assertEquals(Stage.WAKE, both.hypnogram().stageAt(t + 1), "awake at " + t + " s");
        }
        assertEquals(Stage.SLEEP, both.hypnogram().stageAt(1800), "the PLM series on both legs stays sleep");
        assertEquals(left.result().movements().size() + right.result().movements().size(), both.movements().size());
    }

    @Test
    void poolJoinsOverlappingAndNearMovementsOfBothLegs() {
        List<LegMovement> pooled = ActigraphySleepEstimator.pool(List.of(mv(0, 2), new LegMovement(Leg.RIGHT, 1, 2, 0.3),
                mv(3.4, 1), mv(10, 1)));
        assertEquals(2, pooled.size());
        assertEquals(0, pooled.get(0).onsetSeconds(), 1e-12);
        assertEquals(4.4, pooled.get(0).offsetSeconds(), 1e-12);
        assertEquals(0.3, pooled.get(0).peakG(), 1e-12);
    }

    @Test
    void periodicRunsNeedFourMovementsTenToNinetySecondsApart() {
        List<LegMovement> ms = List.of(mv(0, 2), mv(20, 2), mv(40, 2), mv(60, 2), // periodic
                mv(200, 2), mv(205, 2), mv(230, 2), mv(250, 2), // 5-s interval breaks it
                mv(400, 12), mv(420, 2), mv(440, 2), mv(460, 2), mv(480, 2)); // a 12-s one is not a PLM
        assertArrayEquals(new boolean[] {true, true, true, true, false, false, false, false, false, true, true, true,
                true}, ActigraphySleepEstimator.periodic(ms));
    }

    @Test
    void resultNeedsEnd() {
        ActigraphySleepEstimator est = new ActigraphySleepEstimator(SleepConfig.DEFAULTS, Leg.RIGHT);
        assertThrows(IllegalStateException.class, est::result);
        est.end();
        assertFalse(est.result().lyingFound());
        assertTrue(est.result().hypnogram().isEmpty());
    }

    private static LegMovement mv(double onset, double duration) {
        return new LegMovement(Leg.LEFT, onset, duration, 0.1);
    }
}
