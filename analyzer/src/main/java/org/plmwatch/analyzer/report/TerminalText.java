package org.plmwatch.analyzer.report;

/**
 * Text from files and devices made safe to print on a terminal. A label, a file name or a device
 * message can hold ESC (colour, cursor moves, OSC 8 links, window titles), CR (overwrites the
 * line it is on, e.g. hides a warning) or bidirectional overrides (reorder what is shown); each
 * such character is printed as a visible escape instead, so what the reader sees is what the
 * file holds. Printable text, including non-ASCII letters, passes unchanged.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /**
     * C0 controls and DEL as {@code \xHH} ({@code \t}, {@code \n}, {@code \r} by name), C1 controls
     * (U+0080–U+009F, which include the one-byte CSI), the Unicode line separators and bidirectional controls as
     * {@code \\uHHHH}. Null prints as {@code null}.
     */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        int i = 0;
        while (i < text.length() && !needsEscape(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(c)) {
                b.append(c);
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c < 0x80) {
                b.append(String.format("\\x%02X", (int) c));
            } else {
                b.append(String.format("\\u%04X", (int) c));
            }
        }
        return b.toString();
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c >= 0x7F && c <= 0x9F
                || c == '\u061C' || c == '\u200E' || c == '\u200F' || c == '\u2028' || c == '\u2029'
                || c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
    }
}
