package org.plmwatch.core.io.accel;

import java.util.List;

/**
 * Where the samples sit in a CSV file, as learnt from its header.
 *
 * @param delimiter  field separator: {@code ,} {@code ;} or tab
 * @param headerLine 1-based line number of the header row; data follow it
 * @param columns    every column name in the header, in order
 * @param match      which columns are time, x, y, z
 */
record CsvLayout(byte delimiter, long headerLine, List<String> columns, CsvColumns.Match match) {

    CsvLayout {
        columns = List.copyOf(columns);
    }

    /** A decimal comma is possible only when the comma is not the separator. */
    boolean commaIsDecimal() {
        return delimiter != ',';
    }

    String delimiterName() {
        return delimiter == '\t' ? "tab" : "'" + (char) delimiter + "'";
    }
}
