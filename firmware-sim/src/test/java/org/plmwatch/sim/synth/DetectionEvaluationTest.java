package org.plmwatch.sim.synth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plmwatch.core.detect.DetectorConfig;

/**
 * Issue 3's targets on short seeded nights: F1 ≥ 0.95 (peak ≥ 50 mg), onset ≤ 0.3 s, duration
 * ≤ 0.5 s, PLMS index within ±1/h or ±5 %.
 */
class DetectionEvaluationTest {

    @ParameterizedTest(name = "seed {0}, {1} Hz, noise {2} g, {3} PLMS/h")
    @CsvSource({
        "21, 50, 0.0011, 100",
        "22, 50, 0.0080, 40",
        "23, 8, 0.0004, 60",
        "24, 200, 0.0060, 100",
    })
    void meetsTheTargets(long seed, double rateHz, double noiseG, double plms) {
        SensorModel sensor = SensorModel.ADXL345_4G_10BIT.withNoiseRmsG(noiseG, rateHz);
        SyntheticNightConfig cfg = SyntheticNightConfig.defaults(seed).withRecordingHours(1).withTiming(120, 120, 300)
                .withSampling(rateHz, 0.002, sensor).withPlmsPerHour(plms);
        DetectionEvaluation.Row row = DetectionEvaluation.evaluate(cfg, DetectorConfig.DEFAULTS);
        String what = "TP " + row.truePositives() + " FP " + row.falsePositives() + " FN " + row.falseNegatives();
        assertTrue(row.truePositives() > 50, "enough movements to judge: " + what);
        assertTrue(row.f1() >= 0.95, "F1 " + row.f1() + ": " + what);
        assertTrue(row.medianAbsOnsetErrorSeconds() <= 0.3, "onset error " + row.medianAbsOnsetErrorSeconds());
        assertTrue(row.medianAbsDurationErrorSeconds() <= 0.5, "duration error " + row.medianAbsDurationErrorSeconds());
        // The scorer (WASM 2016) on detected movements, true hypnogram: within ±1/h or ±5 % of truth.
        double tolerance = Math.max(1, 0.05 * row.truePlmsIndex());
        assertTrue(Math.abs(row.detectedPlmsIndex() - row.truePlmsIndex()) <= tolerance,
                "PLMS index " + row.detectedPlmsIndex() + " vs true " + row.truePlmsIndex());
    }
}
