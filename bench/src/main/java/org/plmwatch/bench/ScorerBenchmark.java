package org.plmwatch.bench;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.plmwatch.core.model.Epoch;
import org.plmwatch.core.model.Hypnogram;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.Night;
import org.plmwatch.core.model.SleepSource;
import org.plmwatch.core.model.Stage;
import org.plmwatch.core.model.TimedEvent;
import org.plmwatch.core.scoring.RuleSet;
import org.plmwatch.core.scoring.ScoreResult;
import org.plmwatch.core.scoring.Scorer;

/**
 * Scoring throughput: nights per second on one core, for an 8-hour night of 1,000 monolateral
 * movements (PLM runs on both legs, some bilateral), 150 apneas/hypopneas and 120 arousals. The
 * benchmark also derives every index so the lazily computed counts are part of the cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ScorerBenchmark {

    private Night night;
    private final Scorer scorer = new Scorer();

    @Setup
    public void setUp() {
        night = thousandMovementNight(20261121L);
        if (night.legMovements().size() != 1000) {
            throw new IllegalStateException("expected 1000 movements, got " + night.legMovements().size());
        }
    }

    static Night thousandMovementNight(long seed) {
        Random rnd = new Random(seed);
        List<Epoch> epochs = new ArrayList<>();
        Stage[] cycle = {Stage.N1, Stage.N2, Stage.N2, Stage.N3, Stage.N2, Stage.REM};
        for (int i = 0; i < 960; i++) {
            epochs.add(new Epoch(30.0 * i, 30.0, i < 20 ? Stage.WAKE : cycle[(i / 30) % cycle.length]));
        }
        List<LegMovement> moves = new ArrayList<>();
        double t = 600;
        while (moves.size() < 1000) {
            Leg leg = rnd.nextBoolean() ? Leg.LEFT : Leg.RIGHT;
            double duration = 0.5 + rnd.nextDouble() * 4;
            moves.add(LegMovement.of(leg, t, duration));
            if (moves.size() < 1000 && rnd.nextDouble() < 0.15) {
                moves.add(LegMovement.of(leg.other(), t + rnd.nextDouble() * 0.5, duration));
            }
            t += rnd.nextDouble() < 0.1 ? 100 + rnd.nextDouble() * 300 : 10 + rnd.nextDouble() * 40;
        }
        List<TimedEvent> apneas = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            apneas.add(new TimedEvent(rnd.nextDouble() * 28000, 10 + rnd.nextDouble() * 30));
        }
        List<TimedEvent> arousals = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            arousals.add(new TimedEvent(rnd.nextDouble() * 28000, 3 + rnd.nextDouble() * 12));
        }
        return new Night(LocalDateTime.of(2026, 11, 21, 23, 0), new Hypnogram(epochs), SleepSource.PSG_HYPNOGRAM,
                EnumSet.allOf(Leg.class), moves, arousals, apneas);
    }

    @Benchmark
    public double scoreWasm2016() {
        ScoreResult r = scorer.score(night, RuleSet.WASM2016);
        return r.plmsIndex() + r.plmsNrIndex() + r.plmwIndex() + r.periodicityIndex() + r.perStage().size()
                + r.perSide().size() + r.bilateralClmCountTib();
    }
}
