package org.plmwatch.core.scoring;

import org.plmwatch.core.model.Stage;

/** CLMs and PLMs in one stage, with the hours scored in it. Indices are NaN with no time scored. */
public record StageBreakdown(Stage stage, double hours, int clmCount, int plmCount) {

    public double clmIndex() {
        return hours > 0 ? clmCount / hours : Double.NaN;
    }

    public double plmIndex() {
        return hours > 0 ? plmCount / hours : Double.NaN;
    }
}
