package org.plmwatch.analyzer.report.html;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/** Number and time formats of the report: one place, so every table reads the same. */
final class Fmt {

    static final String NONE = "—";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    private Fmt() {
    }

    /** {@code v} with {@code decimals} decimals, or a dash when undefined. */
    static String num(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : NONE;
    }

    static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.0f %%", fraction * 100) : NONE;
    }

    /** Hours as h:mm. */
    static String hm(double hours) {
        if (!Double.isFinite(hours)) {
            return NONE;
        }
        long minutes = Math.round(hours * 60);
        return String.format(Locale.ROOT, "%d:%02d", minutes / 60, minutes % 60);
    }

    /** The text with its first letter in upper case (a leg's label at the start of a row). */
    static String capital(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** A length of time that may be seconds or hours (a gap): seconds under two minutes, else h:mm. */
    static String duration(double seconds) {
        return seconds < 120 ? String.format(Locale.ROOT, "%.1f s", seconds) : hm(seconds / 3600) + " h";
    }

    static String clock(LocalDateTime t) {
        return CLOCK.format(t);
    }

    static String date(LocalDateTime t) {
        return DATE.format(t);
    }

    static String date(java.time.LocalDate d) {
        return DATE.format(d);
    }

    static String weekday(java.time.LocalDate d) {
        return d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }
}
