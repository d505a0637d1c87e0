package org.plmwatch.core.io.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.core.model.Leg;

/**
 * GENEActiv .bin: the real test file (GGIRread's, 85.7 Hz, a cut copy of 16 whole pages and part
 * of a 17th) and synthetic files written here page by page (seeded), damaged in known places.
 */
class GeneActivRecordingTest {

    @TempDir
    Path temp;

    private static Path shared(String name) {
        Path dir = Path.of(System.getProperty("plmwatch.shared.data", "../../shared/data"), "accel");
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve(name)), "shared data not present");
        return dir.resolve(name);
    }

    @Test
    void realFileHeaderPhysicsAndPageTimes() throws Exception {
        AccelRecording rec = AccelReaders.open(shared("GENEActiv_testfile.bin"));
        assertTrue(rec instanceof GeneActivRecording);
        AccelRecordingInfo info = rec.info();
        assertEquals("geneactiv-bin", info.format());
        assertEquals(85.7, info.nominalRateHz().getAsDouble(), 1e-12);
        // Time zero is the first Page Time, as GGIRread takes it (its test: 2013-05-30 10:12:54.5).
        assertEquals(LocalDateTime.of(2013, 5, 30, 10, 12, 54, 500_000_000), info.start().orElseThrow());
        assertEquals("012967", info.metadata().get("Device Unique Serial Code"));
        assertEquals("222048", info.metadata().get("Number of Pages"));
        // The header promises 222,048 pages but the copy holds 16 and a bit: no sample count is claimed.
        assertTrue(info.sampleCount().isEmpty());
        assertTrue(info.metadata().get("pages in file").startsWith("about 16"), info.metadata().toString());

        CollectingSink sink = new CollectingSink();
        ReadReport report = rec.stream(sink);
        // 16 pages of 300 and 231 whole samples of the cut 17th page (2,781 hex digits = 231 × 12 + 9).
        assertEquals(16 * 300 + 231, sink.count);
        assertEquals(sink.count, report.sampleCount());
        assertEquals(9, report.truncatedBytes());
        assertEquals(0, report.skippedBlocks().size());
        assertEquals(0, sink.gaps.size());
        assertEquals(1, sink.ends);
        // Page times step 3.5 s for 300 samples: the device's real rate is 600/7 Hz, not 85.7.
        assertEquals(0.0, sink.t[0], 1e-12);
        assertEquals(3.5, sink.t[300], 1e-9);
        assertEquals(56.0, sink.t[16 * 300], 1e-9);
        assertEquals(600.0 / 7, report.meanRateHz(), 1e-6);
        assertEquals(56.0 + 230 * 7 / 600.0, report.lastSampleSeconds(), 1e-9);
        // GGIRread's test: the 300th sample's z is -0.80836403369903564453 g (float).
        assertEquals(-0.808364, sink.z[299], 1e-6);
        // Independent decode of the first sample from the hex "0C4FFDF3D004" and the header calibration.
        assertEquals((0x0C4 * 100.0 - 439) / 25875, sink.x[0], 1e-12);
        assertEquals(((0xFFD - 4096) * 100.0 + 662) / 25734, sink.y[0], 1e-12);
        assertEquals(((0xF3D - 4096) * 100.0 + 3056) / 25538, sink.z[0], 1e-12);
        // Physics: a worn sensor at rest reads 1 g.
        assertEquals(1.0, sink.medianMagnitude(), 0.02);
    }

    // ---- synthetic files ------------------------------------------------------------------------

    /** Header lines as the real file has them, with calibration gain 25,600 and offset 0 (256 counts/g). */
    static String header(String frequency, String pages, String xGain) {
        return String.join("\r\n", "Device Identity", "Device Unique Serial Code:000042",
                "Device Type:GENEActiv", "Device Model:1.1", "", "Device Capabilities",
                "Accelerometer Range:-8 to 8", "", "Configuration Info", "Measurement Frequency:" + frequency + " Hz",
                "Start Time:2026-01-31 22:00:00:000", "Time Zone:GMT +01:00", "", "Subject Info",
                "Device Location Code:left ankle", "", "Calibration Data", "x gain:" + xGain, "x offset:0",
                "y gain:25600", "y offset:0", "z gain:25600", "z offset:0", "Volts:300", "Lux:800", "",
                "Memory Status", "Number of Pages:" + pages, "", "") ;
    }

    /** One page of {@code n} samples lying still (z = +1 g = 256 counts), x = the sample index within the page. */
    static String page(long sequence, LocalDateTime time, String frequency, int n) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < n; i++) {
            hex.append(String.format(Locale.ROOT, "%03X%03X%03X%03X", i, 0xFFF, 256, 0x002));
        }
        return String.join("\r\n", "Recorded Data", "Device Unique Serial Code:000042",
                "Sequence Number:" + sequence, "Page Time:" + String.format(Locale.ROOT,
                        "%tY-%<tm-%<td %<tH:%<tM:%<tS:%03d", time, time.getNano() / 1_000_000), "Unassigned:", "Temperature:21.5", "Battery voltage:4.1",
                "Device Status:Recording", "Measurement Frequency:" + frequency, hex.toString(), "");
    }

    static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 31, 22, 0, 5, 0);

    /** {@code pages} whole pages at 50 Hz (6 s each). */
    private static StringBuilder file(int pages) {
        StringBuilder sb = new StringBuilder(header("50.0", Integer.toString(pages), "25600"));
        for (int p = 0; p < pages; p++) {
            sb.append(page(p, T0.plusSeconds(6L * p).withNano(p == 0 ? 1_000_000 : 0), "50.0", 300));
        }
        return sb;
    }

    private Path write(String name, CharSequence text) throws IOException {
        return Files.write(temp.resolve(name), text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void syntheticFileDecodesCountsLegAndRate() throws Exception {
        AccelRecording rec = AccelReaders.open(write("a.bin", file(4)));
        assertEquals(Leg.LEFT, rec.info().leg().orElseThrow());
        assertEquals(4 * 300L, rec.info().sampleCount().getAsLong());
        CollectingSink sink = new CollectingSink();
        ReadReport report = rec.stream(sink);
        assertEquals(1200, sink.count);
        assertEquals(0, sink.gaps.size());
        assertEquals(1.0, sink.z[17], 1e-12);
        assertEquals(-1 / 256.0, sink.y[17], 1e-12);
        assertEquals(17 / 256.0, sink.x[17], 1e-12);
        // The first page starts 1 ms late, so it spans 5.999 s; later pages follow 50 Hz exactly.
        assertEquals(5.999, sink.t[300], 1e-9);
        assertEquals(5.999 + 6.0, sink.t[600], 1e-9);
        assertEquals(0, report.truncatedBytes());
    }

    @Test
    void damagedPagesAreSkippedReportedAndBecomeGaps() throws Exception {
        StringBuilder sb = file(5);
        // Page 2: one hex digit made a 'G'.
        int page2 = nthPage(sb, 2);
        int hexAt = sb.indexOf("\r\n0", page2 + 100) + 2;
        sb.setCharAt(hexAt + 50, 'G');
        // Page 3: another frequency than the header's.
        int page3 = nthPage(sb, 3);
        int f = sb.indexOf("Measurement Frequency:50.0", page3);
        sb.replace(f, f + 26, "Measurement Frequency:40.0");
        Path bin = write("damaged.bin", sb);
        CollectingSink sink = new CollectingSink();
        ReadReport report = AccelReaders.open(bin).stream(sink);
        assertEquals(3 * 300, sink.count);
        assertEquals(2, report.skippedBlocks().size());
        assertEquals(nthPage(sb, 2), report.skippedBlocks().get(0).byteOffset());
        assertTrue(report.skippedBlocks().get(0).reason().contains("hex digit"), report.toString());
        assertEquals(nthPage(sb, 3), report.skippedBlocks().get(1).byteOffset());
        assertTrue(report.skippedBlocks().get(1).reason().contains("40 Hz"), report.toString());
        assertEquals(1, sink.gaps.size());
        assertEquals(23.999, sink.gaps.get(0)[1], 1e-9);
        assertEquals(1, report.gapCount());
    }

    @Test
    void aPageWhoseClockGoesBackIsSkipped() throws Exception {
        StringBuilder sb = new StringBuilder(header("50", "3", "25600"));
        sb.append(page(0, T0, "50", 300)).append(page(1, T0.plusSeconds(6), "50", 300))
                .append(page(2, T0.plusSeconds(3), "50", 300));
        CollectingSink sink = new CollectingSink();
        ReadReport report = AccelReaders.open(write("back.bin", sb)).stream(sink);
        assertEquals(600, sink.count);
        assertEquals(1, report.skippedBlocks().size());
        assertTrue(report.skippedBlocks().get(0).reason().contains("clock"), report.toString());
    }

    @Test
    void aMissingPageIsAGap() throws Exception {
        StringBuilder sb = new StringBuilder(header("50", "3", "25600"));
        sb.append(page(0, T0, "50", 300)).append(page(2, T0.plusSeconds(12), "50", 300));
        CollectingSink sink = new CollectingSink();
        AccelReaders.open(write("gap.bin", sb)).stream(sink);
        assertEquals(600, sink.count);
        assertEquals(1, sink.gaps.size());
        assertEquals(299 / 50.0, sink.gaps.get(0)[0], 1e-9);
        assertEquals(12.0, sink.gaps.get(0)[1], 1e-9);
    }

    @Test
    void badHeadersAreRefusedWithLineAndFix() throws IOException {
        String good = file(1).toString();
        InputFormatException gain = assertThrows(InputFormatException.class,
                () -> AccelReaders.open(write("g.bin", good.replace("x gain:25600", "x gain:0"))));
        assertEquals("line 18", gain.where());
        assertTrue(gain.getMessage().contains("x gain") && gain.getMessage().contains("Fix:"), gain.getMessage());
        InputFormatException missing = assertThrows(InputFormatException.class,
                () -> AccelReaders.open(write("m.bin", good.replace("z offset:0\r\n", ""))));
        assertTrue(missing.getMessage().contains("z offset"), missing.getMessage());
        InputFormatException rate = assertThrows(InputFormatException.class,
                () -> AccelReaders.open(write("r.bin", good.replace("Frequency:50.0 Hz", "Frequency:1e9 Hz"))));
        assertTrue(rate.getMessage().contains("Measurement Frequency"), rate.getMessage());
        InputFormatException pages = assertThrows(InputFormatException.class,
                () -> AccelReaders.open(write("p.bin", good.replace("Pages:1\r\n", "Pages:-5\r\n"))));
        assertTrue(pages.getMessage().contains("Number of Pages"), pages.getMessage());
        InputFormatException noData = assertThrows(InputFormatException.class,
                () -> AccelReaders.open(write("n.bin", header("50", "0", "25600"))));
        assertTrue(noData.getMessage().contains("Recorded Data"), noData.getMessage());
        StringBuilder endless = new StringBuilder("Device Identity\r\n");
        for (int i = 0; i < 300; i++) {
            endless.append("Note:").append(i).append("\r\n");
        }
        assertThrows(InputFormatException.class, () -> AccelReaders.open(write("e.bin", endless)));
    }

    @Test
    void anOverlongLineIsSkippedNotLoaded() throws Exception {
        StringBuilder sb = file(3);
        int page1 = nthPage(sb, 1);
        int hexAt = sb.indexOf("\r\n0", page1 + 100) + 2;
        char[] big = new char[3 << 20];
        Arrays.fill(big, 'A');
        sb.insert(hexAt, big);
        CollectingSink sink = new CollectingSink();
        ReadReport report = AccelReaders.open(write("long.bin", sb)).stream(sink);
        assertEquals(600, sink.count);
        assertEquals(1, report.skippedBlocks().size());
        assertTrue(report.skippedBlocks().get(0).reason().contains("longer than"), report.toString());
    }

    /** Cut at many lengths and mutated at random: only InputFormatException at open, never from stream. */
    @Test
    void cutAndMutatedCopiesNeverThrowAnythingElse() throws Exception {
        byte[] whole = file(3).toString().getBytes(StandardCharsets.ISO_8859_1);
        Random rnd = new Random(20261201);
        for (int trial = 0; trial < 400; trial++) {
            byte[] bytes;
            if (trial < 150) {
                bytes = Arrays.copyOf(whole, rnd.nextInt(whole.length + 1));
            } else {
                bytes = whole.clone();
                for (int k = 1 + rnd.nextInt(6); k > 0; k--) {
                    bytes[rnd.nextInt(bytes.length)] = (byte) rnd.nextInt(256);
                }
            }
            Path f = Files.write(temp.resolve("t" + trial + ".bin"), bytes);
            AccelRecording rec;
            try {
                rec = AccelReaders.open(f);
            } catch (InputFormatException expected) {
                continue;
            }
            CollectingSink sink = new CollectingSink();
            ReadReport report = rec.stream(sink);
            assertEquals(report.sampleCount(), sink.count);
            assertTrue(sink.count <= 900);
            for (int i = 0; i < sink.count; i++) {
                assertTrue(Double.isFinite(sink.magnitude(i)) && Double.isFinite(sink.t[i]));
            }
        }
    }

    private static int nthPage(CharSequence text, int n) {
        int at = -1;
        for (int i = 0; i <= n; i++) {
            at = text.toString().indexOf("Recorded Data", at + 1);
        }
        return at;
    }
}
