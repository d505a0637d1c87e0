package org.plmwatch.analyzer.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.plmwatch.analyzer.io.EventLabels;
import org.plmwatch.core.model.Stage;

import picocli.CommandLine.Option;

/** Event labels a lab uses instead of (or besides) the RemLogic and EDF+ defaults. */
final class LabelOptions {

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--left-label", paramLabel = "LABEL",
            description = "Event label meaning a left leg movement ('*' matches anything; repeatable).")
    List<String> left = new ArrayList<>();

    @Option(names = "--right-label", paramLabel = "LABEL", description = "Event label meaning a right leg movement.")
    List<String> right = new ArrayList<>();

    @Option(names = "--lm-label", paramLabel = "LABEL",
            description = "Event label meaning a leg movement whose leg is in the Location column.")
    List<String> legMovement = new ArrayList<>();

    @Option(names = "--arousal-label", paramLabel = "LABEL", description = "Event label meaning an arousal.")
    List<String> arousal = new ArrayList<>();

    @Option(names = "--respiratory-label", paramLabel = "LABEL",
            description = "Event label meaning an apnea or hypopnea.")
    List<String> respiratory = new ArrayList<>();

    @Option(names = "--stage-label", paramLabel = "STAGE=LABEL", description = "Event label meaning a 30-s epoch "
            + "of STAGE (W, N1, N2, N3, REM), e.g. --stage-label N2=Stage2.")
    Map<String, String> stages = new LinkedHashMap<>();

    EventLabels labels() {
        EventLabels.Builder b = EventLabels.builder();
        left.forEach(b::leftLegMovement);
        right.forEach(b::rightLegMovement);
        legMovement.forEach(b::legMovement);
        arousal.forEach(b::arousal);
        respiratory.forEach(b::respiratory);
        stages.forEach((stage, label) -> b.stage(label, stage(stage)));
        return b.build();
    }

    private Stage stage(String name) {
        for (Stage s : Stage.values()) {
            if (s != Stage.SLEEP && (s.label().equalsIgnoreCase(name) || s.name().equalsIgnoreCase(name))) {
                return s;
            }
        }
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "--stage-label: unknown stage '" + name + "': use W, N1, N2, N3 or REM");
    }
}
