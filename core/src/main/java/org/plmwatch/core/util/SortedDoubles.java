package org.plmwatch.core.util;

/** Search in a sorted {@code double[]} (event onsets, ends), shared by the scorer and the matcher. */
public final class SortedDoubles {

    private SortedDoubles() {
    }

    /** Index of the first element {@code >= key}; {@code a.length} when there is none. */
    public static int lowerBound(double[] a, double key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
