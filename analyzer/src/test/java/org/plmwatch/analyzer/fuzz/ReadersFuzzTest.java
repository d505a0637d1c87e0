package org.plmwatch.analyzer.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.plmwatch.analyzer.io.EdfAnnotationsReader;
import org.plmwatch.analyzer.io.EventLabels;
import org.plmwatch.analyzer.io.RemLogicReader;
import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.core.io.RecordingLimits;
import org.plmwatch.core.io.accel.CsvAccelRecording;
import org.plmwatch.core.io.accel.CwaRecording;
import org.plmwatch.core.io.accel.GeneActivRecording;
import org.plmwatch.core.io.accel.Gt3xRecording;
import org.plmwatch.core.io.accel.ReadReport;
import org.plmwatch.core.io.accel.NightFileRecording;
import org.plmwatch.core.link.FrameDecoder;
import org.plmwatch.core.nightfile.NightFileFormatException;
import org.plmwatch.core.nightfile.NightFileReader;
import org.plmwatch.core.nightfile.NightHeader;
import org.plmwatch.core.nightfile.WornOn;

/**
 * Jazzer fuzz targets for every reader of outside bytes: RemLogic and EDF+ exports, CSV, CWA,
 * GENEActiv, ActiGraph .gt3x and night-file recordings, and the link's frame decoder. The only exception a reader may throw is
 * its own ({@link InputFormatException}, {@link NightFileFormatException}; the decoder none), and
 * every sample it passes on must be finite and within the longest recording; anything else, an
 * {@link OutOfMemoryError} included, is a finding. {@code mvn verify} fuzzes {@link #allReaders}
 * for a few seconds per reader in a JVM with a 256 MB heap (analyzer/pom.xml, execution
 * {@code fuzz-readers}); a plain {@code mvn test} runs the committed seeds only (regression mode).
 *
 * <p>Input: byte 0 picks the reader; byte 1 picks the base: 0 takes the rest of the input as the
 * file, any other value takes a real file (from {@code ../shared/data}, read at test time and
 * never copied into the repository) or a small generated one, and applies the rest of the input
 * to it as a recipe of (offset, byte) patches, a cut and an insertion, so the fuzzer starts from
 * the real formats and mutates them structurally.
 *
 * <p>Longer runs, one reader at a time (a fuzzing JVM runs one fuzz test):
 * {@code JAZZER_FUZZ=1 mvn -pl analyzer -am test -Dtest='ReadersFuzzTest#remLogic' -Djazzer.max_duration=30m
 * -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx256m} (or {@code edf}, {@code csv}, {@code cwa},
 * {@code nightFile}, {@code frames}, {@code geneActiv}, {@code gt3x}, {@code allReaders}); findings land in
 * {@code src/test/resources/.../ReadersFuzzTestInputs/<method>/} and then run in every build.
 */
class ReadersFuzzTest {

    /** Byte 0 of an allReaders input picks one of these: new readers go at the end, so committed seeds keep their target. */
    enum Target { REMLOGIC, EDF, CSV, CWA, NIGHT_FILE, FRAMES, GENEACTIV, GT3X }

    private static final AtomicLongArray EXECUTIONS = new AtomicLongArray(Target.values().length);
    private static final Map<Target, List<byte[]>> BASES = FuzzSeeds.bases();
    private static final Path FILE = tempFile();
    private static final NightHeader ASSUMED = NightHeader.of("fuzz", "1.0", "LIS3DH", 50, 4, 0.002, WornOn.LEFT,
            OptionalLong.empty());

    @FuzzTest(maxDuration = "30s")
    void allReaders(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        Target t = Target.values()[(input[0] & 0xFF) % Target.values().length];
        run(t, input);
    }

    @FuzzTest(maxDuration = "60s")
    void remLogic(byte[] input) throws IOException {
        run(Target.REMLOGIC, input);
    }

    @FuzzTest(maxDuration = "60s")
    void edf(byte[] input) throws IOException {
        run(Target.EDF, input);
    }

    @FuzzTest(maxDuration = "60s")
    void csv(byte[] input) throws IOException {
        run(Target.CSV, input);
    }

    @FuzzTest(maxDuration = "60s")
    void cwa(byte[] input) throws IOException {
        run(Target.CWA, input);
    }

    @FuzzTest(maxDuration = "60s")
    void nightFile(byte[] input) throws IOException {
        run(Target.NIGHT_FILE, input);
    }

    @FuzzTest(maxDuration = "60s")
    void frames(byte[] input) throws IOException {
        run(Target.FRAMES, input);
    }

    @FuzzTest(maxDuration = "60s")
    void geneActiv(byte[] input) throws IOException {
        run(Target.GENEACTIV, input);
    }

    @FuzzTest(maxDuration = "60s")
    void gt3x(byte[] input) throws IOException {
        run(Target.GT3X, input);
    }

    /** A generated base the reader refused outright would fuzz only its first check. */
    @Test
    void generatedBasesReadWhole() throws Exception {
        Files.write(FILE, FuzzSeeds.geneActiv());
        CountingSink sink = new CountingSink();
        GeneActivRecording.open(FILE).stream(sink);
        assertEquals(600, sink.count);
        assertEquals(1.0, sink.lastZ, 1e-12);
        for (int method : new int[] {ZipEntry.STORED, ZipEntry.DEFLATED}) {
            Files.write(FILE, FuzzSeeds.gt3x(method));
            sink = new CountingSink();
            ReadReport report = Gt3xRecording.open(FILE).stream(sink);
            assertEquals(40, sink.count);
            assertEquals(1, report.gapCount()); // seconds 3 and 4 have no record
            assertEquals(1.0, sink.lastZ, 1e-12);
        }
    }

    private static final class CountingSink extends CheckingSink {
        long count;
        double lastZ;

        @Override
        public void sample(double t, double x, double y, double z) {
            super.sample(t, x, y, z);
            count++;
            lastZ = z;
        }
    }

    @AfterAll
    static void report() {
        StringBuilder b = new StringBuilder("fuzz executions per reader:");
        for (Target t : Target.values()) {
            b.append(' ').append(t.name().toLowerCase()).append('=').append(EXECUTIONS.get(t.ordinal()));
        }
        System.out.println(b);
    }

    private static void run(Target target, byte[] input) throws IOException {
        EXECUTIONS.incrementAndGet(target.ordinal());
        byte[] content = FuzzSeeds.content(BASES.get(target), input);
        if (target == Target.FRAMES) {
            FrameDecoder decoder = new FrameDecoder(frame -> { });
            decoder.accept(content);   // no exception at all: the link must survive any bytes
            return;
        }
        if (target == Target.NIGHT_FILE) {
            try {
                NightFileReader.assumingHeader(ASSUMED).read(ByteBuffer.wrap(content), "fuzz", new CheckingSink());
            } catch (NightFileFormatException expected) {
                // the reader's own
            }
        }
        Files.write(FILE, content);
        try {
            switch (target) {
                case REMLOGIC -> RemLogicReader.read(FILE, EventLabels.defaults());
                case EDF -> EdfAnnotationsReader.read(FILE, EventLabels.defaults());
                case CSV -> CsvAccelRecording.open(FILE).stream(new CheckingSink());
                case CWA -> CwaRecording.open(FILE).stream(new CheckingSink());
                case NIGHT_FILE -> NightFileRecording.open(FILE).stream(new CheckingSink());
                case GENEACTIV -> GeneActivRecording.open(FILE).stream(new CheckingSink());
                case GT3X -> Gt3xRecording.open(FILE).stream(new CheckingSink());
                default -> throw new IllegalStateException(target.name());
            }
        } catch (InputFormatException expected) {
            assertTrue(expected.getMessage().startsWith(FILE.toString()), expected.getMessage());
        }
    }

    /** Samples must be numbers, in time order, within the longest recording a reader lets through. */
    private static class CheckingSink implements AccelSink {
        private double last = Double.NEGATIVE_INFINITY;

        @Override
        public void sample(double t, double x, double y, double z) {
            if (!(Math.abs(t) <= RecordingLimits.LONGEST_RECORDING_SECONDS + 1) || !Double.isFinite(x)
                    || !Double.isFinite(y) || !Double.isFinite(z) || t < last) {
                throw new AssertionError("sample (" + t + ", " + x + ", " + y + ", " + z + ") after t=" + last);
            }
            last = t;
        }
    }

    private static Path tempFile() {
        try {
            Path shm = Path.of("/dev/shm");
            Path f = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempFile(shm, "plmwatch-fuzz", ".bin")
                    : Files.createTempFile("plmwatch-fuzz", ".bin");
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<byte[]> list(byte[]... items) {
        return new ArrayList<>(List.of(items));
    }

    static <V> Map<Target, V> byTarget() {
        return new EnumMap<>(Target.class);
    }
}
