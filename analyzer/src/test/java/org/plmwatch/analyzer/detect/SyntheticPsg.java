package org.plmwatch.analyzer.detect;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.plmwatch.core.model.Epoch;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.Stage;
import org.plmwatch.sim.synth.NightCsvWriter;
import org.plmwatch.sim.synth.SyntheticNight;
import org.plmwatch.sim.synth.SyntheticNightConfig;

/**
 * A synthetic night as a sleep lab would hand it over: both ankles' recordings as CSV, and a
 * RemLogic export of the ground truth (the true sleep/wake epochs as S2/W and every true leg
 * movement as an LM row), i.e. a perfectly scored PSG of the same night.
 */
public final class SyntheticPsg {

    public record Files3(Path left, Path right, Path psg, SyntheticNight night) {
    }

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private SyntheticPsg() {
    }

    public static Files3 write(SyntheticNightConfig config, Path dir, String name) throws IOException {
        SyntheticNight night = SyntheticNight.generate(config);
        NightCsvWriter.WrittenFiles f = NightCsvWriter.write(night, dir, name);
        Path psg = dir.resolve(name + "-psg.txt");
        LocalDateTime start = config.start();
        try (Writer w = Files.newBufferedWriter(psg, StandardCharsets.UTF_8)) {
            w.write("RemLogic Event Export\nPatient:\tsynthetic\n\nEvents Included:\nLM\nSLEEP-S0\nSLEEP-S2\n\n");
            w.write("Time [hh:mm:ss.xxx]\tEvent\tDuration[s]\tLocation\n");
            for (Epoch e : night.hypnogram().epochs()) {
                w.write(row(start, e.onsetSeconds(), e.stage() == Stage.WAKE ? "SLEEP-S0" : "SLEEP-S2",
                        e.durationSeconds(), "EEG"));
            }
            for (Leg leg : Leg.values()) {
                for (LegMovement m : night.truth(leg)) {
                    w.write(row(start, m.onsetSeconds(), "LM", m.durationSeconds(),
                            leg == Leg.LEFT ? "EMG.Tibialis-Leg.Left" : "EMG.Tibialis-Leg.Right"));
                }
            }
        }
        return new Files3(f.left(), f.right(), psg, night);
    }

    private static String row(LocalDateTime start, double onset, String event, double duration, String location) {
        return ISO.format(start.plusNanos(Math.round(onset * 1e9))) + "\t" + event + "\t"
                + String.format(Locale.ROOT, "%.3f", duration) + "\t" + location + "\n";
    }
}
