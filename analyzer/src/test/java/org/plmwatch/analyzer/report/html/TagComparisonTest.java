package org.plmwatch.analyzer.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TagComparisonTest {

    @Test
    void fewerThanThreeNightsOnASideIsNotCompared() {
        TagComparison t = TagComparison.of("caffeine", new double[] {30, 40}, new double[] {5, 6, 7, 8});
        assertFalse(t.comparable());
    }

    @Test
    void aClearSeparationGivesASmallPValueAndTheMeanDifference() {
        // 4 vs 4 nights fully separated: 2 of the 70 label splits are as extreme (two-sided), p ≈ 0.029.
        TagComparison t = TagComparison.of("caffeine", new double[] {30, 32, 35, 40}, new double[] {5, 6, 7, 8});
        assertEquals(34.25 - 6.5, t.difference(), 1e-9);
        assertEquals(2.0 / 70, t.pValue(), 0.01);
    }

    @Test
    void noDifferenceGivesAPValueNearOne() {
        TagComparison t = TagComparison.of("iron", new double[] {10, 20, 30}, new double[] {10, 20, 30});
        assertEquals(1.0, t.pValue(), 1e-9);
    }

    @Test
    void seededSoAReportIsReproducible() {
        double[] a = {12, 25, 18, 30, 9};
        double[] b = {14, 11, 22, 8};
        assertEquals(TagComparison.of("x", a, b).pValue(), TagComparison.of("x", a, b).pValue(), 0);
        assertTrue(TagComparison.of("x", a, b).pValue() > 0.05);
    }

    @Test
    void quantilesAreType7() {
        double[] v = {1, 2, 3, 4};
        assertEquals(2.5, TagComparison.median(v), 1e-12);
        assertEquals(1.75, TagComparison.quantile(v, 0.25), 1e-12);
        assertEquals(3.25, TagComparison.quantile(v, 0.75), 1e-12);
    }
}
