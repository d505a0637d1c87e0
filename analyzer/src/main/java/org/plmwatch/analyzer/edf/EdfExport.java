package org.plmwatch.analyzer.edf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.plmwatch.analyzer.detect.DeviceStatus;
import org.plmwatch.analyzer.detect.RecordingDetection;
import org.plmwatch.analyzer.io.EventLabels;
import org.plmwatch.analyzer.nights.NightInput;
import org.plmwatch.analyzer.nights.NightScoring;
import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.core.io.accel.AccelReaders;
import org.plmwatch.core.io.accel.AccelRecording;
import org.plmwatch.core.io.accel.AccelRecordingInfo;
import org.plmwatch.core.model.Epoch;
import org.plmwatch.core.model.Hypnogram;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.SleepSource;
import org.plmwatch.core.model.Stage;
import org.plmwatch.core.scoring.RuleSet;
import org.plmwatch.core.scoring.ScoreResult;
import org.plmwatch.core.scoring.ScoredMovement;

/**
 * Ankle recordings (one or two legs, optionally with the PSG recorded beside them) to one EDF+
 * file for review in EDFbrowser next to the PSG: each leg's x, y and z acceleration in g, and an
 * {@code EDF Annotations} signal with every detected leg movement, the PLM series, gaps, button
 * marks, lights-off/on and the PSG's stages.
 *
 * <p>Movements and series come from {@link NightScoring#detectAndScore}, the path {@code score}
 * uses. The signals need two more streaming passes over each recording, both in fixed memory:
 * <ol>
 *   <li>coverage: which 1-s records hold data (runs of records; several runs make the file EDF+D,
 *       and each hole between runs is annotated as a gap);</li>
 *   <li>signals: the samples, linearly interpolated onto a whole-number rate on the file's clock
 *       (EDF needs a whole number of samples per record, and both legs share one clock), are written
 *       record by record straight into their place in the file. The two legs are thus interleaved
 *       by position, not by holding either in memory.</li>
 * </ol>
 * Inside a record, a leg without data (the other leg's recording is longer, or a short gap) is
 * written as 0 g and the gap is annotated; so are whole holes when EDF+C is asked for. The file is written beside {@code out} as
 * {@code out.part} and renamed when complete.
 */
public final class EdfExport {

    /** Samples further apart than this (or a gap the reader reports) are not interpolated across. */
    static final double MIN_MAX_STEP_SECONDS = 0.25;
    /** Coverage runs per leg; more means a file too broken to be worth an EDF. */
    static final int MAX_RUNS = 1_000_000;
    static final double DEFAULT_RANGE_G = 8;

    /**
     * What one leg became in the file.
     *
     * @param label          {@code Left} or {@code Right}
     * @param rateHz         samples per second written (per record, records are 1 s)
     * @param sourceRateHz   the recording's own rate (nominal, else measured)
     * @param rangeG         physical range ±g of its three signals
     * @param samplesRead    samples streamed from the recording
     * @param clippedSamples interpolated values beyond ±rangeG, written as the range limit
     * @param movements      movement annotations written for this leg
     * @param gaps           gap annotations written for this leg
     */
    public record LegSignals(String label, int rateHz, double sourceRateHz, double rangeG, long samplesRead,
                             long clippedSamples, int movements, int gaps) {
    }

    /**
     * @param file        the EDF+ file written
     * @param start       its start date-time
     * @param records     data records (1 s each)
     * @param continuous  EDF+C (true) or EDF+D
     * @param annotations annotations written, all kinds
     * @param plmSeries   PLM series annotated
     * @param notes       sentences for the user (how the night was put together, what was resampled)
     */
    public record Result(Path file, LocalDateTime start, List<LegSignals> legs, long records, boolean continuous,
                         int annotations, int plmSeries, List<String> notes) {
        public Result {
            legs = List.copyOf(legs);
            notes = List.copyOf(notes);
        }
    }

    private EdfExport() {
    }

    /**
     * @param continuous write EDF+C even across holes, which are then filled with 0 g (for readers
     *                   that refuse EDF+D, such as EDFlib); else holes of a whole record or more
     *                   make the file EDF+D
     */
    public static Result export(NightInput input, RuleSet rules, EventLabels labels, Path out, boolean continuous)
            throws IOException, InputFormatException {
        Objects.requireNonNull(out, "out");
        List<NightScoring.DetectedNight> nights = NightScoring.detectAndScore(input, rules, labels);
        // Every night of a recording shares its legs and clock: the file holds the whole recording.
        RecordingDetection.Result detection = nights.get(0).detection();
        LocalDateTime zero = detection.night().start();
        List<String> notes = new ArrayList<>();
        for (NightScoring.DetectedNight n : nights) {
            for (String note : n.scored().allNotes()) {
                notes.add(nights.size() > 1 ? "night " + n.detection().number() + ": " + note : note);
            }
        }

        // Pass 1: coverage of every leg, on the night's clock.
        List<Leg> legs = new ArrayList<>();
        for (RecordingDetection.LegResult r : detection.legs()) {
            legs.add(Leg.covered(r));
        }
        double firstNight = Double.POSITIVE_INFINITY;
        for (Leg leg : legs) {
            firstNight = Math.min(firstNight, leg.offset + leg.coverage.runs.get(0)[0]);
        }
        // The file starts at the whole second at or before the first sample: EDF dates whole seconds.
        LocalDateTime firstSample = zero.plusNanos(Math.round(firstNight * 1e9));
        LocalDateTime fileStart = firstSample.withNano(0);
        if (fileStart.getYear() < 1985 || fileStart.getYear() > 2084) {
            throw InputFormatException.inFile(legs.get(0).result.info().file(), "the recording starts in "
                    + fileStart.getYear() + ", a year EDF cannot write (1985-2084)",
                    "check the device clock; the recording's own start time is wrong");
        }
        double shift = seconds(zero, fileStart);
        List<long[]> recordRuns = new ArrayList<>();
        for (Leg leg : legs) {
            leg.fileShift = leg.offset - shift;
            for (double[] run : leg.coverage.runs) {
                recordRuns.add(new long[] {(long) Math.floor(run[0] + leg.fileShift),
                        (long) Math.floor(run[1] + leg.fileShift)});
            }
        }
        RecordLayout layout = RecordLayout.of(recordRuns);
        if (continuous && !layout.continuous()) {
            notes.add(layout.runCount() - 1 + " holes without data written as 0 g to keep the file EDF+C");
            layout = RecordLayout.of(List.of(new long[] {layout.runFirst(0), layout.runLast(layout.runCount() - 1)}));
        }

        List<EdfAnnotation> annotations = new ArrayList<>();
        int plmSeries = annotate(nights, legs, shift, input.psgFile().isPresent(), annotations);

        List<EdfSignal> signals = new ArrayList<>();
        for (Leg leg : legs) {
            signals.addAll(leg.signals());
            if (leg.rateHz != leg.sourceRateHz) {
                notes.add(String.format(Locale.ROOT, "%s leg resampled from %s Hz to %d Hz (EDF needs a whole "
                        + "number of samples per 1-s record)", leg.label.toLowerCase(Locale.ROOT),
                        trim(leg.sourceRateHz), leg.rateHz));
            }
        }
        if (!layout.continuous()) {
            notes.add("EDF+D: " + layout.runCount() + " stretches of data with no record between them");
        }

        // Pass 2: the signals, each leg into its place in every record.
        Path part = out.resolveSibling(out.getFileName() + ".part");
        boolean done = false;
        try (EdfPlusWriter writer = EdfPlusWriter.create(part, header(detection, fileStart), signals, layout,
                annotations)) {
            int firstSignal = 0;
            for (Leg leg : legs) {
                ResamplingSink sink = new ResamplingSink(writer, layout, firstSignal, leg);
                AccelRecording recording = AccelReaders.open(leg.result.info().file());
                recording.stream(sink);
                sink.rethrow();
                leg.clipped = sink.clipped;
                firstSignal += 3;
            }
            writer.finish();
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(part);
            }
        }
        Files.move(part, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        List<LegSignals> legSignals = new ArrayList<>();
        for (Leg leg : legs) {
            legSignals.add(new LegSignals(leg.label, leg.rateHz, leg.sourceRateHz, leg.rangeG, leg.coverage.samples,
                    leg.clipped, leg.movements, leg.gaps));
            if (leg.clipped > 0) {
                notes.add(leg.clipped + " " + leg.label.toLowerCase(Locale.ROOT) + " values beyond ±"
                        + trim(leg.rangeG) + " g were written as the range limit");
            }
        }
        return new Result(out, fileStart, legSignals, layout.recordCount(), layout.continuous(), annotations.size(),
                plmSeries, notes);
    }

    private static EdfPlusWriter.Header header(RecordingDetection.Result detection, LocalDateTime start) {
        StringBuilder equipment = new StringBuilder("plmwatch");
        for (RecordingDetection.LegResult r : detection.legs()) {
            equipment.append('_').append(r.info().format());
        }
        return new EdfPlusWriter.Header("X X X X", "X X " + equipment, start);
    }

    /** Adds every annotation (file clock) and returns the number of PLM series. */
    private static int annotate(List<NightScoring.DetectedNight> nights, List<Leg> legs, double shift, boolean psg,
                                List<EdfAnnotation> out) throws IOException, InputFormatException {
        for (Leg leg : legs) {
            // The nights' own movements (lights-off to lights-on): what was scored is what is annotated.
            for (NightScoring.DetectedNight n : nights) {
                for (LegMovement m : n.detection().night().legMovements()) {
                    if (m.leg() == leg.result.leg()) {
                        out.add(new EdfAnnotation(m.onsetSeconds() - shift, m.durationSeconds(),
                                "Leg movement " + leg.label.toLowerCase(Locale.ROOT)));
                        leg.movements++;
                    }
                }
            }
            List<double[]> runs = leg.coverage.runs;
            for (int i = 1; i < runs.size(); i++) {
                double from = runs.get(i - 1)[1] + leg.fileShift;
                double to = runs.get(i)[0] + leg.fileShift;
                out.add(new EdfAnnotation(from, to - from, "Gap " + leg.label.toLowerCase(Locale.ROOT)
                        + " (no data)"));
                leg.gaps++;
            }
            for (int i = 0; i < leg.marks.size(); i++) {
                out.add(new EdfAnnotation(leg.marks.get(i) + leg.fileShift, Double.NaN, "Button "
                        + leg.label.toLowerCase(Locale.ROOT) + leg.markTexts.get(i)));
            }
        }
        int seriesCount = 0;
        for (NightScoring.DetectedNight detected : nights) {
            ScoreResult scored = detected.scored().result();
            int series = 0;
            double from = 0;
            double to = 0;
            int count = 0;
            for (ScoredMovement m : scored.movements()) {
                if (!m.plm() || m.series() <= 0) {
                    continue;
                }
                if (m.series() != series) {
                    if (count > 0) {
                        out.add(seriesAnnotation(series, from, to, count, shift));
                        seriesCount++;
                    }
                    series = m.series();
                    from = m.onsetSeconds();
                    to = m.offsetSeconds();
                    count = 0;
                }
                to = Math.max(to, m.offsetSeconds());
                count++;
            }
            if (count > 0) {
                out.add(seriesAnnotation(series, from, to, count, shift));
                seriesCount++;
            }
            Hypnogram hypnogram = detected.detection().night().hypnogram();
            if (!hypnogram.isEmpty()) {
                String how = detected.detection().night().sleepSource() == SleepSource.ACTIGRAPHY
                        ? " (estimated from actigraphy)" : " (first scored epoch of the PSG)";
                out.add(new EdfAnnotation(hypnogram.startSeconds() - shift, Double.NaN, "Lights off" + how));
                out.add(new EdfAnnotation(hypnogram.endSeconds() - shift, Double.NaN, "Lights on"
                        + how.replace("first", "last")));
                if (psg) {
                    for (Epoch e : hypnogram.epochs()) {
                        out.add(new EdfAnnotation(e.onsetSeconds() - shift, e.durationSeconds(), stageText(e.stage())));
                    }
                }
            }
        }
        return seriesCount;
    }

    private static EdfAnnotation seriesAnnotation(int series, double from, double to, int count, double shift) {
        return new EdfAnnotation(from - shift, to - from, "PLM series " + series + " (" + count + " PLMs)");
    }

    /** The EDF+ standard texts (edfplus.info, "Sleep stage W" ...), which PSG readers know. */
    static String stageText(Stage stage) {
        return switch (stage) {
            case WAKE -> "Sleep stage W";
            case N1 -> "Sleep stage N1";
            case N2 -> "Sleep stage N2";
            case N3 -> "Sleep stage N3";
            case REM -> "Sleep stage R";
            case SLEEP -> "Sleep stage ?";
        };
    }

    static double seconds(LocalDateTime from, LocalDateTime to) {
        Duration d = Duration.between(from, to);
        return d.getSeconds() + d.getNano() / 1e9;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3f", value).replaceFirst("0+$", "");
    }

    /** One leg on its way into the file. */
    static final class Leg {
        final RecordingDetection.LegResult result;
        final String label;
        final double offset;
        final double sourceRateHz;
        final int rateHz;
        final double rangeG;
        final Coverage coverage;
        final List<Double> marks = new ArrayList<>();
        final List<String> markTexts = new ArrayList<>();
        /** File time = recording time + fileShift. */
        double fileShift;
        long clipped;
        int movements;
        int gaps;

        private Leg(RecordingDetection.LegResult result, Coverage coverage) {
            this.result = result;
            this.label = result.leg() == org.plmwatch.core.model.Leg.LEFT ? "Left" : "Right";
            this.offset = result.offsetSeconds();
            AccelRecordingInfo info = result.info();
            double rate = info.nominalRateHz().orElse(result.report().meanRateHz());
            if (!(rate >= 1 && rate <= 1000)) {
                rate = coverage.meanRateHz();
            }
            this.sourceRateHz = rate;
            this.rateHz = (int) Math.max(1, Math.min(1000, Math.round(rate)));
            this.rangeG = rangeG(info);
            this.coverage = coverage;
        }

        /** Streams the recording once to find where it has data. */
        static Leg covered(RecordingDetection.LegResult r) throws IOException, InputFormatException {
            AccelRecordingInfo info = r.info();
            double nominal = info.nominalRateHz().orElse(r.report().meanRateHz());
            double maxStep = Math.max(MIN_MAX_STEP_SECONDS, nominal >= 1 ? 5 / nominal : MIN_MAX_STEP_SECONDS);
            Coverage coverage = new Coverage(maxStep);
            AccelReaders.open(info.file()).stream(coverage);
            if (coverage.overflow) {
                throw InputFormatException.inFile(info.file(), "more than " + MAX_RUNS + " gaps in the recording",
                        "the recording is too broken to export; check it with 'plmwatch score'");
            }
            if (coverage.runs.isEmpty()) {
                throw InputFormatException.inFile(info.file(), "the recording holds no samples",
                        "give a recording with data");
            }
            Leg leg = new Leg(r, coverage);
            if ("plmwatch-night".equals(info.format())) {
                leg.readMarks();
            }
            return leg;
        }

        /** Button presses of a device night file (file clock set once fileShift is known). */
        private void readMarks() throws InputFormatException {
            for (DeviceStatus.Press m : DeviceStatus.read(result.info().file()).marks()) {
                marks.add(m.timeSeconds());
                markTexts.add(m.kind() == org.plmwatch.core.nightfile.MarkKind.OTHER ? "" : " (" + m.label() + ")");
            }
        }

        List<EdfSignal> signals() {
            AccelRecordingInfo info = result.info();
            String transducer = "accelerometer " + info.description();
            String prefilter = rateHz == sourceRateHz ? "none; linear interpolation onto the file clock"
                    : "none; linear interpolation from " + trim(sourceRateHz) + " Hz to " + rateHz + " Hz";
            List<EdfSignal> s = new ArrayList<>(3);
            for (String axis : new String[] {"X", "Y", "Z"}) {
                s.add(new EdfSignal("Accel " + label + " " + axis, transducer, "g", -rangeG, rangeG, prefilter,
                        rateHz));
            }
            return s;
        }

        /** The sensor's range from its header (CWA, GENEActiv, night file), else ±8 g. */
        static double rangeG(AccelRecordingInfo info) {
            for (String key : new String[] {"rangeG", "accelerometer range g", "Accelerometer Range"}) {
                String v = info.metadata().get(key);
                if (v == null) {
                    continue;
                }
                // GENEActiv writes "-8 to 8": the last number is the range.
                String[] parts = v.trim().split("[^0-9.]+");
                String last = parts.length == 0 ? "" : parts[parts.length - 1];
                try {
                    double g = Double.parseDouble(last);
                    if (g >= 1 && g <= 64) {
                        return g;
                    }
                } catch (NumberFormatException e) {
                    // not a number: fall through to the default
                }
            }
            return DEFAULT_RANGE_G;
        }
    }

    /** Pass 1: runs of samples no further apart than {@code maxStep} and not split by a gap. */
    static final class Coverage implements AccelSink {
        final double maxStep;
        final List<double[]> runs = new ArrayList<>();
        long samples;
        boolean overflow;
        private double runStart = Double.NaN;
        private double last = Double.NaN;
        private boolean broken = true;

        Coverage(double maxStep) {
            this.maxStep = maxStep;
        }

        @Override
        public void sample(double t, double x, double y, double z) {
            samples++;
            if (broken || !(t - last <= maxStep)) {
                close();
                runStart = t;
                broken = false;
            }
            last = t;
        }

        @Override
        public void gap(double from, double to) {
            broken = true;
        }

        @Override
        public void end() {
            close();
        }

        private void close() {
            if (!Double.isNaN(runStart)) {
                if (runs.size() >= MAX_RUNS) {
                    overflow = true;
                } else {
                    runs.add(new double[] {runStart, last});
                }
                runStart = Double.NaN;
            }
        }

        double meanRateHz() {
            if (runs.isEmpty()) {
                return 1;
            }
            double span = runs.get(runs.size() - 1)[1] - runs.get(0)[0];
            return span > 0 ? (samples - 1) / span : 1;
        }
    }

    /**
     * Pass 2: interpolates a leg's samples onto grid points {@code n / rateHz} of the file clock and
     * writes each finished record's three signals into its slot. Grid points not bracketed by two
     * samples of one coverage run stay 0 g.
     */
    static final class ResamplingSink implements AccelSink {
        private final EdfPlusWriter writer;
        private final RecordLayout layout;
        private final int firstSignal;
        private final int rate;
        private final double shift;
        private final double maxStep;
        private final EdfSignal signal;
        private final ByteBuffer record;
        private long currentRecord = Long.MIN_VALUE;
        private boolean dirty;
        private long next = Long.MIN_VALUE;
        private double pt = Double.NaN;
        private double px;
        private double py;
        private double pz;
        private boolean bracketOk;
        long clipped;
        private IOException failure;

        ResamplingSink(EdfPlusWriter writer, RecordLayout layout, int firstSignal, Leg leg) {
            this.writer = writer;
            this.layout = layout;
            this.firstSignal = firstSignal;
            this.rate = leg.rateHz;
            this.shift = leg.fileShift;
            this.maxStep = leg.coverage.maxStep;
            this.signal = leg.signals().get(0);
            this.record = ByteBuffer.allocate(6 * rate).order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public void sample(double t, double x, double y, double z) {
            if (failure != null) {
                return;
            }
            double ft = t + shift;
            if (bracketOk && ft - pt <= maxStep && ft > pt) {
                for (; next / (double) rate <= ft; next++) {
                    double w = (next / (double) rate - pt) / (ft - pt);
                    put(next, px + w * (x - px), py + w * (y - py), pz + w * (z - pz));
                }
            } else {
                next = (long) Math.ceil(ft * rate);
                if (next / (double) rate == ft) {
                    put(next, x, y, z);
                    next++;
                }
            }
            pt = ft;
            px = x;
            py = y;
            pz = z;
            bracketOk = true;
        }

        @Override
        public void gap(double from, double to) {
            bracketOk = false;
        }

        @Override
        public void end() {
            flush();
        }

        private void put(long n, double x, double y, double z) {
            long rec = Math.floorDiv(n, (long) rate);
            if (rec != currentRecord) {
                flush();
                currentRecord = rec;
                record.clear();
                while (record.hasRemaining()) {
                    record.put((byte) 0);
                }
            }
            int j = (int) (n - rec * rate);
            record.putShort(2 * j, digital(x));
            record.putShort(2 * (rate + j), digital(y));
            record.putShort(2 * (2 * rate + j), digital(z));
            dirty = true;
        }

        private short digital(double g) {
            int d = signal.digital(g);
            if (d == EdfSignal.DIGITAL_MIN || d == EdfSignal.DIGITAL_MAX) {
                clipped++;
            }
            return (short) d;
        }

        private void flush() {
            if (!dirty || failure != null) {
                return;
            }
            dirty = false;
            long slot = layout.slotOf(currentRecord);
            if (slot < 0) {
                return;
            }
            record.clear();
            try {
                writer.writeSamples(slot, firstSignal, record);
            } catch (IOException e) {
                failure = e;
            }
        }

        /** An AccelSink cannot throw a checked exception: a failed write is rethrown after the pass. */
        void rethrow() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
