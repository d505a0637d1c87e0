package org.plmwatch.analyzer.demo;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.plmwatch.core.model.Leg;
import org.plmwatch.sim.device.DeviceOptions;
import org.plmwatch.sim.device.DeviceProgram;
import org.plmwatch.sim.synth.NightCsvWriter;
import org.plmwatch.sim.synth.SyntheticNight;
import org.plmwatch.sim.synth.SyntheticNightConfig;

/**
 * The demo's simulated week: nights of varying severity with a diary, so {@code plmwatch demo}
 * ends in a many-night report. The first night is the device program's own synthetic night
 * (recorded in its own JVM and downloaded over the link by the caller); the others are generated
 * here with a chosen PLMS rate and date, written as the plmwatch accelerometer CSV (the
 * simulator's {@link NightCsvWriter}) and replayed
 * through the same device program in this JVM (no link), which writes real night files.
 */
public final class DemoWeek {

    /**
     * One planned night.
     *
     * @param number       1-based night number
     * @param evening      the date the night starts
     * @param plmsPerHour  PLMS per hour of sleep the generator plans (the device and host measure their own)
     * @param tags         diary tags of that evening
     * @param note         diary note
     */
    public record PlannedNight(int number, LocalDate evening, double plmsPerHour, List<String> tags, String note) {
        public PlannedNight {
            tags = List.copyOf(tags);
        }
    }

    /** The two night files the device program wrote for one night. */
    public record RecordedNight(PlannedNight plan, Path left, Path right) {
    }

    /** Severity per night (PLMS/h planned) and the diary: a made-up but plausible RLS week. */
    private static final double[] PLMS_PER_HOUR = {40, 14, 28, 6, 55, 18, 32};
    private static final String[][] TAGS = {
        {"caffeine"}, {"iron"}, {"caffeine", "alcohol"}, {"iron", "pramipexole 0.125 mg"}, {"caffeine", "alcohol"},
        {"iron", "pramipexole 0.125 mg"}, {"caffeine"}};
    private static final String[] NOTES = {"coffee after dinner", "", "wine with friends", "early night", "late shift",
        "", "restless evening"};

    /**
     * Device time between flushes of the replayed nights: the longest the device allows. At full
     * replay speed each flush is a forced write to disk, and the power-loss bound it sets means
     * nothing for a night replayed in a second.
     */
    static final double FLUSH_SECONDS = 60;

    private DemoWeek() {
    }

    /**
     * The week's plan. Night 1 is the device program's built-in synthetic night, so its date and
     * severity are those of {@link DeviceProgram#syntheticConfig}.
     */
    public static List<PlannedNight> plan(long seed, int nights) {
        if (nights < 1 || nights > PLMS_PER_HOUR.length) {
            throw new IllegalArgumentException("1.." + PLMS_PER_HOUR.length + " nights");
        }
        LocalDate first = DeviceProgram.syntheticConfig(seed, 8).start().toLocalDate();
        List<PlannedNight> plan = new ArrayList<>();
        for (int i = 0; i < nights; i++) {
            double plms = i == 0 ? DeviceProgram.syntheticConfig(seed, 8).plmsPerHour() : PLMS_PER_HOUR[i];
            plan.add(new PlannedNight(i + 1, first.plusDays(i), plms, List.of(TAGS[i]), NOTES[i]));
        }
        return plan;
    }

    /** The diary of the plan as the CSV a patient would type. */
    public static void writeDiary(List<PlannedNight> plan, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("date,tags,note\n");
            for (PlannedNight p : plan) {
                w.write(p.evening() + "," + String.join("; ", p.tags()) + "," + p.note() + "\n");
            }
        }
    }

    /** The generator's configuration for night {@code p}: the device's defaults, another date and rate. */
    static SyntheticNightConfig config(long seed, PlannedNight p, double hours) {
        SyntheticNightConfig c = DeviceProgram.syntheticConfig(seed + p.number() * 1009L, hours)
                .withPlmsPerHour(p.plmsPerHour());
        // No timestamp jitter: the replay re-stamps samples per FIFO batch at the nominal rate, and a
        // jittered first sample can then fall before the previous batch's last stamp. The device
        // stamps its own samples anyway, so nothing the report shows depends on it.
        // Lights go off a little later or earlier each evening, as at home.
        LocalDateTime start = p.evening().atTime(21, 45).plusMinutes((p.number() * 37L) % 70);
        return c.withSampling(c.rateHz(), 0, c.sensor()).withStart(start);
    }

    /**
     * Records night {@code p} on both legs: the generated samples are written as accelerometer CSV
     * and replayed by the device program in this JVM into each leg's data folder.
     *
     * @param deviceDirs left and right device data folders (the same as the linked night's, so the
     *                   device numbers its nights on)
     */
    public static RecordedNight record(long seed, PlannedNight p, double hours, Path traceDir, Path leftDevice,
                                       Path rightDevice) throws IOException {
        SyntheticNightConfig config = config(seed, p, hours);
        SyntheticNight night = SyntheticNight.generate(config);
        Files.createDirectories(traceDir);
        // The two ankles are two devices: each leg's trace and recording on its own thread.
        ExecutorService legs = Executors.newFixedThreadPool(2);
        try {
            List<Future<Path>> files = new ArrayList<>();
            for (Leg leg : Leg.values()) {
                files.add(legs.submit(() -> {
                    Path csv = traceDir.resolve("night-" + p.number() + "-" + leg.label() + ".csv");
                    NightCsvWriter.writeSamples(night, leg, csv);
                    Path file = replay(csv, leg, leg == Leg.LEFT ? leftDevice : rightDevice, config.start(), hours);
                    Files.delete(csv);
                    return file;
                }));
            }
            return new RecordedNight(p, get(files.get(0)), get(files.get(1)));
        } finally {
            legs.shutdownNow();
        }
    }

    private static Path get(Future<Path> f) throws IOException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static Path replay(Path csv, Leg leg, Path dataDir, LocalDateTime start, double hours) throws IOException {
        DeviceOptions options = new DeviceOptions("replay", Optional.of(csv), leg, dataDir, 0, FLUSH_SECONDS, 0, hours, List.of(),
                16_000_000, false, OptionalDouble.empty());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DeviceProgram program = new DeviceProgram(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        // The host sets the device's clock when it is plugged in; here the night's own start.
        program.wallClockSet(start.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli(), 0);
        int code = program.run();
        String printed = out.toString(StandardCharsets.UTF_8);
        if (code != 0) {
            throw new IOException("the device program could not record the " + leg.label() + " night (exit " + code
                    + "): " + err.toString(StandardCharsets.UTF_8).strip());
        }
        for (String line : printed.split("\n")) {
            if (line.startsWith("recording night=")) {
                int f = line.indexOf(" file=");
                int s = line.indexOf(" sensor=");
                return Path.of(line.substring(f + 6, s));
            }
        }
        throw new IOException("the device program did not say which night file it wrote: " + printed.strip());
    }
}
