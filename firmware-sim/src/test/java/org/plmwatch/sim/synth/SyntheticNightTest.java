package org.plmwatch.sim.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.model.Epoch;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.Stage;

class SyntheticNightTest {

    /** One hour: 2 min of walking, lights-off, 5 min to fall asleep, 100 PLMS/h. */
    private static SyntheticNightConfig hour(long seed) {
        return SyntheticNightConfig.defaults(seed).withRecordingHours(1).withTiming(120, 120, 300).withPlmsPerHour(100);
    }

    /** Sums what a stream delivers, to compare streams without keeping them. */
    static final class Summary implements AccelSink {
        long count;
        double checksum;
        double lastT = Double.NEGATIVE_INFINITY;
        boolean increasing = true;
        boolean onGrid = true;
        boolean ended;
        double lsb;

        Summary(double lsb) {
            this.lsb = lsb;
        }

        @Override
        public void sample(double t, double x, double y, double z) {
            increasing &= t > lastT;
            lastT = t;
            count++;
            checksum += t * 1e-3 + x + 2 * y + 3 * z;
            for (double v : new double[] {x, y, z}) {
                onGrid &= Math.abs(v / lsb - Math.rint(v / lsb)) < 1e-6;
            }
        }

        @Override
        public void end() {
            ended = true;
        }
    }

    @Test
    void sameSeedGivesTheSameNightAndSamples() {
        SyntheticNight a = SyntheticNight.generate(hour(3));
        SyntheticNight b = SyntheticNight.generate(hour(3));
        assertEquals(a.truth(Leg.LEFT), b.truth(Leg.LEFT));
        assertEquals(a.hypnogram().epochs(), b.hypnogram().epochs());
        Summary sa = new Summary(0.002);
        Summary sb = new Summary(0.002);
        a.stream(Leg.RIGHT, sa);
        b.stream(Leg.RIGHT, sb);
        assertEquals(sa.checksum, sb.checksum);
        assertNotEquals(a.truth(Leg.LEFT), SyntheticNight.generate(hour(4)).truth(Leg.LEFT));
    }

    @Test
    void streamsEverySampleInOrderOnTheChipsGrid() {
        SyntheticNight n = SyntheticNight.generate(hour(5).withSampling(50, 0.004, SensorModel.LIS3DH_4G_HIGHRES));
        Summary s = new Summary(SensorModel.LIS3DH_4G_HIGHRES.lsbG());
        n.stream(Leg.LEFT, s);
        assertEquals(3600 * 50, s.count);
        assertTrue(s.increasing, "jittered timestamps still increase");
        assertTrue(s.onGrid, "readings are whole counts of 2 mg");
        assertTrue(s.ended);
    }

    @Test
    void aRestingLegReadsOneG() {
        SyntheticNight n = SyntheticNight.generate(hour(6));
        List<LegMovement> truth = n.truth(Leg.LEFT);
        double[] stats = new double[3]; // count, min |a|, max |a|
        stats[1] = Double.POSITIVE_INFINITY;
        n.stream(Leg.LEFT, (t, x, y, z) -> {
            for (LegMovement m : truth) {
                if (t > m.onsetSeconds() - 1 && t < m.offsetSeconds() + 1) {
                    return;
                }
            }
            double a = Math.sqrt(x * x + y * y + z * z);
            stats[0]++;
            stats[1] = Math.min(stats[1], a);
            stats[2] = Math.max(stats[2], a);
        });
        assertTrue(stats[0] > 50_000, "plenty of quiet samples: " + stats[0]);
        // Gravity, ±20 mg bias per axis, 1.1 mg noise, 2 mg counts.
        assertEquals(1.0, stats[1], 0.045);
        assertEquals(1.0, stats[2], 0.045);
    }

    @Test
    void truthIsPlausible() {
        SyntheticNight n = SyntheticNight.generate(SyntheticNightConfig.defaults(7).withPlmsPerHour(60));
        int bilateral = 0;
        for (Leg leg : Leg.values()) {
            List<LegMovement> ms = n.truth(leg);
            assertTrue(ms.size() > 200, leg + " has movements: " + ms.size());
            for (int i = 0; i < ms.size(); i++) {
                LegMovement m = ms.get(i);
                assertTrue(m.durationSeconds() >= 0.5 && m.durationSeconds() <= 40, "duration " + m);
                assertTrue(m.peakG() >= 0.03 - 1e-12 && m.peakG() <= 3.2, "peak (a turn adds up to 2 g of gravity change) " + m);
                if (i > 0) {
                    assertTrue(m.onsetSeconds() >= ms.get(i - 1).offsetSeconds() + 2 - 1e-9, "apart: " + m);
                }
            }
        }
        for (LegMovement l : n.truth(Leg.LEFT)) {
            for (LegMovement r : n.truth(Leg.RIGHT)) {
                if (l.onsetSeconds() < r.offsetSeconds() && r.onsetSeconds() < l.offsetSeconds()) {
                    bilateral++;
                }
            }
        }
        assertTrue(bilateral > 50, "movements on both legs together: " + bilateral);
        double sleepHours = n.hypnogram().tstSeconds() / 3600;
        assertEquals(60, n.plannedPlmCount() / sleepHours, 3, "PLMs per hour of sleep");
    }

    @Test
    void hypnogramRunsFromLightsOffToLightsOnWithWakeAndSleep() {
        SyntheticNight n = SyntheticNight.generate(SyntheticNightConfig.defaults(8));
        List<Epoch> epochs = n.hypnogram().epochs();
        assertEquals(n.lightsOffSeconds(), epochs.get(0).onsetSeconds(), 1e-9);
        assertEquals(n.lightsOnSeconds(), epochs.get(epochs.size() - 1).offsetSeconds(), 1e-9);
        assertEquals(Stage.WAKE, epochs.get(0).stage(), "awake at lights-off");
        double tst = n.hypnogram().tstSeconds();
        double tib = n.hypnogram().tibSeconds();
        assertTrue(tst > 0.7 * tib && tst < tib, "sleep efficiency " + tst / tib);
    }

    @Test
    void configRejectsNonsense() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticNightConfig.defaults(1).withRecordingHours(0.25));
        assertTrue(e.getMessage().contains("10 min in bed"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SyntheticNightConfig.defaults(1).withPlmsPerHour(-1));
    }

    @Test
    void chipNoiseFollowsTheDatasheetDensity() {
        // LIS3DH: 220 µg/√Hz over a 25-Hz bandwidth (50 Hz output rate) = 1.1 mg rms.
        assertEquals(0.0011, SensorModel.LIS3DH_4G_HIGHRES.noiseRmsG(50), 1e-6);
        assertEquals(0.008, SensorModel.ADXL345_4G_10BIT.withNoiseRmsG(0.008, 50).noiseRmsG(50), 1e-12);
    }
}
