package org.plmwatch.analyzer.report.html;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.analyzer.demo.DemoWeek;
import org.plmwatch.analyzer.io.EventLabels;
import org.plmwatch.analyzer.nights.NightInput;
import org.plmwatch.analyzer.nights.NightScoring;
import org.plmwatch.analyzer.report.ScoredNight;
import org.plmwatch.core.scoring.RuleSet;

/**
 * The report as a clinician gets it: opened in headless Chromium (Debian's {@code chromium};
 * skipped when it is not installed), which must load it without a console message (a blocked
 * request or a script error would print one), draw it, print it to PDF, and show injected markup
 * as text.
 */
class ReportInChromiumTest {

    static Chromium chromium;

    @BeforeAll
    static void browser() {
        chromium = Chromium.find().orElse(null);
        Assumptions.assumeTrue(chromium != null, "chromium is not installed (apt-get install chromium)");
    }

    private static void assertLoadsCleanly(Path html, Path dir) throws IOException {
        Path png = dir.resolve(html.getFileName() + ".png");
        Chromium.Run run = chromium.screenshot(html, png, 1000, 1400);
        assertEquals(0, run.exitCode(), run.log());
        assertFalse(run.log().contains(":CONSOLE"), "a console message (CSP violation, request, error):\n" + run.log());
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head);
        assertTrue(Files.size(png) > 30_000, "a page with charts, not a blank screen: " + Files.size(png));
        Path pdf = dir.resolve(html.getFileName() + ".pdf");
        Chromium.Run printed = chromium.printToPdf(html, pdf);
        assertEquals(0, printed.exitCode(), printed.log());
        String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("%PDF-"), "a PDF");
        assertTrue(text.contains("/MediaBox [0 0 594.95996 841.91998]") || text.contains("/MediaBox [0 0 595"),
                "A4 pages");
    }

    @Test
    void theConsoleCheckCatchesABlockedRequest(@TempDir Path dir) throws IOException {
        // The negative control: a page whose image would leave the file must print a console line.
        Path bad = dir.resolve("bad.html");
        Files.writeString(bad, "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" "
                + "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"></head>"
                + "<body><img src=\"http://example.invalid/x.png\"></body></html>");
        Chromium.Run run = chromium.screenshot(bad, dir.resolve("bad.png"), 400, 300);
        assertTrue(run.log().contains(":CONSOLE") && run.log().contains("Content Security Policy"), run.log());
    }

    @Test
    void sevenNightsWithADiary(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("week.html");
        HtmlReport.write(new HtmlReportTest.ReportModelBuilder(7).build(), html);
        assertLoadsCleanly(html, dir);
    }

    @Test
    void injectedMarkupStaysTextInTheBrowser(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("hostile.html");
        HtmlReport.write(HtmlReportTest.hostileModel(), html);
        assertLoadsCleanly(html, dir);
    }

    @Test
    void realPsgNight(@TempDir Path dir) throws Exception {
        Path night = sharedData().resolve("psg/night1.remlogic.txt");
        Assumptions.assumeTrue(Files.isRegularFile(night), "shared PSG data not present");
        List<ScoredNight> scored = NightScoring.score(NightInput.psgExport(night), RuleSet.WASM2016,
                EventLabels.defaults());
        Path html = dir.resolve("night1.html");
        HtmlReport.write(HtmlReport.model(scored, null, List.of(night.getFileName().toString()), "test"), html);
        assertLoadsCleanly(html, dir);
    }

    @Test
    void deviceNightRecordedByTheDeviceProgram(@TempDir Path dir) throws Exception {
        // Half an hour at 28 PLMS/h, replayed through the device program as the demo does.
        DemoWeek.PlannedNight plan = DemoWeek.plan(7, 3).get(2);
        DemoWeek.RecordedNight rec = DemoWeek.record(7, plan, 0.5, dir.resolve("traces"), dir.resolve("left"),
                dir.resolve("right"));
        List<ScoredNight> scored = NightScoring.score(NightInput.recordings(rec.left(), rec.right(), null),
                RuleSet.WASM2016, EventLabels.defaults());
        assertEquals(1, scored.size());
        assertTrue(scored.get(0).result().bothLegs());
        Path html = dir.resolve("device.html");
        HtmlReport.write(HtmlReport.model(scored, null, List.of("device"), "test"), html);
        assertTrue(Files.readString(html).contains("estimated from ankle actigraphy"));
        assertLoadsCleanly(html, dir);
    }

    @Test
    void deviceNightWithAGapAndButtonPresses(@TempDir Path dir) throws Exception {
        // The night files of HtmlReportTest's device night (a GAP block, lights-off/on presses) with
        // a plain device id: this is the page docs/img/report-night-device.png shows.
        DeviceNightFixture fx = DeviceNightFixture.write(dir, "pw-0042");
        Path html = dir.resolve("device-gap-marks.html");
        HtmlReport.write(HtmlReport.model(fx.scored, null, List.of("marks-left.night", "marks-right.night"),
                "test"), html);
        assertTrue(Files.readString(html).contains("<rect class=\"leg-gap\""));
        assertLoadsCleanly(html, dir);
        // -Dplmwatch.report.screenshots=DIR keeps the page and its screenshot, to look at and for the docs.
        String keep = System.getProperty("plmwatch.report.screenshots");
        if (keep != null) {
            Path out = Path.of(keep);
            Files.createDirectories(out);
            Files.copy(html, out.resolve(html.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(dir.resolve(html.getFileName() + ".png"), out.resolve(html.getFileName() + ".png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static Path sharedData() {
        String p = System.getProperty("plmwatch.shared.data");
        return p != null ? Path.of(p) : Path.of("../../shared/data");
    }
}
