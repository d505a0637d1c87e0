package org.plmwatch.core.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;

class DetectionComparisonTest {

    private static LegMovement m(double onset, double duration, double peak) {
        return new LegMovement(Leg.LEFT, onset, duration, peak);
    }

    @Test
    void countsHitsMissesAndFalseAlarms() {
        List<LegMovement> truth = List.of(m(10, 2, 0.3), m(40, 3, 0.2), m(70, 1, 0.5), m(100, 2, 0.1));
        List<LegMovement> found = List.of(
                m(10.2, 1.8, 0.3),   // hit: onset +0.2, duration −0.2
                m(40.5, 3.5, 0.2),   // hit: onset +0.5, duration +0.5
                m(71.5, 1, 0.5),     // too late for the 1-s tolerance: false alarm, and 70 is missed
                m(130, 1, 0.1));     // nothing there
        DetectionComparison.Result r = DetectionComparison.compare(truth, found, 0.05);
        assertEquals(2, r.truePositives());
        assertEquals(2, r.falsePositives());
        assertEquals(2, r.falseNegatives());
        assertEquals(0.5, r.precision(), 1e-12);
        assertEquals(0.5, r.recall(), 1e-12);
        assertEquals(0.5, r.f1(), 1e-12);
        assertEquals(0.35, r.medianAbsOnsetErrorSeconds(), 1e-9);
        assertEquals(0.35, r.medianAbsDurationErrorSeconds(), 1e-9);
    }

    @Test
    void weakTrueMovementsAreOptional() {
        List<LegMovement> truth = List.of(m(10, 2, 0.02), m(40, 2, 0.03), m(70, 2, 0.3));
        // The first weak one is found, the second is not: neither counts; the strong one is a hit.
        List<LegMovement> found = List.of(m(10, 2, 0.02), m(70.1, 2, 0.3));
        DetectionComparison.Result r = DetectionComparison.compare(truth, found, 0.05);
        assertEquals(1, r.truePositives());
        assertEquals(0, r.falsePositives());
        assertEquals(0, r.falseNegatives());
        assertEquals(1.0, r.f1(), 1e-12);
    }

    @Test
    void pairsAreOneToOneAndNearestFirst() {
        List<LegMovement> truth = List.of(m(10, 3, 0.3));
        List<LegMovement> found = List.of(m(9.6, 1, 0.3), m(10.1, 2, 0.3));
        DetectionComparison.Result r = DetectionComparison.compare(truth, found, 0.05);
        assertEquals(1, r.truePositives());
        assertEquals(1, r.falsePositives());
        assertEquals(10.1, r.matches().get(0).detected().onsetSeconds(), 1e-12);
    }

    @Test
    void emptyListsAreAPerfectScoreWithNoErrors() {
        DetectionComparison.Result r = DetectionComparison.compare(List.of(), List.of(), 0.05);
        assertEquals(1.0, r.f1());
        assertTrue(Double.isNaN(r.medianAbsOnsetErrorSeconds()));
        assertEquals(List.of(), r.matches());
        assertThrows(IllegalArgumentException.class, () -> DetectionComparison.compare(List.of(), List.of(), 0, -1));
    }
}
