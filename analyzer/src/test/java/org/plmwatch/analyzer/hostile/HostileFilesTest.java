package org.plmwatch.analyzer.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.analyzer.edf.AnnotationEdf;
import org.plmwatch.core.nightfile.NightFileWriter;
import org.plmwatch.core.nightfile.NightHeader;
import org.plmwatch.core.nightfile.WornOn;

/**
 * Small, well-formed files whose numbers claim the extreme (issue 8 item 3): each must end in
 * exit 3 naming the file, the line or byte, and a fix, within seconds, in a JVM of its own with a
 * 256 MB heap, and the peak heap it used is printed. Before the readers checked these claims,
 * the stage rows made the PSG reader allocate an epoch per 30 s of every claimed 48 h, and
 * timestamps years apart went through to the sleep estimator.
 */
class HostileFilesTest {

    private static final long MAX_SECONDS = 20;
    private static final List<String> PEAKS = new ArrayList<>();

    @TempDir
    static Path dir;

    private record Run(int code, String err, long peakHeapBytes, long millis) {
    }

    /** {@code plmwatch ARGS} under -Xmx256m; the peak heap comes from {@link HeapProbe}. */
    private static Run plmwatch(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                HeapProbe.class.getName()));
        cmd.addAll(List.of(args));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        boolean ended = p.waitFor(MAX_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ended, "plmwatch " + String.join(" ", args) + " still running after " + MAX_SECONDS + " s");
        String err = Files.readString(dir.resolve("stderr.txt"));
        int at = err.lastIndexOf("peak-heap-bytes=");
        assertTrue(at >= 0, err);
        long peak = Long.parseLong(err.substring(at + "peak-heap-bytes=".length()).trim());
        return new Run(p.exitValue(), err.substring(0, at), peak, millis);
    }

    /** Exit 3, the file named with a line or byte, every expected part, a fix; heap well under the limit. */
    private static void assertRefused(String what, Path file, String where, String... parts) throws Exception {
        Run r = plmwatch(scoreArgs(file));
        assertEquals(3, r.code(), what + ": " + r.err());
        assertTrue(r.err().contains(file + ":" + where), what + ": no '" + file + ":" + where + "' in " + r.err());
        assertTrue(r.err().contains("Fix: "), r.err());
        for (String p : parts) {
            assertTrue(r.err().contains(p), what + ": '" + p + "' missing in " + r.err());
        }
        assertTrue(r.peakHeapBytes() < 256L << 20, what + ": peak heap " + r.peakHeapBytes());
        PEAKS.add(String.format("%-34s %8.1f MB peak heap %6d ms  (%d bytes)", what, r.peakHeapBytes() / 1e6,
                r.millis(), Files.size(file)));
    }

    private static String[] scoreArgs(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".txt") || name.endsWith(".edf") ? new String[] {"score", file.toString()}
                : new String[] {"score", "--left", file.toString()};
    }

    @AfterAll
    static void report() {
        PEAKS.forEach(System.out::println);
    }

    private static final String REMLOGIC_HEAD = "RemLogic Event Export\nRecording Date:\t1/1/2001\n\n"
            + "Time [hh:mm:ss.xxx]\tEvent\tDuration[s]\tLocation\n";

    /** 3,000 stage rows of 40 h each: before, 14 million epochs were allocated before any check. */
    @Test
    void remLogicStageRowsOf48Hours() throws Exception {
        StringBuilder b = new StringBuilder(REMLOGIC_HEAD);
        for (int i = 0; i < 3000; i++) {
            int s = 23 * 3600 + 30 * i;
            b.append(String.format("%02d:%02d:%02d.000\tSLEEP-S2\t144000.00\tEEG\n", s / 3600 % 24, s / 60 % 60, s % 60));
        }
        Path f = write("stage-runs.txt", b.toString());
        assertRefused("RemLogic 3000 x 40-h stage rows", f, "line 6", "add up to 80.0 h", "more than the 48 h");
    }

    /** More rows than a 48-h night can hold (7 MB): refused at the first row past the limit. */
    @Test
    void remLogicMoreEventsThanANight() throws Exception {
        StringBuilder b = new StringBuilder(REMLOGIC_HEAD);
        for (int i = 0; i <= 178_560; i++) {
            int ms = i * 100;
            int s = 23 * 3600 + ms / 1000;
            b.append(String.format("%02d:%02d:%02d.%03d\tNOTE\t0.10\tEEG\n", s / 3600 % 24, s / 60 % 60, s % 60, ms % 1000));
        }
        Path f = write("many-events.txt", b.toString());
        assertRefused("RemLogic 178,561 rows (7 MB)", f, "line " + (5 + 178_560), "more than 178560 event rows");
    }

    /** 16 MB without a line break: refused at line 1 without reading it into memory. */
    @Test
    void remLogicOneEndlessLine() throws Exception {
        Path f = dir.resolve("endless.txt");
        byte[] b = new byte[16 << 20];
        java.util.Arrays.fill(b, (byte) 'a');
        Files.write(f, b);
        assertRefused("RemLogic 16 MB in one line", f, "line 1", "line longer than 65536 characters");
    }

    @Test
    void remLogicStageRowLongerThanAnEpoch() throws Exception {
        Path f = write("long-epoch.txt", REMLOGIC_HEAD + "23:00:00.000\tSLEEP-S0\t30.00\tEEG\n"
                + "23:00:30.000\tSLEEP-S2\t7200.50\tEEG\n");
        assertRefused("RemLogic 2-h epoch", f, "line 6", "lasts 7200.500 s", "neither one epoch");
    }

    @Test
    void remLogicDatesYearsApart() throws Exception {
        Path f = write("years.txt", "Time [hh:mm:ss.xxx]\tEvent\tDuration[s]\tLocation\n"
                + "2001-01-01T23:00:00.000\tSLEEP-S2\t30.00\tEEG\n"
                + "9000-01-01T23:00:10.000\tPLM-LM\t1.00\tEMG.Tibialis-Leg.Left\n");
        assertRefused("RemLogic dates 7000 years apart", f, "line 3", "days after the date on line 2");
    }

    @Test
    void edfStageAnnotationsOf48Hours() throws Exception {
        StringBuilder tals = new StringBuilder("+0\u0014\u0014\u0000");
        for (int i = 0; i < 3000; i++) {
            tals.append('+').append(30 * i).append("\u0015172800\u0014Sleep stage 2\u0014\u0000");
        }
        Path f = edf("stage-runs.edf", tals.toString());
        assertRefused("EDF+ 3000 x 48-h stage TALs", f, "byte 542", "spans 48.01 h from the event at byte 517");
    }

    @Test
    void edfOnsetsYearsApart() throws Exception {
        Path f = edf("years.edf", "+0\u0014\u0014\u0000+0\u001530\u0014Sleep stage 2\u0014\u0000"
                + "+900000000\u00151\u0014Leg movement left\u0014\u0000");
        assertRefused("EDF+ onsets 28 years apart", f, "byte ", "at most 48 h");
    }

    @Test
    void csvTimestampsYearsApart() throws Exception {
        StringBuilder b = new StringBuilder("# start: 2026-11-20T22:00:00\nt,x,y,z\n");
        for (int i = 0; i < 500; i++) {
            b.append(String.format("%.2f,0.01,0.02,0.99\n", i * 0.02));
        }
        b.append("400000000,0.01,0.02,0.99\n");
        Path f = write("years.csv", b.toString());
        assertRefused("CSV rows 12 years apart", f, "line 503", "days after the first row's (line 3)");
    }

    @Test
    void csvStartFarInTheFuture() throws Exception {
        Path f = write("future.csv", "timestamp_ms,x,y,z\n9000000000000000,0,0,1\n9000000000000020,0,0,1\n");
        assertRefused("CSV epoch ms in year 287,000", f, "line 2", "after 2100");
    }

    @Test
    void cwaBlockYearsLater() throws Exception {
        Path real = Path.of(System.getProperty("plmwatch.shared.data", "../../shared/data"), "accel", "ax3_testfile.cwa");
        Assumptions.assumeTrue(Files.isRegularFile(real), "no " + real);
        byte[] b = Files.readAllBytes(real);
        int block = 1024 + 3 * 512;
        assertEquals('A', b[block]);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        bb.putInt(block + 14, (60 << 26) | (1 << 22) | (1 << 17)); // 2060-01-01 00:00:00
        bb.putShort(block + 510, (short) 0);
        int sum = 0;
        for (int i = 0; i < 512; i += 2) {
            sum += bb.getShort(block + i) & 0xFFFF;
        }
        bb.putShort(block + 510, (short) -sum);
        Path f = dir.resolve("jump.cwa");
        Files.write(f, b);
        assertRefused("CWA block dated 2060", f, "byte " + block, "days from the first block");
    }

    @Test
    void nightFileBlockYearsLater() throws Exception {
        Path f = dir.resolve("jump.night");
        NightHeader h = NightHeader.of("dev-1", "1.0", "LIS3DH", 50, 4, 0.002, WornOn.LEFT,
                OptionalLong.of(1_790_000_000_000_000L));
        short[] xyz = new short[3 * 50];
        for (int i = 0; i < 50; i++) {
            xyz[3 * i + 2] = 500;
        }
        try (NightFileWriter w = NightFileWriter.create(f, h)) {
            w.writeSamples(0, xyz, 0, 50);
            w.writeSamples(1_000_000_000_000_000L, xyz, 0, 50); // 31 years on
        }
        assertRefused("night file block 31 years on", f, "byte ", "days");
    }

    private static Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    /** An annotation-only EDF+C with one data record holding {@code tals}. */
    private static Path edf(String name, String tals) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, AnnotationEdf.of(tals, 1));
        return f;
    }
}
