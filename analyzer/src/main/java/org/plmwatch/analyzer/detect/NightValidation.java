package org.plmwatch.analyzer.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.plmwatch.core.detect.DetectionComparison;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.scoring.ScoreResult;

/**
 * The device against a PSG recorded at the same time: per leg, the PSG's scored movements are the
 * reference and the device's detected movements are matched to them (both after scoring rules 1
 * and 2, so fragments are judged the way the scorer sees them); the PLMS index is computed both
 * ways with the PSG's stages.
 */
public final class NightValidation {

    /**
     * @param name   the night's name
     * @param perLeg detection agreement per recorded leg
     * @param device the night scored from the device's movements
     * @param psg    the night scored from the PSG's movements
     */
    public record NightAgreement(String name, Map<Leg, DetectionComparison.Result> perLeg, ScoreResult device,
                                 ScoreResult psg) {
        public NightAgreement {
            Objects.requireNonNull(name, "name");
            perLeg = Map.copyOf(perLeg);
        }

        /** Device minus PSG; NaN when either is undefined. */
        public double plmsIndexDifference() {
            return device.plmsIndex() - psg.plmsIndex();
        }
    }

    /**
     * Bland–Altman agreement of the PLMS index over nights (device − PSG): bias, sample SD and the
     * 95 % limits of agreement bias ± 1.96 SD. With fewer than two nights the SD and limits are NaN.
     */
    public record BlandAltman(int nights, double bias, double sd, double lowerLimit, double upperLimit) {
        public static BlandAltman of(List<NightAgreement> nights) {
            SummaryStatistics s = new SummaryStatistics();
            for (NightAgreement n : nights) {
                double d = n.plmsIndexDifference();
                if (Double.isFinite(d)) {
                    s.addValue(d);
                }
            }
            int k = (int) s.getN();
            double bias = k > 0 ? s.getMean() : Double.NaN;
            double sd = k > 1 ? s.getStandardDeviation() : Double.NaN;
            return new BlandAltman(k, bias, sd, bias - 1.96 * sd, bias + 1.96 * sd);
        }
    }

    private NightValidation() {
    }

    /** Matches the legs the device recorded; PSG peaks are unknown, so every PSG movement counts. */
    public static NightAgreement compare(String name, ScoreResult device, ScoreResult psg, double onsetToleranceSeconds) {
        Map<Leg, DetectionComparison.Result> perLeg = new java.util.EnumMap<>(Leg.class);
        for (Leg leg : device.legsRecorded()) {
            perLeg.put(leg, DetectionComparison.compare(ofLeg(psg.legMovements(), leg), ofLeg(device.legMovements(), leg),
                    0.0, onsetToleranceSeconds));
        }
        return new NightAgreement(name, perLeg, device, psg);
    }

    private static List<LegMovement> ofLeg(List<LegMovement> all, Leg leg) {
        List<LegMovement> out = new ArrayList<>();
        for (LegMovement m : all) {
            if (m.leg() == leg) {
                out.add(m);
            }
        }
        return out;
    }
}
