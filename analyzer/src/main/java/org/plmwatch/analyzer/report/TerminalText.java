package org.plmwatch.analyzer.report;

/**
 * Text from devices and files made safe to print on a terminal. A device id or a file's label could
 * carry ESC sequences (move the cursor, rewrite lines already printed, set the window title with
 * OSC, or worse on old terminals), a CR that overwrites the start of a line, or bidirectional
 * overrides that show text in another order than it is. Each such character is shown as a visible
 * escape instead: C0 controls, DEL and C1 controls as {@code \xNN}, Unicode line separators and
 * bidirectional controls as backslash, {@code u}, then the code point in braces ({@code u{202E}}).
 * Everything else, including any other non-ASCII letter, is kept as it is.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /** {@code text} with every control character replaced by a visible escape; null stays null. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            String esc = cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ? String.format("\\x%02X", cp)
                    : isInvisibleControl(cp) ? String.format("\\u{%04X}", cp) : null;
            if (esc != null && b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (b != null) {
                if (esc != null) {
                    b.append(esc);
                } else {
                    b.appendCodePoint(cp);
                }
            }
            i += n;
        }
        return b == null ? text : b.toString();
    }

    /** Line and paragraph separators, bidirectional marks, embeddings, overrides and isolates. */
    private static boolean isInvisibleControl(int cp) {
        return cp == 0x2028 || cp == 0x2029 || cp == 0x200E || cp == 0x200F || cp == 0x061C
                || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
                || (Character.getType(cp) == Character.SURROGATE);
    }
}
