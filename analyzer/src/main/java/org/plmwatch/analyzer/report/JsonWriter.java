package org.plmwatch.analyzer.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A small streaming JSON writer: two-space indentation, numbers in the shortest exact form, NaN
 * and infinities written as {@code null} (JSON has no NaN, and an undefined index is "no value").
 * Hand-written because the analyzer only writes JSON; a JSON library would add start-up time to
 * every command for a hundred lines of code.
 */
public final class JsonWriter {

    private final Writer out;
    /** Per open container: whether anything was written in it yet. */
    private final Deque<boolean[]> stack = new ArrayDeque<>();
    private boolean afterName;

    public JsonWriter(Writer out) {
        this.out = out;
    }

    public JsonWriter beginObject() {
        token("{");
        stack.push(new boolean[] {false});
        return this;
    }

    public JsonWriter endObject() {
        return close("}");
    }

    public JsonWriter beginArray() {
        token("[");
        stack.push(new boolean[] {false});
        return this;
    }

    public JsonWriter endArray() {
        return close("]");
    }

    public JsonWriter name(String name) {
        separator();
        write(quote(name));
        write(": ");
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        return s == null ? nullValue() : raw(quote(s));
    }

    public JsonWriter value(boolean b) {
        return raw(Boolean.toString(b));
    }

    public JsonWriter value(long n) {
        return raw(Long.toString(n));
    }

    /** Rounded to {@code decimals} places; NaN and infinities become null. */
    public JsonWriter value(double d, int decimals) {
        if (!Double.isFinite(d)) {
            return nullValue();
        }
        String s = new java.math.BigDecimal(d).setScale(decimals, java.math.RoundingMode.HALF_EVEN)
                .stripTrailingZeros().toPlainString();
        return raw(s.equals("-0") ? "0" : s);
    }

    public JsonWriter nullValue() {
        return raw("null");
    }

    public JsonWriter field(String name, String v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, boolean v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, long v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, double v, int decimals) {
        return name(name).value(v, decimals);
    }

    /** Ends the document with a newline and flushes. */
    public void finish() {
        if (!stack.isEmpty()) {
            throw new IllegalStateException("unclosed JSON container");
        }
        write("\n");
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonWriter raw(String token) {
        token(token);
        return this;
    }

    private void token(String token) {
        if (!afterName) {
            separator();
        }
        afterName = false;
        write(token);
    }

    private void separator() {
        if (stack.isEmpty()) {
            return;
        }
        boolean[] top = stack.peek();
        write(top[0] ? ",\n" : "\n");
        top[0] = true;
        indent(stack.size());
    }

    private JsonWriter close(String token) {
        boolean[] top = stack.pop();
        if (top[0]) {
            write("\n");
            indent(stack.size());
        }
        write(token);
        return this;
    }

    private void indent(int depth) {
        write("  ".repeat(depth));
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
