package org.plmwatch.core.io.accel;

import java.time.LocalDateTime;

/**
 * Parses {@code yyyy-MM-dd[T| ]HH:mm[:ss[.fraction]][Z|±HH[:]MM]} from bytes into reusable fields,
 * without allocating ('/' is accepted between date fields too). An offset, when present, is taken
 * off so that times on either side of a daylight-saving change stay in order; the wall-clock
 * fields as written are kept for {@link #localDateTime()}.
 */
final class DateTimeBytes {

    /** Seconds since 1970-01-01T00:00 of the parsed time, offset removed. */
    long epochSecond;
    /** Fraction of the second, 0 ≤ nanos < 10⁹. */
    int nanos;

    private int year;
    private int month;
    private int day;
    private int hour;
    private int minute;
    private int second;

    /** Cheap test used to tell a date-time column from a numeric one. */
    static boolean looksLikeDateTime(byte[] b, int from, int to) {
        return to - from >= 16 && isDigits(b, from, 4) && (b[from + 4] == '-' || b[from + 4] == '/')
                && (b[from + 10] == 'T' || b[from + 10] == ' ');
    }

    /** Parses {@code b[from, to)}; false when it is not a valid date-time. */
    boolean parse(byte[] b, int from, int to) {
        if (!looksLikeDateTime(b, from, to)) {
            return false;
        }
        byte dateSeparator = b[from + 4];
        if (b[from + 7] != dateSeparator || !isDigits(b, from + 5, 2) || !isDigits(b, from + 8, 2)
                || !isDigits(b, from + 11, 2) || b[from + 13] != ':' || !isDigits(b, from + 14, 2)) {
            return false;
        }
        year = number(b, from, 4);
        month = number(b, from + 5, 2);
        day = number(b, from + 8, 2);
        hour = number(b, from + 11, 2);
        minute = number(b, from + 14, 2);
        second = 0;
        nanos = 0;
        int i = from + 16;
        if (i < to && b[i] == ':') {
            if (i + 3 > to || !isDigits(b, i + 1, 2)) {
                return false;
            }
            second = number(b, i + 1, 2);
            i += 3;
            if (i < to && (b[i] == '.' || b[i] == ',')) {
                i++;
                int fractionDigits = 0;
                int scale = 100_000_000;
                while (i < to && b[i] >= '0' && b[i] <= '9') {
                    nanos += (b[i] - '0') * scale;
                    scale /= 10;
                    fractionDigits++;
                    i++;
                }
                if (fractionDigits == 0) {
                    return false;
                }
            }
        }
        if (month < 1 || month > 12 || day < 1 || day > AsciiNumbers.lengthOfMonth(year, month) || hour > 23
                || minute > 59 || second > 59) {
            return false;
        }
        int offsetSeconds = 0;
        if (i < to) {
            if (b[i] == 'Z' && i + 1 == to) {
                i++;
            } else if (b[i] == '+' || b[i] == '-') {
                int sign = b[i] == '-' ? -1 : 1;
                i++;
                if (!isDigits(b, i, 2)) {
                    return false;
                }
                int offsetHours = number(b, i, 2);
                i += 2;
                if (i < to && b[i] == ':') {
                    i++;
                }
                if (i + 2 != to || !isDigits(b, i, 2)) {
                    return false;
                }
                offsetSeconds = sign * (offsetHours * 3600 + number(b, i, 2) * 60);
                i += 2;
            } else {
                return false;
            }
        }
        epochSecond = AsciiNumbers.epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second
                - offsetSeconds;
        return i == to;
    }

    /** The wall-clock date-time last parsed, as written (offset not applied). */
    LocalDateTime localDateTime() {
        return LocalDateTime.of(year, month, day, hour, minute, second, nanos);
    }

    private static boolean isDigits(byte[] b, int from, int count) {
        if (from + count > b.length) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(byte[] b, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (b[i] - '0');
        }
        return value;
    }
}
