package org.plmwatch.analyzer.demo;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import org.plmwatch.core.model.Epoch;
import org.plmwatch.core.model.Hypnogram;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.Night;
import org.plmwatch.core.model.SleepSource;
import org.plmwatch.core.model.Stage;
import org.plmwatch.core.model.TimedEvent;

/**
 * A PSG-style night made up from a seed, so the demo needs no file: a hypnogram of five
 * 90-minute cycles, PLM episodes in NREM sleep with log-normal IMIs around 25 s (the PLMS
 * interval peak reported by Ferri et al. 2016 lies at 20–40 s), movements of 0.5–5 s on either
 * leg or both, isolated movements, turnings-over longer than 10 s, arousals that follow some
 * movements, and a cluster of apneas each followed by a movement in the respiratory window.
 */
public final class DemoNight {

    private static final double EPOCH = 30.0;

    private DemoNight() {
    }

    public static Night generate(long seed) {
        return generate(seed, LocalDateTime.of(2026, 11, 20, 22, 45, 0));
    }

    /** The night of {@code seed} starting at {@code start} (several nights for a many-night report). */
    public static Night generate(long seed, LocalDateTime start) {
        Random rnd = new Random(seed);
        List<Epoch> epochs = hypnogram(rnd);
        Hypnogram hyp = new Hypnogram(epochs);
        List<LegMovement> moves = new ArrayList<>();
        List<TimedEvent> arousals = new ArrayList<>();
        List<TimedEvent> apneas = new ArrayList<>();

        // PLM episodes: start in NREM epochs, run 5–40 minutes while sleep stays NREM.
        double t = 1500;
        double end = hyp.endSeconds();
        while (t < end) {
            t += 600 + rnd.nextDouble() * 1800;
            Stage s = hyp.stageAt(t);
            if (s != Stage.N1 && s != Stage.N2) {
                continue;
            }
            double episodeEnd = t + 300 + rnd.nextDouble() * 2100;
            while (t < episodeEnd && t < end && hyp.stageAt(t).isSleep() && hyp.stageAt(t) != Stage.REM) {
                // PLMs thin out in N3 (Ferri 2016): the leg skips most beats there.
                if (hyp.stageAt(t) != Stage.N3 || rnd.nextDouble() < 0.3) {
                    addMovement(rnd, moves, arousals, t, 0.6 + Math.exp(0.6 + 0.45 * rnd.nextGaussian()) * 0.5, 0.3);
                }
                t += Math.min(85, Math.max(10.5, Math.exp(Math.log(25) + 0.3 * rnd.nextGaussian())));
            }
        }
        // Isolated movements anywhere, about 4 an hour.
        for (double u = 60; u < end; u += 300 + rnd.nextDouble() * 1200) {
            addMovement(rnd, moves, arousals, u, 0.5 + rnd.nextDouble() * 4.5, 0.1);
        }
        // Turnings-over: both legs, long, in wake or light sleep.
        for (Epoch e : epochs) {
            if ((e.stage() == Stage.WAKE || e.stage() == Stage.N1) && rnd.nextDouble() < 0.08) {
                double on = e.onsetSeconds() + rnd.nextDouble() * 10;
                moves.add(LegMovement.of(Leg.LEFT, on, 12 + rnd.nextDouble() * 15));
                moves.add(LegMovement.of(Leg.RIGHT, on + 0.3, 11 + rnd.nextDouble() * 15));
            }
        }
        // An hour of obstructive events in the second half, each followed by a movement.
        for (double a = end * 0.6; a < end * 0.6 + 3600; a += 45 + rnd.nextDouble() * 30) {
            double duration = 12 + rnd.nextDouble() * 18;
            apneas.add(new TimedEvent(a, duration));
            if (rnd.nextDouble() < 0.7) {
                addMovement(rnd, moves, arousals, a + duration - 1 + rnd.nextDouble() * 6, 1 + rnd.nextDouble() * 3, 0.2);
            }
        }
        // Spontaneous arousals, about 5 an hour.
        for (double u = 900; u < end; u += 400 + rnd.nextDouble() * 600) {
            arousals.add(new TimedEvent(u, 3 + rnd.nextDouble() * 7));
        }
        return new Night(start, hyp, SleepSource.PSG_HYPNOGRAM,
                EnumSet.allOf(Leg.class), moves, arousals, apneas);
    }

    /** One movement on a random leg, sometimes both, with an arousal after it sometimes. */
    private static void addMovement(Random rnd, List<LegMovement> moves, List<TimedEvent> arousals,
                                    double onset, double duration, double arousalChance) {
        double pick = rnd.nextDouble();
        if (pick < 0.4) {
            moves.add(LegMovement.of(Leg.LEFT, onset, duration));
        } else if (pick < 0.8) {
            moves.add(LegMovement.of(Leg.RIGHT, onset, duration));
        } else {
            moves.add(LegMovement.of(Leg.LEFT, onset, duration));
            moves.add(LegMovement.of(Leg.RIGHT, onset + rnd.nextDouble() * 0.4, duration * (0.6 + 0.6 * rnd.nextDouble())));
        }
        if (rnd.nextDouble() < arousalChance) {
            arousals.add(new TimedEvent(onset + 0.5 + rnd.nextDouble(), 3 + rnd.nextDouble() * 7));
        }
    }

    /** 15 min awake, five 90-minute cycles with more N3 early and more REM late, brief awakenings. */
    private static List<Epoch> hypnogram(Random rnd) {
        List<Stage> stages = new ArrayList<>();
        repeat(stages, Stage.WAKE, 30);
        for (int cycle = 0; cycle < 5; cycle++) {
            repeat(stages, Stage.N1, 6 + rnd.nextInt(6));
            repeat(stages, Stage.N2, 40 + rnd.nextInt(20));
            repeat(stages, Stage.N3, Math.max(4, 40 - 9 * cycle + rnd.nextInt(8)));
            repeat(stages, Stage.N2, 20 + rnd.nextInt(10));
            repeat(stages, Stage.REM, 14 + 8 * cycle + rnd.nextInt(8));
            if (rnd.nextDouble() < 0.6) {
                repeat(stages, Stage.WAKE, 1 + rnd.nextInt(4));
            }
        }
        repeat(stages, Stage.WAKE, 20);
        List<Epoch> epochs = new ArrayList<>(stages.size());
        for (int i = 0; i < stages.size(); i++) {
            epochs.add(new Epoch(i * EPOCH, EPOCH, stages.get(i)));
        }
        return epochs;
    }

    private static void repeat(List<Stage> stages, Stage s, int n) {
        for (int i = 0; i < n; i++) {
            stages.add(s);
        }
    }
}
