package org.plmwatch.analyzer.cli;

import java.util.ArrayList;
import java.util.List;

import org.plmwatch.analyzer.io.EventLabels;

import picocli.CommandLine.Option;

/** Event labels a lab uses instead of (or besides) the RemLogic and EDF+ defaults. */
final class LabelOptions {

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

    EventLabels labels() {
        EventLabels.Builder b = EventLabels.builder();
        left.forEach(b::leftLegMovement);
        right.forEach(b::rightLegMovement);
        legMovement.forEach(b::legMovement);
        arousal.forEach(b::arousal);
        respiratory.forEach(b::respiratory);
        return b.build();
    }
}
