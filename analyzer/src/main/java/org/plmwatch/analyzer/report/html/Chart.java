package org.plmwatch.analyzer.report.html;

import java.util.ArrayList;
import java.util.List;

/**
 * An SVG chart as plain geometry: every rectangle, line and label already placed in the chart's
 * own pixel coordinates. The Java side decides what is drawn where; the template only writes the
 * shapes out, so nothing is computed in a template and every label reaches the page escaped.
 *
 * @param title       accessible title of the whole chart (the SVG {@code <title>})
 * @param widthPx     view-box width
 * @param heightPx    view-box height
 * @param rects       filled rectangles (bars, stage bands, movements), each with a CSS class and a tooltip
 * @param lines       lines (axes, thresholds, markers)
 * @param texts       labels
 */
public record Chart(String title, double widthPx, double heightPx, List<Rect> rects, List<Line> lines,
                    List<Text> texts) {

    public Chart {
        rects = List.copyOf(rects);
        lines = List.copyOf(lines);
        texts = List.copyOf(texts);
    }

    public String viewBox() {
        return "0 0 " + num(widthPx) + " " + num(heightPx);
    }

    /** A rectangle; {@code tip} is shown as its SVG title (hover), empty for none. */
    public record Rect(double x, double y, double w, double h, String cssClass, String tip) {
        public String xs() { return num(x); }
        public String ys() { return num(y); }
        public String ws() { return num(Math.max(w, 0)); }
        public String hs() { return num(Math.max(h, 0)); }
        public boolean hasTip() { return !tip.isEmpty(); }
    }

    public record Line(double x1, double y1, double x2, double y2, String cssClass) {
        public String x1s() { return num(x1); }
        public String y1s() { return num(y1); }
        public String x2s() { return num(x2); }
        public String y2s() { return num(y2); }

        /** Grid lines go under the bars; thresholds, means and markers over them. */
        public boolean under() {
            return cssClass.equals("grid") || cssClass.equals("rowline");
        }
    }

    /** A label; {@code anchor} is start, middle or end. */
    public record Text(double x, double y, String text, String anchor, String cssClass) {
        public String xs() { return num(x); }
        public String ys() { return num(y); }
    }

    /** Coordinates with one decimal: enough for a screen, and keeps a 60-night report small. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        // Tenths as a long, written by hand: a 60-night report writes a few hundred thousand of these.
        long tenths = Math.round(v * 10);
        String sign = tenths < 0 ? "-" : "";
        long abs = Math.abs(tenths);
        return abs % 10 == 0 ? sign + abs / 10 : sign + abs / 10 + "." + abs % 10;
    }

    /** Collects shapes while a chart is laid out. */
    static final class Builder {
        private final String title;
        private final double widthPx;
        private final double heightPx;
        private final List<Rect> rects = new ArrayList<>();
        private final List<Line> lines = new ArrayList<>();
        private final List<Text> texts = new ArrayList<>();

        Builder(String title, double widthPx, double heightPx) {
            this.title = title;
            this.widthPx = widthPx;
            this.heightPx = heightPx;
        }

        Builder rect(double x, double y, double w, double h, String cssClass, String tip) {
            rects.add(new Rect(x, y, w, h, cssClass, tip));
            return this;
        }

        Builder line(double x1, double y1, double x2, double y2, String cssClass) {
            lines.add(new Line(x1, y1, x2, y2, cssClass));
            return this;
        }

        Builder text(double x, double y, String text, String anchor, String cssClass) {
            texts.add(new Text(x, y, text, anchor, cssClass));
            return this;
        }

        Chart build() {
            return new Chart(title, widthPx, heightPx, rects, lines, texts);
        }
    }
}
