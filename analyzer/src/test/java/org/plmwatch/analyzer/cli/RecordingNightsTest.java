package org.plmwatch.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.analyzer.detect.RecordingFiles;
import org.plmwatch.analyzer.detect.SyntheticPsg;
import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.nightfile.WornOn;
import org.plmwatch.sim.synth.NightCsvWriter;
import org.plmwatch.sim.synth.SensorModel;
import org.plmwatch.sim.synth.SyntheticNight;
import org.plmwatch.sim.synth.SyntheticNightConfig;
import org.plmwatch.sim.synth.SyntheticWeek;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Recordings of several nights, time that was not recorded, inputs that do not belong together and
 * nights too short to read (issue 10 item 1, issue 8 items 4–6), through {@code plmwatch score}
 * on generated files.
 */
class RecordingNightsTest {

    private static final double RATE = 10;

    @TempDir
    static Path dir;
    static SyntheticWeek twoDays;
    static Path twoDaysLeft;
    static Path twoDaysRight;
    /** A 5-h night; lights-off at 600 s, lights-on 300 s before the end. */
    static SyntheticNight night;

    @BeforeAll
    static void generate() throws IOException {
        SyntheticWeek.Config c = SyntheticWeek.Config.week(5).withNights(2);
        twoDays = SyntheticWeek.generate(new SyntheticWeek.Config(c.seed(), c.start(), 2, RATE, c.sensor(),
                c.plmsPerHour(), c.napProbability()));
        twoDaysLeft = RecordingFiles.nightFile(dir.resolve("days-left.night"), WornOn.LEFT, twoDays.start(), RATE,
                s -> twoDays.stream(Leg.LEFT, s), Double.NaN, Double.NaN);
        twoDaysRight = RecordingFiles.nightFile(dir.resolve("days-right.night"), WornOn.RIGHT, twoDays.start(), RATE,
                s -> twoDays.stream(Leg.RIGHT, s), Double.NaN, Double.NaN);
        night = SyntheticNight.generate(SyntheticNightConfig.defaults(31).withRecordingHours(5)
                .withSampling(RATE, 0, SensorModel.LIS3DH_4G_HIGHRES).withPlmsPerHour(40));
    }

    private static JsonNode json(CliRunner r) throws IOException {
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    private static LocalDateTime at(LocalDateTime start, double seconds) {
        return start.plusNanos(Math.round(seconds * 1e9));
    }

    private static double minutesApart(LocalDateTime a, String b) {
        return Math.abs(Duration.between(a, LocalDateTime.parse(b)).toSeconds()) / 60.0;
    }

    // ------------------------------------------------------------------ issue 10 item 1

    @Test
    void aTwoDayRecordingGivesTwoNightsEachWithItsOwnLightsOffAndOn() throws IOException {
        double hours = twoDays.recordingSeconds() / 3600;
        assertTrue(hours > 40, "two days and two nights: " + hours + " h");
        JsonNode j = json(CliRunner.run("score", "--left", twoDaysLeft.toString(), "--right", twoDaysRight.toString(),
                "--json", "-"));
        JsonNode nights = j.get("nights");
        assertEquals(2, nights.size(), "one JSON element per night: " + j.toString().substring(0, 300));
        for (int i = 0; i < 2; i++) {
            JsonNode n = nights.get(i);
            SyntheticWeek.Span truth = twoDays.nights().get(i);
            assertEquals(i + 1, n.get("night_number").asInt());
            assertEquals("days-left-night" + (i + 1), n.get("night").asText());
            assertTrue(minutesApart(at(twoDays.start(), truth.fromSeconds()), n.get("lights_off").asText()) <= 15,
                    "lights-off " + n.get("lights_off") + " vs " + at(twoDays.start(), truth.fromSeconds()));
            assertTrue(minutesApart(at(twoDays.start(), truth.toSeconds()), n.get("lights_on").asText()) <= 15,
                    "lights-on " + n.get("lights_on"));
            assertTrue(n.get("tib_hours").asDouble() > 7 && n.get("tib_hours").asDouble() < 10,
                    "a night, not the recording: " + n.get("tib_hours"));
            assertTrue(n.get("plm_count_sleep").asInt() > 50, "each night's PLMs are scored: " + n.get("plm_count_sleep"));
        }
        CliRunner summary = CliRunner.run("score", "--left", twoDaysLeft.toString(), "--csv", dir.resolve("csv").toString());
        assertEquals(0, summary.code(), summary.err());
        assertTrue(summary.out().contains("night 1 ") && summary.out().contains("night 2 "), summary.out());
        List<String> indices = Files.readAllLines(dir.resolve("csv").resolve("indices.csv"));
        assertEquals(3, indices.size(), "a header and one row per night: " + indices);
        assertTrue(indices.get(1).startsWith("days-left-night1,") && indices.get(2).startsWith("days-left-night2,"));
    }

    @Test
    void aOneNightPsgTakesItsNightOutOfATwoDayRecording() throws IOException {
        // The PSG of the second night only: its stages and its leg movements, on the recording's clock.
        SyntheticNight second = twoDays.nightGenerators().get(1);
        double shift = twoDays.nightOffsetSeconds(1);
        java.time.format.DateTimeFormatter iso = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
        StringBuilder b = new StringBuilder("RemLogic Event Export\n\nEvents Included:\nLM\nSLEEP-S0\nSLEEP-S2\n\n"
                + "Time [hh:mm:ss.xxx]\tEvent\tDuration[s]\tLocation\n");
        for (var e : second.hypnogram().epochs()) {
            b.append(iso.format(at(twoDays.start(), shift + e.onsetSeconds()))).append('\t')
                    .append(e.stage() == org.plmwatch.core.model.Stage.WAKE ? "SLEEP-S0" : "SLEEP-S2").append("\t30.000\tEEG\n");
        }
        for (Leg leg : Leg.values()) {
            for (var m : second.truth(leg)) {
                b.append(iso.format(at(twoDays.start(), shift + m.onsetSeconds()))).append("\tLM\t")
                        .append(String.format(java.util.Locale.ROOT, "%.3f", m.durationSeconds())).append('\t')
                        .append(leg == Leg.LEFT ? "EMG.Tibialis-Leg.Left" : "EMG.Tibialis-Leg.Right").append('\n');
            }
        }
        Path psg = Files.writeString(dir.resolve("second-night-psg.txt"), b.toString());
        JsonNode truth = json(CliRunner.run("score", psg.toString(), "--json", "-"));
        JsonNode j = json(CliRunner.run("score", "--left", twoDaysLeft.toString(), "--right", twoDaysRight.toString(),
                "--psg", psg.toString(), "--json", "-"));
        assertTrue(j.get("nights") == null, "a PSG makes one night");
        assertEquals(truth.get("tib_hours").asDouble(), j.get("tib_hours").asDouble(), 1e-6);
        int t = truth.get("clm_count_tib").asInt();
        assertEquals(t, j.get("clm_count_tib").asInt(), Math.max(3, 0.1 * t),
                "the other night and the days are not counted as this night's wake movements");
        assertTrue(j.get("notes").toString().contains("before or after the PSG's recording"), j.get("notes").toString());
    }

    // ------------------------------------------------------------------ issue 8 item 4

    @Test
    void aGapBlockInANightFileIsNotRecordedNotSleep() throws IOException {
        Path l = RecordingFiles.nightFile(dir.resolve("gap-left.night"), WornOn.LEFT, night.config().start(), RATE,
                s -> night.stream(Leg.LEFT, s), 7200, 10800);
        Path r = RecordingFiles.nightFile(dir.resolve("gap-right.night"), WornOn.RIGHT, night.config().start(), RATE,
                s -> night.stream(Leg.RIGHT, s), 7200, 10800);
        JsonNode j = json(CliRunner.run("score", "--left", l.toString(), "--right", r.toString(), "--json", "-"));
        double inBed = (night.lightsOnSeconds() - night.lightsOffSeconds()) / 3600;
        assertEquals(inBed - 1.0, j.get("tib_hours").asDouble(), 0.1, "the hour without samples is not time in bed");
        assertEquals(1.0, j.get("not_recorded_hours").asDouble(), 0.02, j.get("notes").toString());
        assertTrue(j.get("tst_hours").asDouble() <= inBed - 1.0, "nor sleep");
        assertTrue(j.get("notes").toString().contains("not recorded: 1.00 h"), j.get("notes").toString());
        CliRunner s = CliRunner.run("score", "--left", l.toString(), "--right", r.toString());
        assertTrue(s.out().contains("not recorded: 1.00 h"), s.out());
    }

    @Test
    void withAPsgTheDevicesGapIsLeftOutOfThePsgsNightToo() throws IOException {
        SyntheticPsg.Files3 p = SyntheticPsg.write(SyntheticNightConfig.defaults(33).withRecordingHours(4)
                .withSampling(RATE, 0, SensorModel.LIS3DH_4G_HIGHRES), dir, "psggap");
        Path l = RecordingFiles.nightFile(dir.resolve("psggap-left.night"), WornOn.LEFT, p.night().config().start(), RATE,
                s -> p.night().stream(Leg.LEFT, s), 5400, 7200);
        JsonNode psgOnly = json(CliRunner.run("score", p.psg().toString(), "--json", "-"));
        JsonNode j = json(CliRunner.run("score", "--left", l.toString(), "--psg", p.psg().toString(), "--json", "-"));
        assertEquals(psgOnly.get("tib_hours").asDouble() - 0.5, j.get("tib_hours").asDouble(), 0.02,
                "the half hour the device did not record is not time in bed: no movement could be seen there");
        assertEquals(0.5, j.get("not_recorded_hours").asDouble(), 0.02);
    }

    @Test
    void aHoleInACsvIsNotRecordedNotSleep() throws IOException {
        NightCsvWriter.WrittenFiles f = NightCsvWriter.write(night, dir, "csvhole");
        Path holed = dir.resolve("csvhole-left-holed.csv");
        try (BufferedReader in = Files.newBufferedReader(f.left(), StandardCharsets.UTF_8);
             BufferedWriter out = Files.newBufferedWriter(holed, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isEmpty() && Character.isDigit(line.charAt(0))) {
                    double t = Double.parseDouble(line.substring(0, line.indexOf(',')));
                    if (t >= 7200 && t < 9000) {
                        continue;
                    }
                }
                out.write(line);
                out.write('\n');
            }
        }
        JsonNode j = json(CliRunner.run("score", "--left", holed.toString(), "--json", "-"));
        double inBed = (night.lightsOnSeconds() - night.lightsOffSeconds()) / 3600;
        assertEquals(inBed - 0.5, j.get("tib_hours").asDouble(), 0.1, "the half hour without samples is not time in bed");
        assertEquals(0.5, j.get("not_recorded_hours").asDouble(), 0.02, j.get("notes").toString());
    }

    @Test
    void aDeviceLyingStillOffTheAnkleIsNotRecorded() throws IOException {
        // From 2 h to 3.5 h the device lies on the bedside table: no movement, only sensor noise.
        SplittableRandom rng = new SplittableRandom(9);
        Path l = RecordingFiles.nightFile(dir.resolve("off-left.night"), WornOn.LEFT, night.config().start(), RATE,
                s -> night.stream(Leg.LEFT, new AccelSink() {
                    @Override
                    public void sample(double t, double x, double y, double z) {
                        if (t >= 7200 && t < 12600) {
                            s.sample(t, 0.02 + 0.001 * rng.nextGaussian(), 0.001 * rng.nextGaussian(),
                                    1.0 + 0.001 * rng.nextGaussian());
                        } else {
                            s.sample(t, x, y, z);
                        }
                    }

                    @Override
                    public void end() {
                        s.end();
                    }
                }), Double.NaN, Double.NaN);
        JsonNode j = json(CliRunner.run("score", "--left", l.toString(), "--json", "-"));
        double inBed = (night.lightsOnSeconds() - night.lightsOffSeconds()) / 3600;
        assertTrue(j.get("tib_hours").asDouble() <= inBed - 1.45, "the table is not time in bed: " + j.get("tib_hours"));
        double off = j.get("not_recorded_hours").asDouble();
        assertTrue(off >= 1.45 && off <= 2.0, "the 1.5 h off the ankle (and the still minutes around it): " + off);
        assertTrue(j.get("notes").toString().contains("off the ankle"), j.get("notes").toString());
    }

    // ------------------------------------------------------------------ issue 8 item 5

    private static SyntheticPsg.Files3 nightOn(LocalDateTime start, String name) throws IOException {
        SyntheticNightConfig d = SyntheticNightConfig.defaults(41).withRecordingHours(1)
                .withSampling(RATE, 0, SensorModel.LIS3DH_4G_HIGHRES);
        return SyntheticPsg.write(d.withStart(start), dir, name);
    }

    @Test
    void aRecordingThatDoesNotOverlapItsPsgIsRefusedWithBothRanges() throws IOException {
        SyntheticPsg.Files3 jan15 = nightOn(LocalDateTime.of(2026, 1, 15, 22, 30), "jan15");
        SyntheticPsg.Files3 jan20 = nightOn(LocalDateTime.of(2026, 1, 20, 22, 30), "jan20");
        CliRunner r = CliRunner.run("score", "--left", jan15.left().toString(), "--psg", jan20.psg().toString());
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains("does not overlap") && r.err().contains("2026-01-15 22:30")
                && r.err().contains("2026-01-20 22:40"), r.err());

        CliRunner lr = CliRunner.run("score", "--left", jan15.left().toString(), "--right", jan20.right().toString());
        assertEquals(ExitCode.BAD_INPUT, lr.code(), lr.out());
        assertTrue(lr.err().contains("does not overlap") && lr.err().contains("2026-01-15 22:30")
                && lr.err().contains("2026-01-20 22:30"), lr.err());
    }

    @Test
    void oneRecordingForBothLegsIsRefused() throws IOException {
        SyntheticPsg.Files3 n = nightOn(LocalDateTime.of(2026, 1, 15, 22, 30), "same");
        CliRunner same = CliRunner.run("score", "--left", n.left().toString(), "--right", n.left().toString());
        assertEquals(ExitCode.BAD_INPUT, same.code(), same.out());
        assertTrue(same.err().contains("same file"), same.err());
        Path copy = Files.copy(n.left(), dir.resolve("same-copy.csv"));
        CliRunner copied = CliRunner.run("score", "--left", n.left().toString(), "--right", copy.toString());
        assertEquals(ExitCode.BAD_INPUT, copied.code(), copied.out());
        assertTrue(copied.err().contains("same content"), copied.err());
    }

    @Test
    void aLeftLegNightFileGivenAsRightIsRefused() {
        CliRunner r = CliRunner.run("score", "--right", twoDaysLeft.toString());
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains("made on the left leg") && r.err().contains("--left"), r.err());
    }

    @Test
    void aPsgExportWithoutLegMovementsSaysSoInsteadOfZeroPerHour() throws IOException {
        Path psg = dir.resolve("nolm.txt");
        StringBuilder b = new StringBuilder("RemLogic Event Export\n\nEvents Included:\nSLEEP-S0\nSLEEP-S2\n\n"
                + "Time [hh:mm:ss.xxx]\tEvent\tDuration[s]\n");
        LocalDateTime t = LocalDateTime.of(2026, 1, 15, 23, 0);
        for (int i = 0; i < 600; i++) {
            b.append(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t.plusSeconds(30L * i)))
                    .append(".000\t").append(i < 20 ? "SLEEP-S0" : "SLEEP-S2").append("\t30\n");
        }
        Files.writeString(psg, b.toString());
        CliRunner r = CliRunner.run("score", psg.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("no leg movements in this export"), r.out());
        assertFalse(r.out().contains("0.0/h"), "no index reads as 0/h: " + r.out());
        JsonNode j = json(CliRunner.run("score", psg.toString(), "--json", "-"));
        assertTrue(j.get("plms_index").isNull(), "no index, not 0/h: " + j.get("plms_index"));
        assertFalse(j.get("leg_movements_in_input").asBoolean());
    }

    // ------------------------------------------------------------------ issue 8 item 6

    @Test
    void tooLittleSleepIsFlaggedAndNotReadAgainstTheThreshold() throws IOException {
        SyntheticPsg.Files3 shortNight = SyntheticPsg.write(SyntheticNightConfig.defaults(51).withRecordingHours(1.5)
                .withPlmsPerHour(80).withSampling(RATE, 0, SensorModel.LIS3DH_4G_HIGHRES), dir, "short");
        CliRunner r = CliRunner.run("score", shortNight.psg().toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("not interpretable: TST"), r.out());
        assertFalse(r.out().contains("adult threshold"), "no reading against the threshold: " + r.out());
        JsonNode j = json(CliRunner.run("score", shortNight.psg().toString(), "--json", "-"));
        assertTrue(j.get("tst_hours").asDouble() < 2);
        assertTrue(j.get("plms_index").asDouble() > 15, "the index is still given: " + j.get("plms_index"));
        assertFalse(j.get("interpretable").asBoolean());
        assertTrue(j.get("above_adult_threshold").isNull());
        assertTrue(j.get("notes").toString().contains("not interpretable"), j.get("notes").toString());
    }
}
