package org.plmwatch.analyzer.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.plmwatch.analyzer.report.NightQuality;
import org.plmwatch.core.accel.AccelSink;

class GapLogTest {

    @Test
    void keepsTheLongestGapsAndCountsEveryOne() {
        List<double[]> passed = new ArrayList<>();
        GapLog log = new GapLog(new AccelSink() {
            @Override
            public void sample(double t, double x, double y, double z) {
            }

            @Override
            public void gap(double from, double to) {
                passed.add(new double[] {from, to});
            }
        });
        // 2000 gaps, one every 10 s, 0.1 s long, and three long ones among them.
        double total = 0;
        for (int i = 0; i < 2000; i++) {
            double len = i == 100 || i == 900 || i == 1500 ? 5 : 0.1;
            log.gap(i * 10, i * 10 + len);
            total += len;
        }
        log.gap(30, 30);                      // empty: not a gap
        log.gap(Double.NaN, 40);              // nonsense: passed on, not kept
        assertEquals(2002, passed.size(), "every call reaches the detector");
        GapLog.Inside all = log.inside(0, 20_000);
        assertEquals(2000, all.count());
        assertEquals(total, all.seconds(), 1e-6);
        assertEquals(NightQuality.MAX_GAPS, all.gaps().size(), "bounded");
        assertEquals(5.0, all.gaps().stream().mapToDouble(NightQuality.Span::seconds).max().orElse(0), 1e-9,
                "the long gaps are among those kept");
        // A window: exact to the minute at its edges; the long gap at 9000 s clipped to it.
        GapLog.Inside part = log.inside(9002, 12_000);
        assertEquals(3.0, part.gaps().stream().filter(g -> g.seconds() > 1).findFirst().orElseThrow().seconds(), 1e-9);
        assertEquals(301, part.count(), 6);
    }
}
