package org.plmwatch.core.io.accel;

import java.util.Arrays;

/**
 * Splits one delimited line into field ranges held in reused arrays. Spaces around a field and a
 * pair of enclosing double quotes are left out; a quoted field may hold the delimiter.
 */
final class FieldSplitter {

    private final byte delimiter;
    int[] starts = new int[16];
    int[] ends = new int[16];

    FieldSplitter(byte delimiter) {
        this.delimiter = delimiter;
    }

    /**
     * Splits {@code b[from, to)}, stopping after {@code maxFields} fields.
     *
     * @return the number of fields found (at most {@code maxFields})
     */
    int split(byte[] b, int from, int to, int maxFields) {
        int count = 0;
        int i = from;
        while (count < maxFields) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            while (i < to && b[i] == ' ') {
                i++;
            }
            int start = i;
            int end;
            if (i < to && b[i] == '"') {
                start = ++i;
                while (i < to && b[i] != '"') {
                    i++;
                }
                end = i;
                while (i < to && b[i] != delimiter) {
                    i++;
                }
            } else {
                while (i < to && b[i] != delimiter) {
                    i++;
                }
                end = i;
                while (end > start && (b[end - 1] == ' ' || (b[end - 1] == '\t' && delimiter != '\t'))) {
                    end--;
                }
            }
            starts[count] = start;
            ends[count] = end;
            count++;
            if (i >= to) {
                break;
            }
            i++; // past the delimiter
        }
        return count;
    }
}
