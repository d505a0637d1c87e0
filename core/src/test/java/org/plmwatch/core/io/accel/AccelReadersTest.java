package org.plmwatch.core.io.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.core.accel.AccelSink;

class AccelReadersTest {

    @TempDir
    Path temp;

    private static Path shared(String name) {
        Path dir = Path.of(System.getProperty("plmwatch.shared.data", "../shared/data"), "accel");
        Assumptions.assumeTrue(Files.isDirectory(dir), "shared data not present");
        return dir.resolve(name);
    }

    @Test
    void picksTheReaderByContentNotByName() throws Exception {
        Path cwaNamedCsv = temp.resolve("looks-like.csv");
        Files.copy(shared("ax3_testfile.cwa"), cwaNamedCsv, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(AccelReaders.open(cwaNamedCsv) instanceof CwaRecording);
        Path csvNamedCwa = temp.resolve("looks-like.cwa");
        Files.writeString(csvNamedCwa, "t,x,y,z\n0,0,0,1\n");
        assertTrue(AccelReaders.open(csvNamedCwa) instanceof CsvAccelRecording);
    }

    @Test
    void emptyGeneactivAndBinaryFilesGetClearErrors() throws Exception {
        Path empty = Files.createFile(temp.resolve("empty.csv"));
        assertTrue(assertThrows(InputFormatException.class, () -> AccelReaders.open(empty)).getMessage()
                .contains("empty"));
        assertTrue(AccelReaders.open(shared("GENEActiv_testfile.bin")) instanceof GeneActivRecording);
        Path binary = temp.resolve("random.bin");
        byte[] noise = new byte[4096];
        new Random(1).nextBytes(noise);
        Files.write(binary, noise);
        InputFormatException e = assertThrows(InputFormatException.class, () -> AccelReaders.open(binary));
        assertTrue(e.getMessage().contains("cwa") || e.getMessage().contains("column"), e.getMessage());
    }

    @Test
    void aBinaryFileWithoutLineBreaksIsNotPulledIntoMemory() throws IOException {
        Path binary = temp.resolve("nolines.dat");
        byte[] bytes = new byte[3 * ByteLineReader.MAX_LINE_BYTES];
        java.util.Arrays.fill(bytes, (byte) 'a');
        Files.write(binary, bytes);
        InputFormatException e = assertThrows(InputFormatException.class, () -> AccelReaders.open(binary));
        assertTrue(e.getMessage().contains("not a text recording"), e.getMessage());
    }

    @Test
    void cwaRefusesUnitsOtherThanItsOwn() {
        assertThrows(InputFormatException.class,
                () -> AccelReaders.open(shared("ax3_testfile.cwa"), AccelUnits.METERS_PER_SECOND_SQUARED));
    }

    /** A sink that keeps nothing, so any allocation measured is the reader's. */
    private static final class CountingSink implements AccelSink {
        long count;
        double sum;

        @Override
        public void sample(double timeSeconds, double xG, double yG, double zG) {
            count++;
            sum += zG;
        }
    }

    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /**
     * 100 000 CSV rows and the AX3 file must stream with a fixed amount of memory: a per-sample
     * allocation of even one small object (16 bytes) would show as 1.6 MB.
     */
    @Test
    void streamingAllocatesNothingPerSample() throws Exception {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        Path csv = temp.resolve("big.csv");
        Random random = new Random(11);
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("TimeStamp,AccX,AccY,AccZ,GyroX\n");
            for (int i = 0; i < 100_000; i++) {
                w.write(String.format(Locale.ROOT, "2024-01-01 00:%02d:%02d.%03d,%.4f,%.4f,%.4f,1.5%n", i / 6000,
                        i / 100 % 60, i % 100 * 10, random.nextGaussian() * 0.1, random.nextGaussian() * 0.1,
                        1 + random.nextGaussian() * 0.1));
            }
        }
        AccelRecording recording = AccelReaders.open(csv);
        recording.stream(new CountingSink()); // warm-up
        CountingSink sink = new CountingSink();
        long before = allocatedBytes();
        recording.stream(sink);
        long csvBytes = allocatedBytes() - before;
        assertEquals(100_000, sink.count);
        assertTrue(csvBytes < 400_000, "CSV streaming allocated " + csvBytes + " bytes for 100 000 rows");

        AccelRecording cwa = AccelReaders.open(shared("ax3_testfile.cwa"));
        cwa.stream(new CountingSink());
        CountingSink cwaSink = new CountingSink();
        before = allocatedBytes();
        cwa.stream(cwaSink);
        long cwaBytes = allocatedBytes() - before;
        assertEquals(17_400, cwaSink.count);
        assertTrue(cwaBytes < 200_000, "CWA streaming allocated " + cwaBytes + " bytes for 17 400 samples");
    }
}
