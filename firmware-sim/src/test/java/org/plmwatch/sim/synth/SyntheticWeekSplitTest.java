package org.plmwatch.sim.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.sleep.ActigraphySleep;
import org.plmwatch.core.sleep.NightSplitConfig;
import org.plmwatch.core.sleep.NightSplitter;
import org.plmwatch.core.sleep.SleepConfig;

/**
 * Issue 10 item 1: a synthetic week (7 nights, days of walking, standing, sitting and naps between)
 * is split into exactly its 7 nights, lights-off and lights-on within 15 min of the truth, in one
 * streaming pass per leg at 25 Hz.
 */
class SyntheticWeekSplitTest {

    private static final double TOLERANCE_SECONDS = 15 * 60;

    private static List<ActigraphySleep> split(SyntheticWeek week, Leg... legs) {
        List<NightSplitter> splitters = new java.util.ArrayList<>();
        for (Leg leg : legs) {
            NightSplitter s = new NightSplitter(SleepConfig.DEFAULTS, NightSplitConfig.DEFAULTS, leg, 0);
            week.stream(leg, s);
            splitters.add(s);
        }
        return NightSplitter.nights(splitters);
    }

    @Test
    void aWeekOfBothAnklesGivesItsSevenNights() {
        SyntheticWeek week = SyntheticWeek.generate(SyntheticWeek.Config.week(3));
        assertFalse(week.naps().isEmpty(), "the seeded week has naps to ignore: " + week.naps());
        List<ActigraphySleep> nights = split(week, Leg.LEFT, Leg.RIGHT);
        assertNights(week, nights);
    }

    @Test
    void oneAnkleAloneAtALowRateGivesTheSameNights() {
        SyntheticWeek.Config c = SyntheticWeek.Config.week(4);
        SyntheticWeek week = SyntheticWeek.generate(new SyntheticWeek.Config(c.seed(), c.start(), c.nights(), 12.5,
                c.sensor(), c.plmsPerHour(), c.napProbability()));
        assertNights(week, split(week, Leg.RIGHT));
    }

    private static void assertNights(SyntheticWeek week, List<ActigraphySleep> nights) {
        List<SyntheticWeek.Span> truth = week.nights();
        assertEquals(7, truth.size());
        assertEquals(truth.size(), nights.size(), "one night per true night: " + describe(nights) + " vs " + truth);
        for (int i = 0; i < truth.size(); i++) {
            ActigraphySleep n = nights.get(i);
            SyntheticWeek.Span t = truth.get(i);
            assertEquals(t.fromSeconds(), n.lightsOffSeconds(), TOLERANCE_SECONDS, "lights-off of night " + (i + 1));
            assertEquals(t.toSeconds(), n.lightsOnSeconds(), TOLERANCE_SECONDS, "lights-on of night " + (i + 1));
            assertTrue(n.lyingFound() && !n.shorterThanNight());
            double tib = n.hypnogram().tibSeconds();
            assertTrue(tib > 0.9 * (t.toSeconds() - t.fromSeconds()), "the night is recorded time in bed: " + tib);
            assertEquals(0, n.notRecordedSeconds(), 60, "nothing missing in night " + (i + 1));
            for (var m : n.movements()) {
                assertTrue(m.onsetSeconds() >= n.lightsOffSeconds() && m.onsetSeconds() < n.lightsOnSeconds());
            }
        }
    }

    private static String describe(List<ActigraphySleep> nights) {
        StringBuilder b = new StringBuilder();
        for (ActigraphySleep n : nights) {
            b.append(String.format("[%.0f–%.0f s]", n.lightsOffSeconds(), n.lightsOnSeconds()));
        }
        return b.toString();
    }
}
