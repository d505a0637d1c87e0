package org.plmwatch.analyzer.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChartTest {

    @Test
    void coordinatesHaveOneDecimalAndNoNegativeZero() {
        assertEquals("0", Chart.num(0.04));
        assertEquals("0", Chart.num(-0.04));
        assertEquals("12.3", Chart.num(12.34));
        assertEquals("12.4", Chart.num(12.35));
        assertEquals("-7.5", Chart.num(-7.5));
        assertEquals("680", Chart.num(680));
        assertEquals("0", Chart.num(Double.NaN));
    }

    @Test
    void barsGetRoundTicksAndRefLinesInTheirOwnMargin() {
        assertEquals(10, Bars.niceStep(43), 1e-12);
        assertEquals(0.2, Bars.niceStep(0.9), 1e-12);
        Chart c = Bars.chart("t", 300, 150, java.util.List.of(new Bars.Bar(3, "bar", "a", ""),
                new Bars.Bar(Double.NaN, "bar", "b", "none")), java.util.List.of(new Bars.Ref(15, "15/h", "ref15")),
                "x", "y");
        // The 15/h line sets the scale when the bars are lower, so it is always on the chart.
        Chart.Line ref = c.lines().stream().filter(l -> l.cssClass().equals("ref15")).findFirst().orElseThrow();
        double base = 150 - Bars.BOTTOM;
        double plotH = base - Bars.TOP;
        assertEquals(base - 15 / 20.0 * plotH, ref.y1(), 1e-9);
        assertEquals(2, c.rects().size());
        assertEquals("nodata", c.rects().get(1).cssClass());
    }
}
