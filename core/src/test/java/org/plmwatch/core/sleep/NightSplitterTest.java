package org.plmwatch.core.sleep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plmwatch.core.model.Leg;

/**
 * The night rules of {@link NightSplitter} on simple generated signals at 5 Hz: the shank lying
 * (gravity across it) or upright (along it), 1 mg noise, and a 2-s 0.2 g fidget every 10 min so a
 * worn leg is never still for an hour.
 */
class NightSplitterTest {

    private static final double RATE = 5;

    /** Feeds {@code seconds} of lying or upright from {@code from} on. */
    private static void feed(NightSplitter s, double from, double seconds, boolean lying, boolean fidgets, Random rng) {
        long n = Math.round(seconds * RATE);
        for (long k = 0; k < n; k++) {
            double t = from + k / RATE;
            double u = t - from;
            double burst = fidgets && (u % 600) < 2 && u > 5 ? 0.2 * Math.sin(2 * Math.PI * 1.3 * t) : 0;
            double gx = lying ? 0.1 : 0.99;
            double gz = lying ? 0.99 : 0.1;
            s.sample(t, gx + 0.001 * rng.nextGaussian(), burst + 0.001 * rng.nextGaussian(), gz + 0.001 * rng.nextGaussian());
        }
    }

    private static NightSplitter splitter() {
        return new NightSplitter(SleepConfig.DEFAULTS, NightSplitConfig.DEFAULTS, Leg.LEFT, 0);
    }

    @Test
    void aJumpOfYearsInTimeIsAGapNotEpochs() {
        Random rng = new Random(1);
        NightSplitter s = splitter();
        feed(s, 0, 3600, false, true, rng);
        feed(s, 3600, 4 * 3600, true, true, rng);
        double later = 40 * 365.25 * 86400; // a timestamp 40 years on: no array may span it
        feed(s, later, 4 * 3600, true, true, rng);
        feed(s, later + 4 * 3600, 3600, false, true, rng);
        s.end();
        List<ActigraphySleep> nights = NightSplitter.nights(List.of(s));
        assertEquals(2, nights.size(), "a gap of years ends the first night");
        assertEquals(3600, nights.get(0).lightsOffSeconds(), 30);
        assertEquals(5 * 3600, nights.get(0).lightsOnSeconds(), 30);
        assertEquals(later, nights.get(1).lightsOffSeconds(), 30);
        for (ActigraphySleep n : nights) {
            assertEquals(4, n.hypnogram().tibSeconds() / 3600, 0.02);
            assertEquals(0, n.notRecordedSeconds(), 30);
        }
    }

    @Test
    void aGapInsideANightIsNeitherTimeInBedNorSleep() {
        Random rng = new Random(2);
        NightSplitter s = splitter();
        feed(s, 0, 1800, false, true, rng);
        feed(s, 1800, 3 * 3600, true, true, rng);
        s.gap(1800 + 3 * 3600, 1800 + 4 * 3600);
        feed(s, 1800 + 4 * 3600, 3 * 3600, true, true, rng);
        feed(s, 1800 + 7 * 3600, 1800, false, true, rng);
        s.end();
        List<ActigraphySleep> nights = NightSplitter.nights(List.of(s));
        assertEquals(1, nights.size(), "an hour's gap does not end the night");
        ActigraphySleep n = nights.get(0);
        assertEquals(7, (n.lightsOnSeconds() - n.lightsOffSeconds()) / 3600, 0.02);
        assertEquals(6, n.hypnogram().tibSeconds() / 3600, 0.02, "the hour without samples is not time in bed");
        assertEquals(1, n.notRecordedSeconds() / 3600, 0.02);
        assertTrue(n.hypnogram().tstSeconds() <= 6 * 3600);
        assertTrue(n.hypnogram().epochAt(1800 + 3.5 * 3600) == null, "no epoch in the gap");
    }

    @Test
    void aNapIsNotANightAndAShortGetUpDoesNotSplitOne() {
        Random rng = new Random(3);
        NightSplitter s = splitter();
        feed(s, 0, 3600, false, true, rng);
        feed(s, 3600, 2400, true, true, rng); // a 40-min nap
        feed(s, 6000, 5 * 3600, false, true, rng);
        double off = 6000 + 5 * 3600;
        feed(s, off, 3 * 3600, true, true, rng);
        feed(s, off + 3 * 3600, 600, false, true, rng); // 10 min up in the night
        feed(s, off + 3 * 3600 + 600, 4 * 3600, true, true, rng);
        feed(s, off + 7 * 3600 + 600, 3600, false, true, rng);
        s.end();
        List<ActigraphySleep> nights = NightSplitter.nights(List.of(s));
        assertEquals(1, nights.size());
        assertEquals(off, nights.get(0).lightsOffSeconds(), 30);
        assertEquals(off + 7 * 3600 + 600, nights.get(0).lightsOnSeconds(), 30);
        assertFalse(nights.get(0).shorterThanNight());
    }

    @Test
    void anHourWithoutAnyMovementIsTheDeviceOffTheAnkle() {
        Random rng = new Random(4);
        NightSplitter s = splitter();
        feed(s, 0, 1800, false, true, rng);
        feed(s, 1800, 3 * 3600, true, true, rng);
        feed(s, 1800 + 3 * 3600, 2 * 3600, true, false, rng); // on the table, flat: perfectly still
        feed(s, 1800 + 5 * 3600, 2 * 3600, true, true, rng);
        feed(s, 1800 + 7 * 3600, 1800, false, true, rng);
        s.end();
        ActigraphySleep n = NightSplitter.nights(List.of(s)).get(0);
        double off = n.offAnkleSeconds() / 3600;
        // The still 2 h, plus the quiet minutes back to the last fidget before and on to the next after.
        assertTrue(off >= 2 && off <= 2 + 2 * 600 / 3600.0 + 0.01, "off the ankle: " + off + " h");
        assertEquals(n.offAnkleSeconds(), n.notRecordedSeconds(), 1e-9);
        assertEquals(7 * 3600 - n.offAnkleSeconds(), n.hypnogram().tibSeconds(), 60);
    }

    @Test
    void aDayLongRecordingWithoutLyingIsTakenWholeAndALongerOneHasNoNight() {
        Random rng = new Random(5);
        NightSplitter day = splitter();
        feed(day, 0, 6 * 3600, false, true, rng);
        day.end();
        List<ActigraphySleep> whole = NightSplitter.nights(List.of(day));
        assertEquals(1, whole.size());
        assertFalse(whole.get(0).lyingFound());
        assertEquals(6, whole.get(0).hypnogram().tibSeconds() / 3600, 0.02);

        NightSplitter days = splitter();
        feed(days, 0, 56 * 3600, false, true, rng);
        days.end();
        assertTrue(NightSplitter.nights(List.of(days)).isEmpty(), "no 56-h night");
    }

    @Test
    void twoLegsNeedBothShanksLying() {
        Random rng = new Random(6);
        NightSplitter l = new NightSplitter(SleepConfig.DEFAULTS, NightSplitConfig.DEFAULTS, Leg.LEFT, 0);
        NightSplitter r = new NightSplitter(SleepConfig.DEFAULTS, NightSplitConfig.DEFAULTS, Leg.RIGHT, 0);
        feed(l, 0, 1800, false, true, rng);
        feed(l, 1800, 6 * 3600, true, true, rng);
        feed(l, 1800 + 6 * 3600, 1800, false, true, rng);
        feed(r, 0, 3600, false, true, rng); // the right shank lies down 30 min later
        feed(r, 3600, 5.5 * 3600, true, true, rng);
        feed(r, 3600 + 5.5 * 3600, 1800, false, true, rng);
        l.end();
        r.end();
        List<ActigraphySleep> nights = NightSplitter.nights(List.of(l, r));
        assertEquals(1, nights.size());
        assertEquals(3600, nights.get(0).lightsOffSeconds(), 30);
        assertEquals(1800 + 6 * 3600, nights.get(0).lightsOnSeconds(), 30);
    }
}
