package org.plmwatch.analyzer.edf;

import java.util.ArrayList;
import java.util.List;

/**
 * Which 1-s data records an EDF+ file holds: runs of consecutive record numbers (record {@code k}
 * starts {@code k} seconds after the file's start), sorted and disjoint. One run is EDF+C; several
 * are EDF+D, where the time between runs has no record. A record's place in the file (its slot)
 * is its rank among the records held. Memory: one entry per run, whatever the length.
 */
public final class RecordLayout {

    private final long[] first;
    private final long[] last;
    /** Slots before run i. */
    private final long[] before;

    private RecordLayout(long[] first, long[] last) {
        this.first = first;
        this.last = last;
        this.before = new long[first.length + 1];
        for (int i = 0; i < first.length; i++) {
            before[i + 1] = before[i] + last[i] - first[i] + 1;
        }
    }

    /** Builds a layout from runs {@code [first, last]} in any order, overlapping or touching runs merged. */
    public static RecordLayout of(List<long[]> runs) {
        List<long[]> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] r : sorted) {
            if (r[1] < r[0]) {
                throw new IllegalArgumentException("run " + r[0] + ".." + r[1]);
            }
            long[] tail = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (tail != null && r[0] <= tail[1] + 1) {
                tail[1] = Math.max(tail[1], r[1]);
            } else {
                merged.add(new long[] {r[0], r[1]});
            }
        }
        long[] f = new long[merged.size()];
        long[] l = new long[merged.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = merged.get(i)[0];
            l[i] = merged.get(i)[1];
        }
        return new RecordLayout(f, l);
    }

    public long recordCount() {
        return before[first.length];
    }

    public int runCount() {
        return first.length;
    }

    /** True when the records are contiguous (EDF+C). */
    public boolean continuous() {
        return first.length <= 1;
    }

    /** The slot holding record {@code record}, or -1 when the file has no such record. */
    public long slotOf(long record) {
        int lo = 0;
        int hi = first.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (record < first[mid]) {
                hi = mid - 1;
            } else if (record > last[mid]) {
                lo = mid + 1;
            } else {
                return before[mid] + record - first[mid];
            }
        }
        return -1;
    }

    /** The record number (= onset in seconds) held in {@code slot}. */
    public long recordOf(long slot) {
        if (slot < 0 || slot >= recordCount()) {
            throw new IndexOutOfBoundsException("slot " + slot);
        }
        int lo = 0;
        int hi = first.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (before[mid] <= slot) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return first[lo] + slot - before[lo];
    }

    /** First and last record of run {@code i}. */
    public long runFirst(int i) {
        return first[i];
    }

    public long runLast(int i) {
        return last[i];
    }
}
