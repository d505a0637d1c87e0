package org.plmwatch.analyzer.nights;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.plmwatch.analyzer.report.CsvCells;

/**
 * The rows of {@code batch}'s {@code nights.csv}: one per night, its values taken from the very
 * JSON document {@code score --json} writes for that night, so the table and the JSON can never
 * disagree (one writer, {@code ScoreJson}, decides every number's rounding). Undefined values
 * (JSON null) are empty cells.
 */
public final class NightsCsv {

    /**
     * The scalar fields of docs/SCORING.md §8, in its order. {@code start} is section G's
     * first field; it comes right after {@code night}, with lights-off and lights-on beside it.
     */
    public static final List<String> SECTION_G_SCALARS = List.of("rules", "tib_hours", "tst_hours",
            "clm_count_sleep", "plm_count_sleep", "clm_count_tib", "plm_count_tib", "nonclm_count_tib",
            "bilateral_clm_count_tib", "plms_index", "plms_nr_index", "plmw_index", "clms_index", "periodicity_index");

    /** Leading columns, then section G, then where the night's JSON is (relative to the batch folder). */
    public static final List<String> COLUMNS;

    static {
        List<String> c = new ArrayList<>(List.of("source", "night", "start", "lights_off", "lights_on"));
        c.addAll(SECTION_G_SCALARS);
        c.add("json");
        COLUMNS = List.copyOf(c);
    }

    private NightsCsv() {
    }

    public static String header() {
        return String.join(",", COLUMNS) + "\n";
    }

    /**
     * @param source   what was read (from {@link Inputs.Labelled#source()})
     * @param json     the night's JSON as {@code ScoreJson} wrote it
     * @param jsonPath where that JSON was written, relative to the batch folder
     */
    public static String row(String source, String json, String jsonPath) {
        Map<String, String> fields = topLevelScalars(json);
        List<String> cells = new ArrayList<>(COLUMNS.size());
        cells.add(text(source));
        cells.add(text(fields.getOrDefault("night", "")));
        cells.add(text(fields.getOrDefault("start", "")));
        // Lights-off and -on are per-night fields of the JSON when the night has them; a night
        // whose JSON has none gets empty cells, never a guess.
        cells.add(text(fields.getOrDefault("lights_off", "")));
        cells.add(text(fields.getOrDefault("lights_on", "")));
        for (String g : SECTION_G_SCALARS) {
            if (!fields.containsKey(g)) {
                throw new IllegalStateException("the night's JSON has no section G field " + g);
            }
            cells.add(text(fields.get(g)));
        }
        cells.add(text(jsonPath));
        return String.join(",", cells) + "\n";
    }

    /**
     * The top-level members of a JSON object written by {@code JsonWriter} (one member a line,
     * two-space indent) whose values are strings, numbers, booleans or null; strings unescaped,
     * null as "". Objects and arrays are skipped.
     */
    static Map<String, String> topLevelScalars(String json) {
        Map<String, String> fields = new LinkedHashMap<>();
        int depth = 0;
        for (String line : json.split("\n")) {
            if (depth == 1 && line.startsWith("  \"")) {
                int[] end = new int[1];
                String name = unquote(line, 2, end);
                int colon = line.indexOf(": ", end[0]);
                if (colon > 0) {
                    String value = line.substring(colon + 2);
                    if (value.endsWith(",")) {
                        value = value.substring(0, value.length() - 1);
                    }
                    if (value.startsWith("\"")) {
                        fields.put(name, unquote(value, 0, end));
                    } else if (!value.startsWith("{") && !value.startsWith("[")) {
                        fields.put(name, value.equals("null") ? "" : value);
                    }
                }
            }
            depth += nesting(line);
        }
        return fields;
    }

    /** Opening minus closing brackets outside strings. */
    private static int nesting(String line) {
        int d = 0;
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                d++;
            } else if (c == '}' || c == ']') {
                d--;
            }
        }
        return d;
    }

    /** The JSON string starting at {@code from} (its opening quote), unescaped; {@code end[0]} is set after the closing quote. */
    private static String unquote(String s, int from, int[] end) {
        StringBuilder b = new StringBuilder();
        int i = from + 1;
        for (; i < s.length() && s.charAt(i) != '"'; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
            } else {
                b.append(c);
            }
        }
        end[0] = i + 1;
        return b.toString();
    }

    /**
     * One cell: numbers as they are (a negative index must stay a number), everything else through
     * {@link CsvCells} (quoted when needed, a leading formula character neutralised).
     */
    static String text(String s) {
        return isNumber(s) ? s : CsvCells.cell(s);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
