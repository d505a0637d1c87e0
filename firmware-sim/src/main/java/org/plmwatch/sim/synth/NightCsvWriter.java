package org.plmwatch.sim.synth;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.model.Epoch;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;

/**
 * Writes a synthetic night as the accelerometer CSV every reader of the project takes, one file per
 * leg, and its ground truth next to it. Formats (docs/DETECTION.md):
 * <ul>
 * <li>{@code NAME-left.csv}, {@code NAME-right.csv}: {@code # start: 2026-01-15T22:30}, then
 *     {@code # leg:}, {@code # rate:} (Hz) and {@code # device:} lines, then {@code t,x,y,z}, then
 *     one sample per line: seconds from start (3 decimals) and g (4 decimals).</li>
 * <li>{@code NAME-truth-movements.csv}: {@code #} comment lines (generator settings), then
 *     {@code leg,onset_s,duration_s,peak_g}, both legs sorted by onset.</li>
 * <li>{@code NAME-truth-sleep.csv}: {@code #} comment lines (lights-off, lights-on), then
 *     {@code onset_s,duration_s,stage} with stage {@code W} or {@code S}, 30-s epochs from
 *     lights-off to lights-on.</li>
 * </ul>
 */
public final class NightCsvWriter {

    private NightCsvWriter() {
    }

    /** The four files written for one night. */
    public record WrittenFiles(Path left, Path right, Path truthMovements, Path truthSleep) {
    }

    public static WrittenFiles write(SyntheticNight night, Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        WrittenFiles f = new WrittenFiles(dir.resolve(name + "-left.csv"), dir.resolve(name + "-right.csv"),
                dir.resolve(name + "-truth-movements.csv"), dir.resolve(name + "-truth-sleep.csv"));
        writeSamples(night, Leg.LEFT, f.left());
        writeSamples(night, Leg.RIGHT, f.right());
        writeTruthMovements(night, f.truthMovements());
        writeTruthSleep(night, f.truthSleep());
        return f;
    }

    public static void writeSamples(SyntheticNight night, Leg leg, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            SyntheticNightConfig c = night.config();
            w.write("# start: " + c.start() + "\n");
            w.write("# leg: " + leg.label() + "\n");
            w.write(String.format(Locale.ROOT, "# rate: %s%n", c.rateHz()));
            w.write("# device: synthetic night, seed " + c.seed() + ", " + c.sensor().name() + "\n");
            w.write("t,x,y,z\n");
            StringBuilder line = new StringBuilder(64);
            try {
                night.stream(leg, new AccelSink() {
                    @Override
                    public void sample(double t, double x, double y, double z) {
                        line.setLength(0);
                        appendFixed(line, t, 3).append(',');
                        appendFixed(line, x, 4).append(',');
                        appendFixed(line, y, 4).append(',');
                        appendFixed(line, z, 4).append('\n');
                        try {
                            w.append(line);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    public static void writeTruthMovements(SyntheticNight night, Path file) throws IOException {
        List<LegMovement> all = new ArrayList<>(night.truth(Leg.LEFT));
        all.addAll(night.truth(Leg.RIGHT));
        all.sort(Comparator.comparingDouble(LegMovement::onsetSeconds));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            header(night, w);
            w.write("leg,onset_s,duration_s,peak_g\n");
            for (LegMovement m : all) {
                w.write(String.format(Locale.ROOT, "%s,%.3f,%.3f,%.4f%n", m.leg().label(), m.onsetSeconds(),
                        m.durationSeconds(), m.peakG()));
            }
        }
    }

    public static void writeTruthSleep(SyntheticNight night, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            header(night, w);
            w.write(String.format(Locale.ROOT, "# lights_off_s: %.3f%n# lights_on_s: %.3f%n",
                    night.lightsOffSeconds(), night.lightsOnSeconds()));
            w.write("onset_s,duration_s,stage\n");
            for (Epoch e : night.hypnogram().epochs()) {
                w.write(String.format(Locale.ROOT, "%.3f,%.3f,%s%n", e.onsetSeconds(), e.durationSeconds(),
                        e.stage().label()));
            }
        }
    }

    private static void header(SyntheticNight night, Writer w) throws IOException {
        SyntheticNightConfig c = night.config();
        w.write("# plmwatch synthetic night, ground truth\n");
        w.write("# start: " + c.start() + "\n");
        w.write(String.format(Locale.ROOT, "# seed: %d, rate_hz: %.3f, sensor: %s, noise_rms_g: %.5f, plms_per_hour: %.1f%n",
                c.seed(), c.rateHz(), c.sensor().name(), c.sensor().noiseRmsG(c.rateHz()), c.plmsPerHour()));
    }

    /** Fixed-point text without String.format: a night is millions of lines. */
    static StringBuilder appendFixed(StringBuilder sb, double v, int decimals) {
        long scale = decimals == 3 ? 1000 : decimals == 4 ? 10000 : (long) Math.pow(10, decimals);
        long n = Math.round(Math.abs(v) * scale);
        if (v < 0 && n != 0) {
            sb.append('-');
        }
        sb.append(n / scale).append('.');
        String frac = Long.toString(n % scale);
        for (int i = frac.length(); i < decimals; i++) {
            sb.append('0');
        }
        return sb.append(frac);
    }

    /**
     * Writes a night to files: {@code java -cp ... org.plmwatch.sim.synth.NightCsvWriter DIR NAME
     * [seed] [hours] [plmsPerHour]}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: NightCsvWriter DIR NAME [seed] [hours] [plmsPerHour]");
            System.exit(2);
        }
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        double hours = args.length > 3 ? Double.parseDouble(args[3]) : 8;
        double plms = args.length > 4 ? Double.parseDouble(args[4]) : 40;
        SyntheticNight night = SyntheticNight.generate(
                SyntheticNightConfig.defaults(seed).withRecordingHours(hours).withPlmsPerHour(plms));
        WrittenFiles f = write(night, Path.of(args[0]), args[1]);
        System.out.println("wrote " + f);
    }
}
