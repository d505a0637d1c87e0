package org.plmwatch.analyzer.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.Stage;

/**
 * Which event labels of a PSG export mean a sleep stage, a leg movement, an arousal or a
 * respiratory event. Matching ignores case; a label may contain {@code *} as a wildcard. The
 * defaults cover RemLogic ({@code SLEEP-S2}, {@code PLM-LM}, {@code AROUSAL-RESP},
 * {@code HYPOPNEA-OBSTRUCTIVE}) and the EDF+ standard texts ({@code Sleep stage N2},
 * {@code Limb movement left}, {@code Arousal}, {@code Obstructive apnea}). Labels a lab names
 * itself are tried before the defaults, so they can also override them.
 */
public final class EventLabels {

    /** What an event row means. */
    public enum Kind { STAGE, LEG_MOVEMENT, AROUSAL, RESPIRATORY, UNKNOWN }

    /**
     * @param kind  the meaning
     * @param stage for {@link Kind#STAGE}, the stage; else null
     * @param leg   for {@link Kind#LEG_MOVEMENT}, the leg when the label says it; null when the leg
     *              must come from the row's location
     */
    public record Meaning(Kind kind, Stage stage, Leg leg) {
        static final Meaning UNKNOWN = new Meaning(Kind.UNKNOWN, null, null);
    }

    private record Rule(Pattern pattern, Meaning meaning) {
    }

    private static final Map<String, Stage> DEFAULT_STAGES = Map.ofEntries(
            Map.entry("SLEEP-S0", Stage.WAKE), Map.entry("SLEEP-W", Stage.WAKE),
            Map.entry("SLEEP-S1", Stage.N1), Map.entry("SLEEP-N1", Stage.N1),
            Map.entry("SLEEP-S2", Stage.N2), Map.entry("SLEEP-N2", Stage.N2),
            Map.entry("SLEEP-S3", Stage.N3), Map.entry("SLEEP-S4", Stage.N3), Map.entry("SLEEP-N3", Stage.N3),
            Map.entry("SLEEP-REM", Stage.REM), Map.entry("SLEEP-R", Stage.REM),
            Map.entry("Sleep stage W", Stage.WAKE), Map.entry("Sleep stage 0", Stage.WAKE),
            Map.entry("Sleep stage 1", Stage.N1), Map.entry("Sleep stage N1", Stage.N1),
            Map.entry("Sleep stage 2", Stage.N2), Map.entry("Sleep stage N2", Stage.N2),
            Map.entry("Sleep stage 3", Stage.N3), Map.entry("Sleep stage 4", Stage.N3),
            Map.entry("Sleep stage N3", Stage.N3),
            Map.entry("Sleep stage R", Stage.REM), Map.entry("Sleep stage REM", Stage.REM));

    private static final List<String> DEFAULT_LEFT = List.of(
            "left-LM", "LM-left", "LM left", "left LM", "*leg movement*left*", "*limb movement*left*",
            "left*leg movement*", "left*limb movement*");
    private static final List<String> DEFAULT_RIGHT = List.of(
            "right-LM", "LM-right", "LM right", "right LM", "*leg movement*right*", "*limb movement*right*",
            "right*leg movement*", "right*limb movement*");
    private static final List<String> DEFAULT_LM = List.of(
            "LM", "PLM-LM", "PLM", "LM-PLM", "*leg movement*", "*limb movement*");
    private static final List<String> DEFAULT_AROUSAL = List.of("AROUSAL*", "*arousal*");
    private static final List<String> DEFAULT_RESPIRATORY = List.of("*apnea*", "*hypopnea*", "*apnoea*", "*hypopnoea*");

    private final List<Rule> rules;

    private EventLabels(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The built-in vocabulary. */
    public static EventLabels defaults() {
        return new Builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What {@code label} means; {@link Kind#UNKNOWN} when nothing matches. */
    public Meaning classify(String label) {
        String trimmed = label.trim();
        for (Rule r : rules) {
            if (r.pattern().matcher(trimmed).matches()) {
                return r.meaning();
            }
        }
        return Meaning.UNKNOWN;
    }

    /**
     * The leg named by a location or channel text such as {@code EMG.Tibialis-Leg.Left}, or null
     * when it names neither or both.
     */
    public static Leg legFromText(String text) {
        if (text == null) {
            return null;
        }
        String t = text.toLowerCase(Locale.ROOT);
        boolean left = t.contains("left");
        boolean right = t.contains("right");
        if (left == right) {
            return null;
        }
        return left ? Leg.LEFT : Leg.RIGHT;
    }

    static Pattern glob(String label) {
        StringBuilder regex = new StringBuilder();
        String[] parts = label.trim().split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            if (!parts[i].isEmpty()) {
                regex.append(Pattern.quote(parts[i]));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** Builds a vocabulary: labels added here are tried before the defaults. */
    public static final class Builder {
        private final List<Rule> user = new ArrayList<>();

        public Builder leftLegMovement(String label) {
            user.add(new Rule(glob(label), new Meaning(Kind.LEG_MOVEMENT, null, Leg.LEFT)));
            return this;
        }

        public Builder rightLegMovement(String label) {
            user.add(new Rule(glob(label), new Meaning(Kind.LEG_MOVEMENT, null, Leg.RIGHT)));
            return this;
        }

        /** A leg-movement label whose leg is given by the row's location or channel. */
        public Builder legMovement(String label) {
            user.add(new Rule(glob(label), new Meaning(Kind.LEG_MOVEMENT, null, null)));
            return this;
        }

        public Builder arousal(String label) {
            user.add(new Rule(glob(label), new Meaning(Kind.AROUSAL, null, null)));
            return this;
        }

        public Builder respiratory(String label) {
            user.add(new Rule(glob(label), new Meaning(Kind.RESPIRATORY, null, null)));
            return this;
        }

        public Builder stage(String label, Stage stage) {
            user.add(new Rule(glob(label), new Meaning(Kind.STAGE, stage, null)));
            return this;
        }

        public EventLabels build() {
            List<Rule> all = new ArrayList<>(user);
            DEFAULT_STAGES.forEach((label, stage) ->
                    all.add(new Rule(glob(label), new Meaning(Kind.STAGE, stage, null))));
            // Arousals before leg movements: RemLogic's AROUSAL-LM is an arousal, not a movement.
            DEFAULT_AROUSAL.forEach(l -> all.add(new Rule(glob(l), new Meaning(Kind.AROUSAL, null, null))));
            DEFAULT_RESPIRATORY.forEach(l -> all.add(new Rule(glob(l), new Meaning(Kind.RESPIRATORY, null, null))));
            DEFAULT_LEFT.forEach(l -> all.add(new Rule(glob(l), new Meaning(Kind.LEG_MOVEMENT, null, Leg.LEFT))));
            DEFAULT_RIGHT.forEach(l -> all.add(new Rule(glob(l), new Meaning(Kind.LEG_MOVEMENT, null, Leg.RIGHT))));
            DEFAULT_LM.forEach(l -> all.add(new Rule(glob(l), new Meaning(Kind.LEG_MOVEMENT, null, null))));
            return new EventLabels(all);
        }
    }
}
