package org.plmwatch.core.io.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.core.io.InputFormatException;

/**
 * ActiGraph .gt3x: archives written here record by record (seeded), and the public sample of the
 * read.gt3x R package (a GT9X Link, 100 Hz) when it is present in the shared data or named by the
 * {@code plmwatch.gt3x.sample} property, checked against ActiLife's CSV export of the same file.
 */
class Gt3xRecordingTest {

    @TempDir
    Path temp;

    static final String INFO = "Serial Number: MOS2E00000000\r\nDevice Type: wGT3XBT\r\nFirmware: 1.9.2\r\n"
            + "Sample Rate: 50\r\nStart Date: 637043424000000000\r\nAcceleration Scale: 256.0\r\n"
            + "Acceleration Min: -8.0\r\nAcceleration Max: 8.0\r\nSubject Name: left ankle 7\r\n";

    static final long T0 = 1_568_745_600L; // 2019-09-17 18:40:00 local, as the device writes it

    static byte[] record(int type, long second, byte[] payload) {
        byte[] r = new byte[8 + payload.length + 1];
        r[0] = 0x1E;
        r[1] = (byte) type;
        for (int i = 0; i < 4; i++) {
            r[2 + i] = (byte) (second >>> (8 * i));
        }
        r[6] = (byte) payload.length;
        r[7] = (byte) (payload.length >>> 8);
        System.arraycopy(payload, 0, r, 8, payload.length);
        int xor = 0;
        for (int i = 0; i < 8 + payload.length; i++) {
            xor ^= r[i];
        }
        r[r.length - 1] = (byte) ~xor;
        return r;
    }

    /** One second at 50 Hz lying still: z = 1 g (256 counts), x = the sample index. */
    static byte[] activity2() {
        byte[] p = new byte[50 * 6];
        for (int i = 0; i < 50; i++) {
            p[6 * i] = (byte) i;
            p[6 * i + 2] = (byte) -3;
            p[6 * i + 3] = (byte) 0xff;
            p[6 * i + 4] = 0;
            p[6 * i + 5] = 1;
        }
        return p;
    }

    /** One second at 50 Hz in the 12-bit packed ACTIVITY layout (y x z), y = -2, x = 5, z = 256. */
    private static byte[] activity() {
        int n = 50;
        byte[] p = new byte[(n * 36 + 7) / 8];
        long bit = 0;
        for (int i = 0; i < n; i++) {
            for (int v : new int[] {-2, 5, 256}) {
                for (int k = 11; k >= 0; k--, bit++) {
                    if (((v >> k) & 1) != 0) {
                        p[(int) (bit >>> 3)] |= (byte) (0x80 >>> (bit & 7));
                    }
                }
            }
        }
        return p;
    }

    private Path gt3x(String name, String info, byte[] log) throws Exception {
        return gt3x(temp.resolve(name), info, log);
    }

    static Path gt3x(Path f, String info, byte[] log) throws Exception {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(f))) {
            zip.putNextEntry(new ZipEntry("log.bin"));
            zip.write(log);
            zip.closeEntry();
            if (info != null) {
                zip.putNextEntry(new ZipEntry("info.txt"));
                zip.write(info.getBytes(StandardCharsets.US_ASCII));
                zip.closeEntry();
            }
        }
        return f;
    }

    private static byte[] log(int seconds, int damaged, int missing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(record(0x06, T0 - 1, "{\"MetadataType\":\"Subject\"}".getBytes(StandardCharsets.US_ASCII)));
        out.writeBytes(record(0x1A, T0 - 1, new byte[] {1})); // USB event: not samples
        for (int s = 0; s < seconds; s++) {
            if (s == missing) {
                continue; // idle sleep: no record for this second
            }
            byte[] r = record(s == 3 ? 0x00 : 0x1A, T0 + s, s == 3 ? activity() : activity2());
            if (s == damaged) {
                r[20] ^= 0x40;
            }
            out.writeBytes(r);
            out.writeBytes(record(0x02, T0 + s, new byte[] {0x68, 0x10}));
        }
        return out.toByteArray();
    }

    @Test
    void decodesBothActivityLayoutsWithGapsAndDamagedRecords() throws Exception {
        AccelRecording rec = AccelReaders.open(gt3x("a.gt3x", INFO, log(10, 6, 8)));
        assertTrue(rec instanceof Gt3xRecording);
        assertEquals(LocalDateTime.of(2019, 9, 17, 18, 40), rec.info().start().orElseThrow());
        assertEquals(50.0, rec.info().nominalRateHz().getAsDouble());
        assertEquals("8", rec.info().metadata().get("accelerometer range g"));
        assertEquals("2019-09-17T18:40", rec.info().metadata().get("Start Date"));
        CollectingSink sink = new CollectingSink();
        ReadReport report = rec.stream(sink);
        assertEquals(8 * 50, sink.count);
        assertEquals(1, report.skippedBlocks().size());
        assertTrue(report.skippedBlocks().get(0).reason().contains("checksum"), report.toString());
        // Seconds 6 (damaged) and 8 (idle) are missing: two gaps.
        assertEquals(2, sink.gaps.size());
        assertEquals(5 + 49 / 50.0, sink.gaps.get(0)[0], 1e-9);
        assertEquals(7.0, sink.gaps.get(0)[1], 1e-9);
        assertEquals(17 / 256.0, sink.x[17], 1e-12);
        assertEquals(-3 / 256.0, sink.y[17], 1e-12);
        assertEquals(1.0, sink.z[17], 1e-12);
        assertEquals(0.34, sink.t[17], 1e-12);
        // Second 3: the packed layout, y x z order.
        assertEquals(5 / 256.0, sink.x[150], 1e-12);
        assertEquals(-2 / 256.0, sink.y[150], 1e-12);
        assertEquals(1.0, sink.z[150], 1e-12);
        assertEquals(3.0, sink.t[150], 1e-12);
    }

    @Test
    void archivesThatAreNotGt3xAreRefusedWithAFix() throws Exception {
        InputFormatException noInfo = assertThrows(InputFormatException.class,
                () -> AccelReaders.open(gt3x("n.gt3x", null, log(2, -1, -1))));
        assertTrue(noInfo.getMessage().contains("info.txt") && noInfo.getMessage().contains("Fix:"), noInfo.getMessage());
        InputFormatException rate = assertThrows(InputFormatException.class,
                () -> AccelReaders.open(gt3x("r.gt3x", INFO.replace("Sample Rate: 50", "Sample Rate: 0"), log(2, -1, -1))));
        assertTrue(rate.getMessage().contains("Sample Rate"), rate.getMessage());
        InputFormatException empty = assertThrows(InputFormatException.class,
                () -> AccelReaders.open(gt3x("e.gt3x", INFO, new byte[0])));
        assertTrue(empty.getMessage().contains("no readable activity"), empty.getMessage());
        Path zipHeaderOnly = Files.write(temp.resolve("z.gt3x"), new byte[] {'P', 'K', 3, 4, 0, 0});
        assertThrows(InputFormatException.class, () -> AccelReaders.open(zipHeaderOnly));
    }

    /** Mutated and cut archives: only InputFormatException, at open or while streaming. */
    @Test
    void damagedArchivesNeverThrowAnythingElse() throws Exception {
        byte[] whole = Files.readAllBytes(gt3x("w.gt3x", INFO, log(6, -1, -1)));
        byte[] stored = log(6, -1, -1);
        Random rnd = new Random(4242);
        for (int trial = 0; trial < 300; trial++) {
            byte[] bytes;
            if (trial < 100) {
                bytes = Arrays.copyOf(whole, rnd.nextInt(whole.length + 1));
            } else {
                // Mutate the uncompressed log.bin, so damage reaches the record parser, not just the zip CRC.
                byte[] log = stored.clone();
                for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
                    log[rnd.nextInt(log.length)] = (byte) rnd.nextInt(256);
                }
                bytes = Files.readAllBytes(gt3x("m.gt3x", INFO, log));
            }
            Path f = Files.write(temp.resolve("t.gt3x"), bytes);
            try {
                AccelRecording rec = AccelReaders.open(f);
                CollectingSink sink = new CollectingSink();
                ReadReport report = rec.stream(sink);
                assertEquals(report.sampleCount(), sink.count);
                assertTrue(sink.count <= 6 * 50);
            } catch (InputFormatException expected) {
                // refused with a message: fine
            }
        }
    }

    @Test
    void publicSampleMatchesActiLifesCsv() throws Exception {
        Path sample = Path.of(System.getProperty("plmwatch.gt3x.sample", Path.of(System.getProperty(
                "plmwatch.shared.data", "../../shared/data"), "accel", "TAS1H30182785_2019-09-17.gt3x").toString()));
        Assumptions.assumeTrue(Files.isRegularFile(sample), "public .gt3x sample not present");
        AccelRecording rec = AccelReaders.open(sample);
        assertEquals(100.0, rec.info().nominalRateHz().getAsDouble());
        assertEquals(LocalDateTime.of(2019, 9, 17, 18, 40), rec.info().start().orElseThrow());
        CollectingSink sink = new CollectingSink();
        ReadReport report = rec.stream(sink);
        assertEquals(0, report.skippedBlocks().size());
        // ActiGraph's raw counts are not calibrated: this GT9X reads 1.03 g at rest (ActiLife's CSV too).
        assertEquals(1.0, sink.medianMagnitude(), 0.05);
        assertEquals(6, sink.gaps.size(), "idle-sleep stretches");
        Path csv = sample.resolveSibling(sample.getFileName().toString().replace(".gt3x", ".csv.gz"));
        if (Files.isRegularFile(csv)) {
            // ActiLife's CSV has a row for every 1/100 s, repeating the last sample through idle sleep,
            // rounded to 3 decimals: every sample we deliver must equal its row within half of that.
            double[][] rows = new double[3][240_500];
            int n = 0;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                    Files.newInputStream(csv)), StandardCharsets.US_ASCII))) {
                String line;
                while ((line = r.readLine()) != null && !line.startsWith("Accelerometer X")) {
                    // ActiLife's header
                }
                while ((line = r.readLine()) != null && n < rows[0].length) {
                    String[] v = line.split(",");
                    for (int a = 0; a < 3; a++) {
                        rows[a][n] = Double.parseDouble(v[a]);
                    }
                    n++;
                }
            }
            for (int i = 0; i < sink.count; i++) {
                int row = (int) Math.round(sink.t[i] * 100);
                assertTrue(row < n, "sample " + i + " beyond the CSV");
                assertEquals(rows[0][row], sink.x[i], 0.0005 + 1e-9, "x of sample " + i);
                assertEquals(rows[1][row], sink.y[i], 0.0005 + 1e-9, "y of sample " + i);
                assertEquals(rows[2][row], sink.z[i], 0.0005 + 1e-9, "z of sample " + i);
            }
        }
        System.out.printf("gt3x sample: %d samples, %.2f s, %d gaps, median |a| %.4f g%n", sink.count,
                report.durationSeconds(), sink.gaps.size(), sink.medianMagnitude());
    }
}
