package org.plmwatch.analyzer.report.html;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.plmwatch.analyzer.demo.DemoNight;
import org.plmwatch.analyzer.report.ScoredNight;
import org.plmwatch.core.scoring.RuleSet;
import org.plmwatch.core.scoring.Scorer;

/** Seeded PSG-style nights (the demo's generator) on consecutive evenings, for report tests. */
final class ReportFixtures {

    private ReportFixtures() {
    }

    /** {@code n} nights from 2026-11-16 on, seeds 100.., each a generated PSG night. */
    static List<ScoredNight> psgStyleNights(int n) {
        List<ScoredNight> nights = new ArrayList<>();
        Scorer scorer = new Scorer();
        for (int i = 0; i < n; i++) {
            LocalDateTime start = LocalDateTime.of(2026, 11, 16, 22, 30).plusDays(i).plusMinutes((i * 23L) % 50);
            nights.add(new ScoredNight("generated-" + (i + 1), "generated PSG-style night, seed " + (100 + i),
                    scorer.score(DemoNight.generate(100 + i, start), RuleSet.WASM2016), Map.of()));
        }
        return nights;
    }
}
