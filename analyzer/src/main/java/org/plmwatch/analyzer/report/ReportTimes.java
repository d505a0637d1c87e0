package org.plmwatch.analyzer.report;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Date-times as reports print them. Times come from sample clocks and decimal seconds, so
 * {@link LocalDateTime#toString()} would print binary fractions such as {@code 10:55:06.000488281};
 * a report says what a reader can use: whole seconds, or milliseconds for a movement's onset.
 */
public final class ReportTimes {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");

    private ReportTimes() {
    }

    /** ISO-8601 to the second, rounded to the nearest. */
    public static String seconds(LocalDateTime t) {
        return t.plusNanos(500_000_000).truncatedTo(ChronoUnit.SECONDS).format(SECONDS);
    }

    /** ISO-8601 to the millisecond, rounded to the nearest. */
    public static String millis(LocalDateTime t) {
        return t.plusNanos(500_000).truncatedTo(ChronoUnit.MILLIS).format(MILLIS);
    }
}
