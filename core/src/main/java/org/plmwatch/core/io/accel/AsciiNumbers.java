package org.plmwatch.core.io.accel;

import java.nio.charset.StandardCharsets;

/**
 * Parses decimal numbers straight from bytes, so a CSV reader does not build a String per field.
 * Numbers with at most 15 significant digits and a decimal exponent within ±22 (every value a sensor
 * export writes) take Clinger's fast path: the digits as an exact long times or divided by an exact
 * power of ten, one rounding, hence the same double as {@link Double#parseDouble}. Anything longer
 * falls back to {@code Double.parseDouble}.
 */
final class AsciiNumbers {

    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        double p = 1.0;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10.0;
        }
    }

    private AsciiNumbers() {
    }

    /**
     * The number in {@code bytes[from, to)}, or NaN when it is not a finite decimal number. A comma
     * is taken as the decimal mark when {@code commaIsDecimal} (semicolon- or tab-separated exports
     * from European locales write {@code 0,98}).
     */
    static double parseDouble(byte[] bytes, int from, int to, boolean commaIsDecimal) {
        int i = from;
        if (i >= to) {
            return Double.NaN;
        }
        boolean negative = false;
        if (bytes[i] == '-' || bytes[i] == '+') {
            negative = bytes[i] == '-';
            i++;
        }
        long mantissa = 0;
        int significantDigits = 0;
        int digits = 0;
        int exponent10 = 0;
        boolean point = false;
        for (; i < to; i++) {
            int c = bytes[i];
            if (c >= '0' && c <= '9') {
                digits++;
                if (mantissa != 0 || c != '0') {
                    significantDigits++;
                    if (significantDigits <= 18) {
                        mantissa = mantissa * 10 + (c - '0');
                        if (point) {
                            exponent10--;
                        }
                    } else if (!point) {
                        exponent10++;
                    }
                } else if (point) {
                    exponent10--;
                }
            } else if ((c == '.' || (c == ',' && commaIsDecimal)) && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < to) {
            int c = bytes[i];
            if (c != 'e' && c != 'E') {
                return Double.NaN;
            }
            i++;
            boolean negativeExponent = false;
            if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
                negativeExponent = bytes[i] == '-';
                i++;
            }
            if (i >= to) {
                return Double.NaN;
            }
            int e = 0;
            for (; i < to; i++) {
                c = bytes[i];
                if (c < '0' || c > '9') {
                    return Double.NaN;
                }
                if (e < 100_000) {
                    e = e * 10 + (c - '0');
                }
            }
            exponent10 += negativeExponent ? -e : e;
        }
        if (mantissa == 0) {
            return negative ? -0.0 : 0.0;
        }
        if (significantDigits <= 15 && exponent10 >= -22 && exponent10 <= 22) {
            double value = exponent10 >= 0 ? mantissa * POWERS_OF_TEN[exponent10]
                    : mantissa / POWERS_OF_TEN[-exponent10];
            return negative ? -value : value;
        }
        return slowParse(bytes, from, to);
    }

    private static double slowParse(byte[] bytes, int from, int to) {
        String text = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1).replace(',', '.');
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Days from 1970-01-01 to the given proleptic Gregorian date (Hinnant's days_from_civil). */
    static long epochDay(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        int shiftedMonth = month > 2 ? month - 3 : month + 9;
        long dayOfYear = (153L * shiftedMonth + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    static int lengthOfMonth(long year, int month) {
        switch (month) {
            case 2:
                boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                return leap ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }
}
