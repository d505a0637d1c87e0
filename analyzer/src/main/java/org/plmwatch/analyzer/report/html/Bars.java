package org.plmwatch.analyzer.report.html;

import java.util.List;
import java.util.Locale;

/**
 * Lays out a vertical bar chart: bars, a y axis with round ticks, x labels, reference lines.
 * Every chart of the report with bars goes through here, so axes look alike everywhere.
 */
final class Bars {

    static final double LEFT = 40;
    static final double RIGHT = 34;
    static final double TOP = 22;
    static final double BOTTOM = 30;

    /** A horizontal reference line at {@code value} (e.g. 15/h), labelled at its right end. */
    record Ref(double value, String label, String cssClass) {
    }

    /** One bar: its value (NaN draws a hatched "no data" slot), CSS class, label under it ("" for none), tooltip. */
    record Bar(double value, String cssClass, String label, String tip) {
    }

    private Bars() {
    }

    static Chart chart(String title, double width, double height, List<Bar> bars, List<Ref> refs, String xTitle,
                       String yTitle) {
        Chart.Builder c = new Chart.Builder(title, width, height);
        double max = 0;
        for (Bar b : bars) {
            if (Double.isFinite(b.value())) {
                max = Math.max(max, b.value());
            }
        }
        for (Ref r : refs) {
            max = Math.max(max, r.value() * 1.08);
        }
        double step = niceStep(max <= 0 ? 1 : max);
        double top = Math.max(step, Math.ceil(max / step - 1e-9) * step);
        double plotW = width - LEFT - RIGHT;
        double plotH = height - TOP - BOTTOM;
        double base = TOP + plotH;
        for (double v = 0; v <= top + 1e-9; v += step) {
            double y = base - v / top * plotH;
            c.line(LEFT, y, LEFT + plotW, y, "grid");
            c.text(LEFT - 4, y + 3, tick(v, step), "end", "tick");
        }
        int n = Math.max(1, bars.size());
        double slot = plotW / n;
        double gap = slot > 6 ? Math.min(slot * 0.2, 4) : 0;
        double lastLabelX = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double x = LEFT + i * slot;
            if (Double.isFinite(b.value())) {
                double h = b.value() / top * plotH;
                c.rect(x + gap / 2, base - h, slot - gap, h, b.cssClass(), b.tip());
            } else {
                c.rect(x + gap / 2, TOP, slot - gap, plotH, "nodata", b.tip());
            }
            // Labels where given, skipping any that would crowd the previous one.
            if (!b.label().isEmpty() && x + slot / 2 - lastLabelX >= 26) {
                c.text(x + slot / 2, base + 12, b.label(), "middle", "tick");
                lastLabelX = x + slot / 2;
            }
        }
        for (Ref r : refs) {
            double y = base - r.value() / top * plotH;
            c.line(LEFT, y, LEFT + plotW, y, r.cssClass());
            // Labels in the right margin, clear of the bars.
            c.text(LEFT + plotW + 3, y + 3, r.label(), "start", "reflabel");
        }
        c.line(LEFT, base, LEFT + plotW, base, "axis");
        c.line(LEFT, TOP, LEFT, base, "axis");
        c.text(LEFT + plotW / 2, height - 4, xTitle, "middle", "axistitle");
        c.text(4, TOP - 10, yTitle, "start", "axistitle");
        return c.build();
    }

    /** 1, 2 or 5 times a power of ten, giving about five ticks up to {@code max}. */
    static double niceStep(double max) {
        double raw = max / 5;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    private static String tick(double v, double step) {
        return step >= 1 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
