package org.plmwatch.sim.synth;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.detect.DetectionComparison;
import org.plmwatch.core.detect.DetectorConfig;
import org.plmwatch.core.detect.LegMovementCollector;
import org.plmwatch.core.detect.LegMovementDetector;
import org.plmwatch.core.model.Epoch;
import org.plmwatch.core.model.Hypnogram;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.Night;
import org.plmwatch.core.model.SleepSource;
import org.plmwatch.core.scoring.RuleSet;
import org.plmwatch.core.scoring.Scorer;
import org.plmwatch.core.sleep.ActigraphySleep;
import org.plmwatch.core.sleep.ActigraphySleepEstimator;
import org.plmwatch.core.sleep.SleepConfig;

/**
 * Runs the leg-movement detector on synthetic nights from low to high noise and PLMS 0 to 100/h
 * and prints how well it finds the true movements. Usage and the table's columns: docs/DETECTION.md.
 *
 * <pre>java -cp core/target/classes:firmware-sim/target/classes:COMMONS_MATH3_JAR org.plmwatch.sim.synth.DetectionEvaluation [hours] [rateHz]</pre>
 */
public final class DetectionEvaluation {

    /** Movements at least this strong count in F1 (issue 3). */
    public static final double MIN_PEAK_G = 0.05;

    /**
     * One night's outcome, both legs pooled: counts and medians over true movements with peak ≥
     * {@link #MIN_PEAK_G}; PLMS indices of the true movements and of the detected ones on the true
     * hypnogram, and of the detected ones on the actigraphy hypnogram (device).
     */
    public record Row(String sensor, double noiseRmsG, double plannedPlmsPerHour, double plannedPlmsIndex,
                      DetectionComparison.Result left, DetectionComparison.Result right,
                      int truePositives, int falsePositives, int falseNegatives, double f1,
                      double medianAbsOnsetErrorSeconds, double medianAbsDurationErrorSeconds,
                      double truePlmsIndex, double detectedPlmsIndex, double devicePlmsIndex,
                      List<LegMovement> detectedLeft, List<LegMovement> detectedRight, SyntheticNight night,
                      SleepAgreement sleep) {
    }

    private DetectionEvaluation() {
    }

    /** Generates the night, detects on both legs and compares with the truth. */
    public static Row evaluate(SyntheticNightConfig config, DetectorConfig detector) {
        SyntheticNight night = SyntheticNight.generate(config);
        LegMovementCollector leftCollector = new LegMovementCollector(Leg.LEFT);
        ActigraphySleepEstimator leftSleep = new ActigraphySleepEstimator(SleepConfig.DEFAULTS, Leg.LEFT);
        night.stream(Leg.LEFT, new Tee(new LegMovementDetector(detector, leftCollector), leftSleep));
        LegMovementCollector rightCollector = new LegMovementCollector(Leg.RIGHT);
        ActigraphySleepEstimator rightSleep = new ActigraphySleepEstimator(SleepConfig.DEFAULTS, Leg.RIGHT);
        night.stream(Leg.RIGHT, new Tee(new LegMovementDetector(detector, rightCollector), rightSleep));
        List<LegMovement> left = leftCollector.movements();
        List<LegMovement> right = rightCollector.movements();
        ActigraphySleep actigraphy = ActigraphySleepEstimator.bothLegs(leftSleep, rightSleep);
        SleepAgreement sleep = SleepAgreement.of(night, actigraphy);
        List<LegMovement> truth = new ArrayList<>(night.truth(Leg.LEFT));
        truth.addAll(night.truth(Leg.RIGHT));
        List<LegMovement> detected = new ArrayList<>(left);
        detected.addAll(right);
        double truePlms = plmsIndex(night, truth, night.hypnogram(), SleepSource.PSG_HYPNOGRAM);
        double detectedPlms = plmsIndex(night, detected, night.hypnogram(), SleepSource.PSG_HYPNOGRAM);
        double devicePlms = plmsIndex(night, detected, actigraphy.hypnogram(), SleepSource.ACTIGRAPHY);
        DetectionComparison.Result l = DetectionComparison.compare(night.truth(Leg.LEFT), left, MIN_PEAK_G);
        DetectionComparison.Result r = DetectionComparison.compare(night.truth(Leg.RIGHT), right, MIN_PEAK_G);
        int tp = l.truePositives() + r.truePositives();
        int fp = l.falsePositives() + r.falsePositives();
        int fn = l.falseNegatives() + r.falseNegatives();
        double f1 = tp == 0 ? (fp + fn == 0 ? 1 : 0) : 2.0 * tp / (2.0 * tp + fp + fn);
        List<Double> onset = new ArrayList<>();
        List<Double> duration = new ArrayList<>();
        for (DetectionComparison.Result res : List.of(l, r)) {
            for (DetectionComparison.Match m : res.matches()) {
                onset.add(Math.abs(m.onsetErrorSeconds()));
                duration.add(Math.abs(m.durationErrorSeconds()));
            }
        }
        double sleepHours = night.hypnogram().tstSeconds() / 3600;
        return new Row(config.sensor().name(), config.sensor().noiseRmsG(config.rateHz()), config.plmsPerHour(),
                sleepHours > 0 ? night.plannedPlmCount() / sleepHours : 0, l, r, tp, fp, fn, f1,
                median(onset), median(duration), truePlms, detectedPlms, devicePlms, left, right, night, sleep);
    }

    /** Issue 11's PLMS-index target: within max(1/h, 5 %) of the true index. */
    static boolean plmsIndexWithinTolerance(double measured, double truth) {
        return Math.abs(measured - truth) <= Math.max(1, 0.05 * truth);
    }

    /** WASM 2016 PLMS index of both legs' movements over a hypnogram. */
    static double plmsIndex(SyntheticNight night, List<LegMovement> movements, Hypnogram hypnogram, SleepSource source) {
        Night n = new Night(night.config().start(), hypnogram, source, EnumSet.allOf(Leg.class), movements, List.of(),
                null);
        return new Scorer().score(n, RuleSet.WASM2016).plmsIndex();
    }

    /** Feeds two sinks. */
    record Tee(AccelSink a, AccelSink b) implements AccelSink {
        @Override
        public void sample(double t, double x, double y, double z) {
            a.sample(t, x, y, z);
            b.sample(t, x, y, z);
        }

        @Override
        public void gap(double from, double to) {
            a.gap(from, to);
            b.gap(from, to);
        }

        @Override
        public void end() {
            a.end();
            b.end();
        }
    }

    /**
     * Actigraphy sleep/wake against the true hypnogram, epoch by epoch over the true time in bed
     * (an epoch outside the estimated time in bed counts as estimated wake).
     */
    public record SleepAgreement(double lightsOffErrorSeconds, double lightsOnErrorSeconds,
                                 double trueTstHours, double estimatedTstHours,
                                 double accuracy, double sleepSensitivity, double wakeSpecificity) {
        static SleepAgreement of(SyntheticNight night, ActigraphySleep est) {
            int tp = 0;
            int tn = 0;
            int fp = 0;
            int fn = 0;
            for (Epoch e : night.hypnogram().epochs()) {
                boolean truth = e.stage().isSleep();
                Epoch other = est.hypnogram().epochAt(e.onsetSeconds() + e.durationSeconds() / 2);
                boolean asleep = other != null && other.stage().isSleep();
                if (truth && asleep) {
                    tp++;
                } else if (!truth && !asleep) {
                    tn++;
                } else if (asleep) {
                    fp++;
                } else {
                    fn++;
                }
            }
            return new SleepAgreement(est.lightsOffSeconds() - night.lightsOffSeconds(),
                    est.lightsOnSeconds() - night.lightsOnSeconds(), night.hypnogram().tstSeconds() / 3600,
                    est.hypnogram().tstSeconds() / 3600, (tp + tn) / (double) Math.max(1, tp + tn + fp + fn),
                    tp + fn == 0 ? 1 : tp / (double) (tp + fn), tn + fp == 0 ? 1 : tn / (double) (tn + fp));
        }
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] a = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : 0.5 * (a[n / 2 - 1] + a[n / 2]);
    }

    /** The noise levels of the table: the two chips, then three noisier ones. */
    public static List<SensorModel> sensors(double rateHz) {
        return List.of(SensorModel.LIS3DH_4G_HIGHRES,
                SensorModel.ADXL345_4G_FULLRES,
                SensorModel.ADXL345_4G_FULLRES.withNoiseRmsG(0.008, rateHz),
                SensorModel.ADXL345_4G_FULLRES.withNoiseRmsG(0.012, rateHz),
                SensorModel.ADXL345_4G_FULLRES.withNoiseRmsG(0.020, rateHz));
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("classes")) {
            Set<MovementClass> only = EnumSet.noneOf(MovementClass.class);
            int seeds = 0;
            for (int i = 2; i < args.length; i++) {
                if (args[i].equals("--seeds")) {
                    seeds = i + 1 < args.length && args[i + 1].matches("[1-9][0-9]{0,3}")
                            ? Integer.parseInt(args[++i]) : 0;
                    if (seeds == 0) {
                        throw new IllegalArgumentException("--seeds needs a number of further nights per row, 1-9999");
                    }
                } else {
                    only.add(MovementClass.valueOf(args[i]));
                }
            }
            double hours = args.length > 1 ? Double.parseDouble(args[1]) : 8;
            Set<MovementClass> classes = only.isEmpty() ? EnumSet.allOf(MovementClass.class) : only;
            if (seeds > 0) {
                classSeeds(hours, seeds, classes, System.out);
                return;
            }
            List<ClassRow> rows = classTable(hours, classes, System.out);
            System.out.printf(Locale.ROOT, "rows meeting the targets: %d of %d%n",
                    rows.stream().filter(ClassRow::meetsTargets).count(), rows.size());
            printSummaries(summarize(rows), System.out);
            return;
        }
        double hours = args.length > 0 ? Double.parseDouble(args[0]) : 8;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 50;
        DetectorConfig detector = DetectorConfig.DEFAULTS;
        System.out.printf(Locale.ROOT, "Synthetic nights: %.1f h, %.0f Hz, 2 ms jitter, both legs; F1 over true movements with peak >= %.0f mg%n",
                hours, rate, MIN_PEAK_G * 1000);
        System.out.printf(Locale.ROOT, "%-20s %8s %7s %5s %4s %4s %6s %8s %8s | %6s %6s %6s | %6s %6s %5s %5s %5s%n",
                "sensor", "noise_mg", "PLM/h", "TP", "FP", "FN", "F1", "onset_s", "dur_s",
                "PLMSI", "det", "device", "TST_h", "est_h", "acc", "sens", "spec");
        long seed = 1;
        for (SensorModel sensor : sensors(rate)) {
            for (double plms : new double[] {0, 15, 40, 100}) {
                SyntheticNightConfig cfg = SyntheticNightConfig.defaults(seed++).withRecordingHours(hours)
                        .withSampling(rate, 0.002, sensor).withPlmsPerHour(plms);
                Row row = evaluate(cfg, detector);
                SleepAgreement sl = row.sleep();
                System.out.printf(Locale.ROOT, "%-20s %8.1f %7.1f %5d %4d %4d %6.3f %8.3f %8.3f | %6.1f %6.1f %6.1f | %6.2f %6.2f %5.2f %5.2f %5.2f%n",
                        row.sensor(), row.noiseRmsG() * 1000, row.plannedPlmsIndex(), row.truePositives(),
                        row.falsePositives(), row.falseNegatives(), row.f1(),
                        row.medianAbsOnsetErrorSeconds(), row.medianAbsDurationErrorSeconds(),
                        row.truePlmsIndex(), row.detectedPlmsIndex(), row.devicePlmsIndex(),
                        sl.trueTstHours(), sl.estimatedTstHours(), sl.accuracy(), sl.sleepSensitivity(),
                        sl.wakeSpecificity());
            }
        }
        System.out.printf(Locale.ROOT, "detector throughput: %.1f M samples/s (one thread, %.0f Hz input)%n",
                throughput(rate) / 1e6, rate);
    }

    /**
     * One night of one {@link MovementClass}, both legs pooled. For a movement class, F1 and the
     * medians count only that class's movements with peak ≥ {@link MovementClass#countedPeakG()}
     * (every other true movement is optional, and an unpaired detection is a false positive
     * whatever it overlaps); for STANDARD and the disturbance classes, every true movement from
     * 50 mg. PLMS indices (WASM 2016) on the true hypnogram. The lists hold every counted pair's
     * |onset| and |duration| error: the row's medians, and the class's when rows are pooled
     * ({@link #summarize}).
     */
    public record ClassRow(MovementClass movementClass, String sensor, double rateHz, double plannedPlmsPerHour,
                           double hours, int truePositives, int falsePositives, int falseNegatives, double f1,
                           double truePlmsIndex, double detectedPlmsIndex,
                           List<Double> absOnsetErrorsSeconds, List<Double> absDurationErrorsSeconds) {

        public ClassRow {
            absOnsetErrorsSeconds = List.copyOf(absOnsetErrorsSeconds);
            absDurationErrorsSeconds = List.copyOf(absDurationErrorsSeconds);
        }

        /** Median |onset error| of the counted pairs (NaN if none). */
        public double medianAbsOnsetErrorSeconds() {
            return median(absOnsetErrorsSeconds);
        }

        /** Median |duration error| of the counted pairs (NaN if none). */
        public double medianAbsDurationErrorSeconds() {
            return median(absDurationErrorsSeconds);
        }

        /** False detections scaled to an 8-hour night. */
        public double falsePositivesPer8Hours() {
            return falsePositives * 8 / hours;
        }

        /** Within max(1/h, 5 %) of the true PLMS index. */
        public boolean plmsIndexWithinTolerance() {
            return DetectionEvaluation.plmsIndexWithinTolerance(detectedPlmsIndex, truePlmsIndex);
        }

        /** Issue 11's detection target for this row's class: F1, or false detections of a disturbance. */
        public boolean detectionWithinTarget() {
            return DetectionEvaluation.detectionWithinTarget(movementClass, f1, falsePositivesPer8Hours());
        }

        /** Median onset and duration errors within 0.05 s. */
        public boolean timingWithinTarget() {
            return DetectionEvaluation.timingWithinTarget(medianAbsOnsetErrorSeconds(),
                    medianAbsDurationErrorSeconds());
        }

        /** The issue-11 targets for this row's class. */
        public boolean meetsTargets() {
            return detectionWithinTarget() && timingWithinTarget() && plmsIndexWithinTolerance();
        }
    }

    /**
     * Issue 11's detection target for a class: F1 ≥ 0.93 on tiny movements, ≥ 0.97 on the other
     * movement classes; at most 1 false detection per 8-h night on a disturbance.
     */
    static boolean detectionWithinTarget(MovementClass cls, double f1, double falsePositivesPer8Hours) {
        return switch (cls) {
            case TINY -> f1 >= 0.93;
            case CARDIORESPIRATORY, PARTNER, DRIFT -> falsePositivesPer8Hours <= 1;
            default -> f1 >= 0.97;
        };
    }

    /** Issue 11's timing target: median onset and duration errors within 0.05 s. */
    static boolean timingWithinTarget(double medianAbsOnsetErrorSeconds, double medianAbsDurationErrorSeconds) {
        return !(medianAbsOnsetErrorSeconds > 0.05) && !(medianAbsDurationErrorSeconds > 0.05);
    }

    /**
     * One class on one chip over its rows of the class table (3 rates × 3 PLM rates), pooled as
     * issue 11 states its targets, per class: F1 from the summed counts, the medians over every
     * counted pair of every row, and the most false detections per 8 h of any row (the disturbance
     * target is per night). The PLMS index target is per row: how many rows meet it.
     */
    public record ClassSummary(MovementClass movementClass, String sensor, int rows, int truePositives,
                               int falsePositives, int falseNegatives, double f1, double maxFalsePositivesPer8Hours,
                               double medianAbsOnsetErrorSeconds, double medianAbsDurationErrorSeconds,
                               int rowsWithPlmsIndexWithinTolerance) {

        /** The per-class detection and timing targets, pooled. */
        public boolean meetsClassTargets() {
            return detectionWithinTarget(movementClass, f1, maxFalsePositivesPer8Hours)
                    && timingWithinTarget(medianAbsOnsetErrorSeconds, medianAbsDurationErrorSeconds);
        }
    }

    /** The rows pooled per class and chip, in the order they first appear. */
    public static List<ClassSummary> summarize(List<ClassRow> rows) {
        Map<List<Object>, List<ClassRow>> groups = new LinkedHashMap<>();
        for (ClassRow r : rows) {
            groups.computeIfAbsent(List.of(r.movementClass(), r.sensor()), k -> new ArrayList<>()).add(r);
        }
        List<ClassSummary> out = new ArrayList<>();
        for (List<ClassRow> group : groups.values()) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            int plms = 0;
            double maxFp = 0;
            List<Double> onset = new ArrayList<>();
            List<Double> duration = new ArrayList<>();
            for (ClassRow r : group) {
                tp += r.truePositives();
                fp += r.falsePositives();
                fn += r.falseNegatives();
                maxFp = Math.max(maxFp, r.falsePositivesPer8Hours());
                plms += r.plmsIndexWithinTolerance() ? 1 : 0;
                onset.addAll(r.absOnsetErrorsSeconds());
                duration.addAll(r.absDurationErrorsSeconds());
            }
            double f1 = tp == 0 ? (fp + fn == 0 ? 1 : 0) : 2.0 * tp / (2.0 * tp + fp + fn);
            ClassRow first = group.get(0);
            out.add(new ClassSummary(first.movementClass(), first.sensor(), group.size(), tp, fp, fn, f1, maxFp,
                    median(onset), median(duration), plms));
        }
        return out;
    }

    /** Generates a night of the config's class and compares both legs' detections with its truth. */
    public static ClassRow evaluateClass(SyntheticNightConfig config, DetectorConfig detector) {
        SyntheticNight night = SyntheticNight.generate(config);
        MovementClass cls = config.movementClass();
        int tp = 0;
        int fp = 0;
        int fn = 0;
        List<Double> onset = new ArrayList<>();
        List<Double> duration = new ArrayList<>();
        List<LegMovement> detected = new ArrayList<>();
        for (Leg leg : Leg.values()) {
            LegMovementCollector collector = new LegMovementCollector(leg);
            night.stream(leg, new LegMovementDetector(detector, collector));
            detected.addAll(collector.movements());
            Set<LegMovement> counted = new HashSet<>(night.classTruth(leg));
            DetectionComparison.Result r = DetectionComparison.compare(night.truth(leg), collector.movements(),
                    m -> counted.contains(m) && m.peakG() >= cls.countedPeakG(),
                    DetectionComparison.DEFAULT_ONSET_TOLERANCE_SECONDS);
            tp += r.truePositives();
            fp += r.falsePositives();
            fn += r.falseNegatives();
            for (DetectionComparison.Match m : r.matches()) {
                onset.add(Math.abs(m.onsetErrorSeconds()));
                duration.add(Math.abs(m.durationErrorSeconds()));
            }
        }
        List<LegMovement> truth = new ArrayList<>(night.truth(Leg.LEFT));
        truth.addAll(night.truth(Leg.RIGHT));
        double f1 = tp == 0 ? (fp + fn == 0 ? 1 : 0) : 2.0 * tp / (2.0 * tp + fp + fn);
        return new ClassRow(cls, config.sensor().name(), config.rateHz(), config.plmsPerHour(), config.recordingHours(),
                tp, fp, fn, f1, plmsIndex(night, truth, night.hypnogram(), SleepSource.PSG_HYPNOGRAM),
                plmsIndex(night, detected, night.hypnogram(), SleepSource.PSG_HYPNOGRAM), onset, duration);
    }

    /** The per-class lines after the class table. */
    static void printSummaries(List<ClassSummary> summaries, PrintStream out) {
        out.printf(Locale.ROOT,
                "%nPer class and chip, rows pooled (issue 11's per-class targets; the PLMS index is per row)%n");
        out.printf(Locale.ROOT, "%-18s %-20s %6s %5s %5s %6s %9s %8s %7s %9s %s%n", "class", "sensor", "TP", "FP", "FN",
                "F1", "FP/8hmax", "onset_s", "dur_s", "PLMSI_ok", "ok");
        for (ClassSummary c : summaries) {
            out.printf(Locale.ROOT, "%-18s %-20s %6d %5d %5d %6.3f %9.1f %8.4f %7.4f %6d/%-2d %s%n", c.movementClass(),
                    c.sensor(), c.truePositives(), c.falsePositives(), c.falseNegatives(), c.f1(),
                    c.maxFalsePositivesPer8Hours(), c.medianAbsOnsetErrorSeconds(), c.medianAbsDurationErrorSeconds(),
                    c.rowsWithPlmsIndexWithinTolerance(), c.rows(), c.meetsClassTargets() ? "yes" : "NO");
        }
        long met = summaries.stream().filter(ClassSummary::meetsClassTargets).count();
        int plms = summaries.stream().mapToInt(ClassSummary::rowsWithPlmsIndexWithinTolerance).sum();
        int rows = summaries.stream().mapToInt(ClassSummary::rows).sum();
        out.printf(Locale.ROOT, "classes x chips meeting the per-class targets: %d of %d; rows with the PLMS index"
                + " within tolerance: %d of %d%n", met, summaries.size(), plms, rows);
    }

    /**
     * The detector settings for a chip (its resolution and noise set the threshold floor): for the
     * two chips the device drives, exactly what it runs ({@link DetectorConfig#forSensor}).
     */
    public static DetectorConfig detectorFor(SensorModel sensor) {
        if (sensor.equals(SensorModel.LIS3DH_4G_HIGHRES)) {
            return DetectorConfig.forSensor("lis3dh");
        }
        if (sensor.equals(SensorModel.ADXL345_4G_FULLRES)) {
            return DetectorConfig.forSensor("adxl345");
        }
        return DetectorConfig.forChip(sensor.lsbG(), sensor.noiseRmsG(100));
    }

    /**
     * The class table: every class × LIS3DH and ADXL345 × 25/50/100 Hz × 0/40/100 PLM/h, one
     * seeded night each. Returns the rows (printed as they come).
     */
    public static List<ClassRow> classTable(double hours, PrintStream out) {
        return classTable(hours, EnumSet.allOf(MovementClass.class), out);
    }

    /** The class table for some classes only (same seeds as the full table). */
    public static List<ClassRow> classTable(double hours, Set<MovementClass> only, PrintStream out) {
        out.printf(Locale.ROOT, "Classes: %.1f h nights, 2 ms jitter, both legs pooled; F1 over the class's movements%n", hours);
        out.printf(Locale.ROOT, "%-18s %-19s %4s %6s %5s %4s %4s %6s %6s %8s %7s | %6s %6s %s%n", "class", "sensor", "Hz",
                "PLM/h", "TP", "FP", "FN", "FP/8h", "F1", "onset_s", "dur_s", "PLMSI", "det", "ok");
        List<ClassRow> rows = new ArrayList<>();
        for (TableRow row : tableRows(only)) {
            ClassRow r = evaluateClass(row.night(row.seed(), hours), detectorFor(row.sensor()));
            rows.add(r);
            out.printf(Locale.ROOT, "%-18s %-19s %4.0f %6.0f %5d %4d %4d %6.1f %6.3f %8.3f %7.3f | %6.1f %6.1f %s%n",
                    row.movementClass(), r.sensor(), row.rateHz(), row.plmsPerHour(), r.truePositives(),
                    r.falsePositives(), r.falseNegatives(), r.falsePositivesPer8Hours(), r.f1(),
                    r.medianAbsOnsetErrorSeconds(), r.medianAbsDurationErrorSeconds(), r.truePlmsIndex(),
                    r.detectedPlmsIndex(), r.meetsTargets() ? "yes" : "NO");
        }
        return rows;
    }

    /** One row of the class table: its class, chip, rate and PLM rate, and its night's seed. */
    private record TableRow(MovementClass movementClass, SensorModel sensor, double rateHz, double plmsPerHour,
                            long seed) {

        SyntheticNightConfig night(long nightSeed, double hours) {
            return SyntheticNightConfig.defaults(nightSeed).withRecordingHours(hours)
                    .withSampling(rateHz, 0.002, sensor).withPlmsPerHour(plmsPerHour).withMovementClass(movementClass);
        }
    }

    /**
     * The class table's rows in order, every class × LIS3DH and ADXL345 × 25/50/100 Hz × 0/40/100
     * PLM/h with seeds from 1000 in that order (a row keeps its seed whichever classes are chosen).
     */
    private static List<TableRow> tableRows(Set<MovementClass> only) {
        List<TableRow> rows = new ArrayList<>();
        long seed = 1000;
        for (MovementClass cls : MovementClass.values()) {
            for (SensorModel sensor : List.of(SensorModel.LIS3DH_4G_HIGHRES, SensorModel.ADXL345_4G_FULLRES)) {
                for (double rate : new double[] {25, 50, 100}) {
                    for (double plms : new double[] {0, 40, 100}) {
                        long rowSeed = seed++;
                        if (only.contains(cls)) {
                            rows.add(new TableRow(cls, sensor, rate, plms, rowSeed));
                        }
                    }
                }
            }
        }
        return rows;
    }

    /**
     * Every row of the class table again on {@code seeds} further nights each (the row's table
     * seed + 10000 × k, k = 1..seeds), two at a time: how often each row meets each target. One
     * seeded night a row cannot tell a row that misses by a boundary coin flip (a 0.52-s gap
     * dated under 0.5 s makes or breaks a series) from one that misses every night.
     */
    public static void classSeeds(double hours, int seeds, Set<MovementClass> only, PrintStream out) {
        out.printf(Locale.ROOT, "Classes on %d further seeds per row: %.1f h nights; nights meeting all / detection / timing / PLMS index%n",
                seeds, hours);
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
        try {
            int nights = 0;
            int met = 0;
            for (TableRow row : tableRows(only)) {
                List<Future<ClassRow>> runs = new ArrayList<>();
                for (int k = 1; k <= seeds; k++) {
                    SyntheticNightConfig cfg = row.night(row.seed() + 10000L * k, hours);
                    runs.add(pool.submit(() -> evaluateClass(cfg, detectorFor(row.sensor()))));
                }
                int all = 0;
                int detection = 0;
                int timing = 0;
                int index = 0;
                for (Future<ClassRow> run : runs) {
                    ClassRow r = run.get();
                    all += r.meetsTargets() ? 1 : 0;
                    detection += r.detectionWithinTarget() ? 1 : 0;
                    timing += r.timingWithinTarget() ? 1 : 0;
                    index += r.plmsIndexWithinTolerance() ? 1 : 0;
                }
                nights += seeds;
                met += all;
                out.printf(Locale.ROOT, "%-18s %-19s %4.0f %6.0f   %3d/%d   %3d %3d %3d%n", row.movementClass(),
                        row.sensor().name(), row.rateHz(), row.plmsPerHour(), all, seeds, detection, timing, index);
            }
            out.printf(Locale.ROOT, "nights meeting every target: %d of %d%n", met, nights);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Samples per second through the detector alone, on a pre-generated hour of samples. */
    static double throughput(double rate) {
        SyntheticNight night = SyntheticNight.generate(SyntheticNightConfig.defaults(99).withRecordingHours(1)
                .withSampling(rate, 0.002, SensorModel.LIS3DH_4G_HIGHRES));
        int n = (int) (night.recordingSeconds() * rate);
        double[] t = new double[n];
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        night.stream(Leg.LEFT, new org.plmwatch.core.accel.AccelSink() {
            int i;

            @Override
            public void sample(double ts, double xg, double yg, double zg) {
                if (i < n) {
                    t[i] = ts;
                    x[i] = xg;
                    y[i] = yg;
                    z[i] = zg;
                    i++;
                }
            }
        });
        double best = 0;
        for (int rep = 0; rep < 5; rep++) {
            LegMovementDetector d = new LegMovementDetector(DetectorConfig.DEFAULTS, new LegMovementCollector(Leg.LEFT));
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                d.sample(t[i], x[i], y[i], z[i]);
            }
            d.end();
            best = Math.max(best, n / ((System.nanoTime() - start) / 1e9));
        }
        return best;
    }
}
