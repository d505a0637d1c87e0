package org.plmwatch.analyzer.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.analyzer.report.NightQuality;
import org.plmwatch.analyzer.report.ScoredNight;
import org.plmwatch.core.model.Epoch;
import org.plmwatch.core.model.Hypnogram;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.Night;
import org.plmwatch.core.model.SleepSource;
import org.plmwatch.core.model.Stage;
import org.plmwatch.core.scoring.RuleSet;
import org.plmwatch.core.scoring.Scorer;

/** The page itself, without a browser: what it holds, what it never holds. */
class HtmlReportTest {

    static final String HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&";

    static String render(ReportModel model) {
        StringWriter w = new StringWriter();
        HtmlReport.write(model, w);
        return w.toString();
    }

    /** Every text that comes from a file or a device, carrying markup. */
    static ReportModel hostileModel() throws Exception {
        List<ScoredNight> nights = new ArrayList<>();
        for (ScoredNight n : ReportFixtures.psgStyleNights(4)) {
            nights.add(new ScoredNight(HOSTILE + n.name(), HOSTILE + " source", n.result(),
                    Map.of(HOSTILE + " label", 3), List.of(HOSTILE + " note")));
        }
        // A device's header fields and file name, with markup and a bell, on the first night.
        NightQuality.LegQuality leg = new NightQuality.LegQuality(Leg.LEFT, HOSTILE + ".night", "plmwatch-night",
                HOSTILE + " description", Map.of("deviceId", HOSTILE + "\u0007", "firmwareVersion", HOSTILE), 8, 7.5,
                List.of(new NightQuality.Span(3600, 5400)), 1, 1800, 90_000, 0, 0, 0);
        nights.set(0, nights.get(0).withQuality(new NightQuality(List.of(leg),
                List.of(new NightQuality.Mark(Leg.LEFT, 600, "lights off")), 0, 3)));
        Diary diary = Diary.parse(Path.of("d.csv"), "2026-11-16,\"" + HOSTILE.replace("\"", "\"\"").replace(";", "")
                + "\",\"" + HOSTILE.replace("\"", "\"\"") + "\"\n2026-11-17,<b>bold</b>,<i>x</i>\n");
        return HtmlReport.model(nights, diary, List.of(HOSTILE + ".txt"), HOSTILE);
    }

    @Test
    void markupInEveryInputFieldComesOutEscaped() throws Exception {
        String html = render(hostileModel());
        assertFalse(html.contains("<script"), "no script element");
        assertFalse(html.contains("<img"), "no injected element");
        assertFalse(html.contains("<b>bold"), "diary tags are text");
        assertFalse(html.contains("<i>x"), "diary notes are text");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the text is shown, escaped");
        assertTrue(html.contains("&lt;b&gt;bold&lt;/b&gt;"));
        // name, source, ignored label, note, input file name, generated line, diary tag and note
        int shown = count(html, "&lt;script&gt;alert(1)");
        assertTrue(shown >= 12, "every hostile field is on the page: " + shown);
        assertTrue(html.contains("device &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
                + "\"'&amp;\\x07, firmware &lt;script&gt;"),
                "device id and firmware as text (quotes need no escape in text)");
        assertFalse(html.contains("\u0007"), "no raw control character");
    }

    @Test
    void selfContainedNothingLeavesTheFile() throws Exception {
        String html = render(new ReportModelBuilder(7).build());
        assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                + "style-src 'unsafe-inline'; img-src data:\">"));
        Matcher m = Pattern.compile("(?i)(src|href)\\s*=\\s*\"(?!#)([^\"]*)\"").matcher(html);
        while (m.find()) {
            throw new AssertionError("external reference: " + m.group());
        }
        assertFalse(Pattern.compile("(?i)https?://").matcher(html).find(), "no URL at all");
        assertFalse(html.contains("<script"), "readable without JavaScript");
        assertTrue(html.contains("@media print") && html.contains("size: A4"), "print stylesheet");
    }

    @Test
    void oneNightHasNoOverviewManyNightsHaveOneRowEach() throws Exception {
        ReportModel one = HtmlReport.model(ReportFixtures.psgStyleNights(1), null, List.of("a"), "g");
        assertNull(one.overview());
        assertFalse(render(one).contains("id=\"overview\""));
        ReportModel seven = new ReportModelBuilder(7).build();
        assertEquals(7, seven.overview().rows().size());
        String html = render(seven);
        assertEquals(7, count(html, "<section class=\"night\""));
        assertTrue(html.contains("id=\"overview\""));
        assertTrue(html.contains("measurements, not a diagnosis"));
        assertTrue(html.contains("too few nights to compare") || html.contains("permutation p"), "diary comparison");
    }

    /** A device id is the device's bytes: markup, a bell and a right-to-left override among them. */
    static final String HOSTILE_DEVICE = "<script>alert(3)</script>\u0007\u202Eevil";

    @Test
    void deviceNightShowsItsGapsButtonPressesAndDevice(@TempDir Path dir) throws Exception {
        DeviceNightFixture fx = DeviceNightFixture.write(dir, HOSTILE_DEVICE);
        assertEquals(1, fx.scored.size());
        ScoredNight night = fx.scored.get(0);
        NightQuality q = night.quality();
        assertEquals(2, q.legs().size());
        NightQuality.LegQuality left = q.legs().get(0);
        NightQuality.LegQuality right = q.legs().get(1);
        // The file's one GAP block, on the night's clock (the recording starts at the night's zero).
        assertEquals(1, left.gapCount(), left.gaps().toString());
        assertEquals(DeviceNightFixture.HOLE_FROM, left.gaps().get(0).fromSeconds(), 0.2);
        assertEquals(DeviceNightFixture.HOLE_TO, left.gaps().get(0).toSeconds(), 0.2);
        assertEquals(0, right.gapCount());
        long lost = Math.round((DeviceNightFixture.HOLE_TO - DeviceNightFixture.HOLE_FROM) * DeviceNightFixture.RATE_HZ);
        assertEquals(lost, left.samplesLost(), 2);
        assertEquals(left.spanHours() - 0.5, left.recordedHours(), 0.01, "the half hour without samples");
        assertEquals(right.spanHours(), right.recordedHours(), 0.01);
        assertEquals(HOSTILE_DEVICE, left.deviceId());
        assertEquals(List.of("lights off", "lights on"), q.marks().stream().map(NightQuality.Mark::label).toList());
        assertEquals(fx.lightsOffPress(), q.marks().get(0).seconds(), 0.01);
        assertEquals(fx.lightsOnPress(), q.marks().get(1).seconds(), 0.01);

        String html = render(HtmlReport.model(fx.scored, null, List.of("device"), "test"));
        LocalDateTime zero = night.result().start();
        String from = Fmt.clock(zero.plusSeconds((long) DeviceNightFixture.HOLE_FROM));
        String to = Fmt.clock(zero.plusSeconds((long) DeviceNightFixture.HOLE_TO));
        assertEquals(1, count(html, "<rect class=\"leg-gap\""), "one hatched gap, on the left row");
        assertTrue(html.contains("<title>Left leg: no samples " + from + "–" + to + " (0:30 h)</title>"), html);
        assertEquals(2, count(html, "<rect class=\"mark\""));
        assertTrue(html.contains("<title>button pressed on the left device: lights off at "
                + Fmt.clock(zero.plusSeconds((long) Math.floor(fx.lightsOffPress()))) + "</title>")
                || html.contains("<title>button pressed on the left device: lights off at "
                + Fmt.clock(zero.plusSeconds((long) Math.ceil(fx.lightsOffPress()))) + "</title>"), html);
        assertTrue(html.contains(">button: lights on "), "the press is labelled on the chart");
        // The quality panel: the file's figures.
        assertTrue(html.contains("<th>Left leg gaps</th><td>1 gap, 0:30 h in total; " + left.samplesLost()
                + " samples lost</td>"), html);
        assertTrue(html.contains("<th>Right leg gaps</th><td>none</td>"));
        assertTrue(html.contains("<th>Left leg recorded</th><td>" + Fmt.hm(left.recordedHours()) + " h of "
                + Fmt.hm(left.spanHours()) + " h lights off – on</td>"));
        assertTrue(html.contains("<th>Left leg file (whole recording)</th><td>0 damaged blocks skipped; no restart</td>"));
        assertTrue(html.contains("<th>Button presses</th><td>lights off "), html);
        assertTrue(html.contains("<th>Patient</th><td>not in the input</td>"));
        // Who recorded: the hostile id as text, its control characters visible.
        assertFalse(html.contains("<script"), "no script element");
        assertTrue(html.contains("device &lt;script&gt;alert(3)&lt;/script&gt;\\x07\\u202Eevil, firmware test"), html);
        assertFalse(html.contains("\u0007") || html.contains("\u202E"), "no raw control character on the page");
        assertTrue(html.contains("<th>Right ankle device</th><td>device test-right, firmware test · plmwatch night file: device test-right"));
    }

    @Test
    void sixtyNightsRenderInOrder() throws Exception {
        List<ScoredNight> nights = new ArrayList<>(ReportFixtures.psgStyleNights(60));
        java.util.Collections.reverse(nights);
        ReportModel m = HtmlReport.model(nights, null, List.of("x"), "g");
        assertEquals(60, m.nights().size());
        assertTrue(m.nights().get(0).heading().endsWith("2026-11-16"), m.nights().get(0).heading());
        assertTrue(m.nights().get(59).heading().startsWith("Night 60"));
        assertTrue(render(m).length() < 8_000_000, "60 nights stay a file a browser opens quickly");
    }

    @Test
    void nightFiguresFollowTheHypnogram() {
        // Lights off 22:00; 30 min wake, 2 h sleep, 30 min wake, 1 h sleep, 10 min wake: SE = 3 h / 4 h 10 min.
        List<Epoch> epochs = new ArrayList<>();
        double t = 0;
        Object[][] runs = {{Stage.WAKE, 60}, {Stage.N2, 240}, {Stage.WAKE, 60}, {Stage.N2, 120}, {Stage.WAKE, 20}};
        for (Object[] run : runs) {
            for (int i = 0; i < (int) run[1]; i++) {
                epochs.add(new Epoch(t, 30, (Stage) run[0]));
                t += 30;
            }
        }
        // PLMs: 8 in the first hour's sleep (30 s apart from 40 min on), none later.
        List<LegMovement> moves = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            moves.add(LegMovement.of(Leg.LEFT, 2400 + i * 30, 1.5));
        }
        Night night = new Night(LocalDateTime.of(2026, 11, 17, 22, 0), new Hypnogram(epochs),
                SleepSource.PSG_HYPNOGRAM, EnumSet.of(Leg.LEFT, Leg.RIGHT), moves, List.of(), null);
        ScoredNight scored = new ScoredNight("n", "s", new Scorer().score(night, RuleSet.WASM2016), Map.of());
        NightFigures f = NightFigures.of(scored);
        assertEquals(3.0 / (25.0 / 6), f.sleepEfficiency(), 1e-9);
        assertEquals(0.5, f.wasoHours(), 1e-9, "the wake between the two sleep runs only");
        assertEquals(1800, f.sleepOnsetSeconds(), 1e-9);
        assertEquals(5, f.profileHours());
        assertEquals(8, f.profilePlmCounts()[0]);
        assertEquals(8 / 0.5, f.profileIndex(0), 1e-9, "8 PLMs in the first hour's 30 min of sleep");
        assertEquals(Double.NaN, f.profileIndex(4), "10 min of wake only: undefined");
        assertEquals(LocalDateTime.of(2026, 11, 17, 22, 0).toLocalDate(), f.evening(scored.result()));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** Seven generated nights with a diary on four of them. */
    static final class ReportModelBuilder {
        private final int nights;

        ReportModelBuilder(int nights) {
            this.nights = nights;
        }

        ReportModel build() throws Exception {
            Diary diary = Diary.parse(Path.of("d.csv"), "date,tags,note\n2026-11-16,caffeine,\n2026-11-17,iron,\n"
                    + "2026-11-18,caffeine; iron,\n2026-11-19,caffeine,late\n2026-11-20,iron,\n2026-11-21,iron,\n");
            return HtmlReport.model(ReportFixtures.psgStyleNights(nights), diary, List.of("generated"), "generated");
        }
    }
}
