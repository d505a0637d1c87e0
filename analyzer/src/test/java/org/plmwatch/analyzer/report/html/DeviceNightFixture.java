package org.plmwatch.analyzer.report.html;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.plmwatch.analyzer.detect.RecordingFiles;
import org.plmwatch.analyzer.io.EventLabels;
import org.plmwatch.analyzer.nights.NightInput;
import org.plmwatch.analyzer.nights.NightScoring;
import org.plmwatch.analyzer.report.ScoredNight;
import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.nightfile.MarkKind;
import org.plmwatch.core.nightfile.WornOn;
import org.plmwatch.core.scoring.RuleSet;
import org.plmwatch.sim.synth.SensorModel;
import org.plmwatch.sim.synth.SyntheticNight;
import org.plmwatch.sim.synth.SyntheticNightConfig;

/**
 * A device night as the report gets it: two night files written by core's NightFileWriter from a
 * seeded synthetic night (10 Hz keeps it fast), the left one with a GAP block over half an hour
 * and the lights-off and lights-on button presses, then read and scored the way {@code report} does.
 */
final class DeviceNightFixture {

    static final double RATE_HZ = 10;
    static final double HOLE_FROM = 7200;
    static final double HOLE_TO = 9000;

    final SyntheticNight night;
    final List<ScoredNight> scored;

    private DeviceNightFixture(SyntheticNight night, List<ScoredNight> scored) {
        this.night = night;
        this.scored = scored;
    }

    double lightsOffPress() {
        return night.lightsOffSeconds() - 120;
    }

    double lightsOnPress() {
        return night.lightsOnSeconds() + 60;
    }

    static DeviceNightFixture write(Path dir, String leftDeviceId) throws IOException, InputFormatException {
        SyntheticNight night = SyntheticNight.generate(SyntheticNightConfig.defaults(31).withRecordingHours(5)
                .withSampling(RATE_HZ, 0, SensorModel.LIS3DH_4G_HIGHRES).withPlmsPerHour(40));
        List<RecordingFiles.Press> presses = List.of(
                new RecordingFiles.Press(night.lightsOffSeconds() - 120, MarkKind.LIGHTS_OFF),
                new RecordingFiles.Press(night.lightsOnSeconds() + 60, MarkKind.LIGHTS_ON));
        Path left = RecordingFiles.nightFile(dir.resolve("marks-left.night"), WornOn.LEFT, leftDeviceId,
                night.config().start(), RATE_HZ, s -> night.stream(Leg.LEFT, s), HOLE_FROM, HOLE_TO, presses);
        Path right = RecordingFiles.nightFile(dir.resolve("marks-right.night"), WornOn.RIGHT, night.config().start(),
                RATE_HZ, s -> night.stream(Leg.RIGHT, s), Double.NaN, Double.NaN);
        List<ScoredNight> scored = NightScoring.score(NightInput.recordings(left, right, null), RuleSet.WASM2016,
                EventLabels.defaults());
        return new DeviceNightFixture(night, scored);
    }
}
