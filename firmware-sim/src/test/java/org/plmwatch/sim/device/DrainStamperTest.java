package org.plmwatch.sim.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Drains of 25 samples every ~0.5 s from a chip whose oscillator is off by up to ±4 %, each drain
 * stamped late by scheduling delay (0–8 ms, seeded) plus up to one period (the newest sample's age).
 * The stamps must stay contiguous (every batch within a quarter period of where the previous one
 * ended, so the night file sees no false gap) and close to the true sample times.
 */
class DrainStamperTest {

    @ParameterizedTest(name = "oscillator {0} % off")
    @CsvSource({"0", "4", "-4", "2.5"})
    void stampsStayContiguousAndTrackTheTrueTimes(double percentOff) {
        SplittableRandom rng = new SplittableRandom(7);
        double truePeriod = 20_000 * (1 + percentOff / 100);   // µs; the chip's real period
        DrainStamper s = new DrainStamper(50);
        long sample = 0;
        double previousEnd = Double.NaN;
        double worstJump = 0;
        double worstError = 0;
        for (int drain = 0; drain < 4 * 3600 * 2; drain++) {   // 4 hours
            int n = 25;
            double newestTrue = (sample + n - 1) * truePeriod;
            long drainMicros = Math.round(newestTrue + rng.nextDouble() * truePeriod + rng.nextDouble() * 8000);
            long first = s.firstSampleMicros(drainMicros, n, true);
            if (!Double.isNaN(previousEnd)) {
                worstJump = Math.max(worstJump, Math.abs(first - previousEnd));
            }
            previousEnd = first + n * s.periodMicros();
            if (drain > 200) {
                worstError = Math.max(worstError, Math.abs(first - sample * truePeriod));
            }
            sample += n;
        }
        System.out.printf("oscillator %+.1f %%: worst jump %.0f µs, worst error %.0f µs, period %.1f µs%n", percentOff,
                worstJump, worstError, s.periodMicros());
        assertTrue(worstJump < 5_000, "contiguous within a quarter period: worst jump " + worstJump + " µs");
        // The stamps sit about half a period plus the mean delay after the true times, never drifting.
        assertTrue(worstError < 20_000, "worst error after settling " + worstError + " µs");
        assertEquals(truePeriod, s.periodMicros(), truePeriod * 0.001, "the period estimate finds the oscillator");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"loss", "jump"})
    void aLossOrAJumpStartsAfreshFromTheDrainTime(String kind) {
        DrainStamper s = new DrainStamper(50);
        for (int i = 0; i < 10; i++) {
            s.firstSampleMicros(500_000L * i + 480_000, 25, true);
        }
        long drain = kind.equals("loss") ? 5_480_000 : 9_480_000;
        long first = s.firstSampleMicros(drain, 25, !kind.equals("loss"));
        assertEquals(drain - 24 * 20_000, first, 200);
    }
}
