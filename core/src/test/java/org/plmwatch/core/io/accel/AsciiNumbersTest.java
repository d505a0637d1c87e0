package org.plmwatch.core.io.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

class AsciiNumbersTest {

    private static double parse(String text, boolean comma) {
        byte[] b = ("#" + text + "#").getBytes(StandardCharsets.ISO_8859_1);
        return AsciiNumbers.parseDouble(b, 1, b.length - 1, comma);
    }

    @Test
    void agreesWithDoubleParseDoubleOnSeededRandomValues() {
        Random random = new Random(42);
        String[] formats = {"%.3f", "%.6f", "%.9f", "%e", "%.3e", "%.17g", "%.1f", "%.0f"};
        for (int i = 0; i < 40_000; i++) {
            double value = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(24) - 12);
            String text = String.format(Locale.ROOT, formats[i % formats.length], value);
            assertEquals(Double.parseDouble(text), parse(text, false), text);
        }
        for (int i = 0; i < 20_000; i++) {
            String text = Double.toString(Double.longBitsToDouble(random.nextLong()));
            if (!text.contains("N") && !text.contains("I")) {
                assertEquals(Double.parseDouble(text), parse(text, false), text);
            }
        }
    }

    @Test
    void readsTheShapesExportsWrite() {
        assertEquals(-0.94, parse("-9.400000e-01", false));
        assertEquals(-256.0, parse("-256", false));
        assertEquals(3.0, parse("3", false));
        assertEquals(0.5, parse(".5", false));
        assertEquals(5.0, parse("5.", false));
        assertEquals(1.25, parse("+1.25E0", false));
        assertEquals(0.98, parse("0,98", true));
        assertEquals(0.000123, parse("0.000123", false));
        assertEquals(-0.0, parse("-0", false));
        assertEquals(1700000000250.0, parse("1700000000250", false));
    }

    @Test
    void rejectsWhatIsNotAFiniteNumber() {
        for (String bad : new String[] {"", "-", ".", "e5", "1e", "1.2.3", "0,98", "abc", "1x", "NaN", "Infinity", "1e+"}) {
            assertTrue(Double.isNaN(parse(bad, false)), bad);
        }
        assertTrue(Double.isNaN(parse("1e999", false)), "overflow");
    }

    @Test
    void epochDayMatchesJavaTime() {
        for (LocalDate d = LocalDate.of(1899, 12, 1); d.isBefore(LocalDate.of(2101, 3, 1)); d = d.plusDays(13)) {
            assertEquals(d.toEpochDay(), AsciiNumbers.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()), d.toString());
            assertEquals(d.lengthOfMonth(), AsciiNumbers.lengthOfMonth(d.getYear(), d.getMonthValue()));
        }
    }

    @Test
    void dateTimesParseLikeJavaTime() {
        DateTimeBytes parser = new DateTimeBytes();
        Random random = new Random(3);
        for (int i = 0; i < 2000; i++) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(946_684_800L + (long) (random.nextDouble() * 1.5e9),
                    random.nextInt(1_000_000) * 1000, ZoneOffset.UTC);
            String text = t.toString().replace(i % 2 == 0 ? 'T' : ' ', ' ');
            byte[] b = text.getBytes(StandardCharsets.US_ASCII);
            assertTrue(parser.parse(b, 0, b.length), text);
            assertEquals(t.toEpochSecond(ZoneOffset.UTC), parser.epochSecond, text);
            assertEquals(t.getNano(), parser.nanos, text);
            assertEquals(t, parser.localDateTime());
        }
    }

    @Test
    void dateTimeOffsetsAreTakenOff() {
        DateTimeBytes parser = new DateTimeBytes();
        byte[] b = "2024-03-31T03:00:00.25+02:00".getBytes(StandardCharsets.US_ASCII);
        assertTrue(parser.parse(b, 0, b.length));
        assertEquals(LocalDateTime.of(2024, 3, 31, 1, 0).toEpochSecond(ZoneOffset.UTC), parser.epochSecond);
        assertEquals(250_000_000, parser.nanos);
        assertEquals(LocalDateTime.of(2024, 3, 31, 3, 0, 0, 250_000_000), parser.localDateTime());
        byte[] z = "2024/03/31 01:00:00Z".getBytes(StandardCharsets.US_ASCII);
        assertTrue(parser.parse(z, 0, z.length));
        assertEquals(LocalDateTime.of(2024, 3, 31, 1, 0).toEpochSecond(ZoneOffset.UTC), parser.epochSecond);
    }

    @Test
    void badDateTimesAreRejected() {
        DateTimeBytes parser = new DateTimeBytes();
        for (String bad : new String[] {"2024-02-30 00:00:00", "2024-13-01 00:00:00", "2024-01-01 24:00:00",
                "2024-01-01 00:00:00.", "2024-01-01 00:00:00 junk", "2024-01-01T00:00:00+0"}) {
            byte[] b = bad.getBytes(StandardCharsets.US_ASCII);
            assertFalse(parser.parse(b, 0, b.length), bad);
        }
    }
}
