package org.plmwatch.analyzer.report;

/**
 * One text cell of a CSV table (RFC 4180), safe to open in a spreadsheet. A cell with a comma,
 * quote, CR or LF is quoted. A cell that starts with {@code = + - @}, TAB or CR would be run as a
 * formula by Excel, LibreOffice or Google Sheets (OWASP "CSV injection": a night named
 * {@code =HYPERLINK(...)} after its file): it gets a leading {@code '}, which spreadsheets show
 * as text and no formula engine evaluates, and is quoted. Numbers written by the program never
 * pass through here, so a negative number stays a number.
 */
public final class CsvCells {

    private CsvCells() {
    }

    public static String cell(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        char first = text.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
                || first == '\r';
        String s = formula ? "'" + text : text;
        if (!formula && s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
