package org.plmwatch.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.detect.DetectorConfig;
import org.plmwatch.core.detect.LegMovementDetector;
import org.plmwatch.core.detect.MovementListener;
import org.plmwatch.core.model.Leg;
import org.plmwatch.sim.synth.SyntheticNight;
import org.plmwatch.sim.synth.SyntheticNightConfig;

/**
 * The streaming detector alone: samples per second on one core, and (with {@code -prof gc})
 * bytes allocated per sample. Input: 1,000,000 samples (5.6 h at 50 Hz) of a synthetic left
 * ankle with PLM episodes, held in arrays so only the detector is measured. One detector lives
 * for the whole trial, as on the device; each invocation feeds the next 1 M samples in time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class DetectorBenchmark {

    static final int SAMPLES = 1_000_000;

    private final double[] t = new double[SAMPLES];
    private final double[] x = new double[SAMPLES];
    private final double[] y = new double[SAMPLES];
    private final double[] z = new double[SAMPLES];
    private double span;
    private double timeOffset;
    private long movements;
    private LegMovementDetector detector;

    @Setup
    public void setUp() {
        SyntheticNight night = SyntheticNight.generate(SyntheticNightConfig.defaults(7).withRecordingHours(6));
        night.stream(Leg.LEFT, new AccelSink() {
            int i;

            @Override
            public void sample(double time, double xG, double yG, double zG) {
                if (i < SAMPLES) {
                    t[i] = time;
                    x[i] = xG;
                    y[i] = yG;
                    z[i] = zG;
                    i++;
                }
            }
        });
        span = t[SAMPLES - 1] - t[0] + (t[1] - t[0]);
        detector = new LegMovementDetector(DetectorConfig.DEFAULTS, new MovementListener() {
            @Override
            public void movement(double onsetSeconds, double durationSeconds, double peakG) {
                movements++;
            }
        });
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public long detect() {
        LegMovementDetector d = detector;
        double off = timeOffset;
        for (int i = 0; i < SAMPLES; i++) {
            d.sample(t[i] + off, x[i], y[i], z[i]);
        }
        timeOffset += span;
        return movements;
    }
}
