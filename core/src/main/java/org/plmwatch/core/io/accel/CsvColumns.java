package org.plmwatch.core.io.accel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the time and the three acceleration columns of a CSV header by name. A name is cut into
 * words (at non-letters and at camelCase humps), unit words and bracketed units are set aside, and
 * what is left must be a known spelling: {@code x}, {@code ax}, {@code acc_x}, {@code accX},
 * {@code Accel X (g)}, {@code accelerometer_x}, {@code acceleration x-axis}, {@code x_acc} for
 * acceleration; {@code t}, {@code time}, {@code timestamp}, {@code datetime}, {@code epoch},
 * {@code time (ms)} for time. Gyroscope ({@code gx}, {@code gyro_x}), magnetometer and linear
 * (gravity-free) acceleration columns match none of these, so they are never taken.
 */
final class CsvColumns {

    private static final Set<String> ACCEL_PREFIXES = Set.of("", "a", "acc", "accel", "accl", "accelerometer",
            "acceleration", "rawacc", "rawaccel");
    private static final Set<String> ACCEL_SUFFIXES = Set.of("acc", "accel", "acceleration");
    private static final Set<String> TIME_NAMES = Set.of("t", "time", "timestamp", "datetime", "dateandtime", "epoch",
            "epochtime", "unixtime", "unixtimestamp", "elapsed", "elapsedtime", "timeelapsed", "sampletime",
            "timestamputc", "timeutc", "localtime", "utctime");
    private static final Set<String> MILLISECOND_WORDS = Set.of("ms", "msec", "msecs", "millis", "millisecond",
            "milliseconds");
    private static final Set<String> SECOND_WORDS = Set.of("s", "sec", "secs", "second", "seconds");

    /** Which column holds what, and what the names say about units. */
    record Match(int time, int x, int y, int z, boolean timeInMilliseconds, Optional<AccelUnits> declaredUnits) {
    }

    /** Thrown with a message saying what is missing or ambiguous; the caller adds file and line. */
    static final class NoMatch extends Exception {
        NoMatch(String message) {
            super(message);
        }
    }

    private CsvColumns() {
    }

    static Match match(List<String> names) throws NoMatch {
        int time = -1;
        int[] axes = {-1, -1, -1};
        boolean milliseconds = false;
        AccelUnits[] declared = new AccelUnits[3];
        for (int i = 0; i < names.size(); i++) {
            String raw = names.get(i);
            List<String> words = words(stripBracketed(raw));
            List<String> allWords = words(raw);
            int axis = accelAxis(words);
            if (axis >= 0) {
                if (axes[axis] >= 0) {
                    throw new NoMatch("columns '" + names.get(axes[axis]) + "' and '" + raw + "' both look like "
                            + "the " + "xyz".charAt(axis) + " acceleration; rename the one that is not");
                }
                axes[axis] = i;
                declared[axis] = declaredUnits(raw, allWords);
                continue;
            }
            if (isTime(words)) {
                if (time >= 0) {
                    throw new NoMatch("columns '" + names.get(time) + "' and '" + raw + "' both look like the time;"
                            + " rename the one that is not");
                }
                time = i;
                milliseconds = allWords.stream().anyMatch(MILLISECOND_WORDS::contains);
            }
        }
        List<String> missing = new ArrayList<>();
        if (time < 0) {
            missing.add("time (t, time, timestamp, datetime, epoch)");
        }
        for (int axis = 0; axis < 3; axis++) {
            if (axes[axis] < 0) {
                char a = "xyz".charAt(axis);
                missing.add(a + " acceleration (" + a + ", a" + a + ", acc_" + a + ", accel" + Character.toUpperCase(a)
                        + ", \"Accel " + Character.toUpperCase(a) + " (g)\")");
            }
        }
        if (!missing.isEmpty()) {
            throw new NoMatch("no column for " + String.join(", ", missing) + " among the columns found: "
                    + quoted(names));
        }
        Optional<AccelUnits> units = Optional.ofNullable(declared[0]);
        if (declared[0] != declared[1] || declared[1] != declared[2]) {
            throw new NoMatch("the acceleration columns " + quoted(List.of(names.get(axes[0]), names.get(axes[1]),
                    names.get(axes[2]))) + " name different units; give all three the same unit");
        }
        return new Match(time, axes[0], axes[1], axes[2], milliseconds, units);
    }

    static String quoted(List<String> names) {
        StringBuilder s = new StringBuilder();
        for (String name : names) {
            s.append(s.length() == 0 ? "" : ", ").append('\'').append(name).append('\'');
        }
        return s.toString();
    }

    /** 0, 1, 2 for an x, y, z acceleration name, else -1. */
    private static int accelAxis(List<String> words) {
        List<String> kept = new ArrayList<>(words);
        // A trailing unit word: acc_x_g, ax_mps2.
        if (kept.size() > 1 && Set.of("g", "mps2", "ms2").contains(kept.get(kept.size() - 1))) {
            kept.remove(kept.size() - 1);
        }
        String joined = String.join("", kept);
        if (joined.endsWith("axis")) {
            joined = joined.substring(0, joined.length() - 4);
        }
        if (joined.isEmpty()) {
            return -1;
        }
        int axis = "xyz".indexOf(joined.charAt(joined.length() - 1));
        if (axis >= 0 && ACCEL_PREFIXES.contains(joined.substring(0, joined.length() - 1))) {
            return axis;
        }
        axis = "xyz".indexOf(joined.charAt(0));
        if (axis >= 0 && ACCEL_SUFFIXES.contains(joined.substring(1))) {
            return axis;
        }
        return -1;
    }

    private static boolean isTime(List<String> words) {
        List<String> kept = new ArrayList<>();
        for (String word : words) {
            if (!MILLISECOND_WORDS.contains(word) && !SECOND_WORDS.contains(word)) {
                kept.add(word);
            }
        }
        String joined = String.join("", kept);
        if (TIME_NAMES.contains(joined)) {
            return true;
        }
        // A bare unit ("seconds", "ms") names a time column too, but a lone "s" is too vague.
        return joined.isEmpty() && !words.isEmpty() && !words.equals(List.of("s"));
    }

    private static AccelUnits declaredUnits(String raw, List<String> allWords) {
        String lower = raw.toLowerCase(Locale.ROOT).replace(" ", "");
        if (lower.contains("m/s") || lower.contains("ms^-2") || lower.contains("ms-2") || allWords.contains("mps2")
                || allWords.contains("ms2")) {
            return AccelUnits.METERS_PER_SECOND_SQUARED;
        }
        if (lower.contains("(g)") || lower.contains("[g]") || allWords.size() > 1
                && allWords.get(allWords.size() - 1).equals("g")) {
            return AccelUnits.G;
        }
        return null;
    }

    private static String stripBracketed(String name) {
        return name.replaceAll("\\([^)]*\\)|\\[[^]]*]", " ");
    }

    /** Lower-case words: split at anything not a letter or digit, and before an upper-case letter following a lower-case one. */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char previous = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alnum = c < 128 && Character.isLetterOrDigit(c);
            boolean hump = alnum && Character.isUpperCase(c) && Character.isLowerCase(previous);
            if (!alnum || hump) {
                if (word.length() > 0) {
                    words.add(word.toString().toLowerCase(Locale.ROOT));
                    word.setLength(0);
                }
            }
            if (alnum) {
                word.append(c);
            }
            previous = c;
        }
        if (word.length() > 0) {
            words.add(word.toString().toLowerCase(Locale.ROOT));
        }
        return words;
    }
}
