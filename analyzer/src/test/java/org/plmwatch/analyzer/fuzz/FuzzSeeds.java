package org.plmwatch.analyzer.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.plmwatch.analyzer.edf.AnnotationEdf;
import org.plmwatch.analyzer.fuzz.ReadersFuzzTest.Target;
import org.plmwatch.core.link.FrameEncoder;
import org.plmwatch.core.link.GetBlocks;
import org.plmwatch.core.link.Hello;
import org.plmwatch.core.link.ListNights;
import org.plmwatch.core.nightfile.GapReason;
import org.plmwatch.core.nightfile.NightFileWriter;
import org.plmwatch.core.nightfile.NightHeader;
import org.plmwatch.core.nightfile.WornOn;

/**
 * Base files the fuzzer mutates: the real files of {@code ../shared/data} (read when the test
 * starts, never copied into the repository; absent folder, generated bases only) and a small
 * generated file per format. {@link #content} turns a fuzz input into file bytes.
 */
final class FuzzSeeds {

    private FuzzSeeds() {
    }

    static Map<Target, List<byte[]>> bases() {
        Map<Target, List<byte[]>> m = ReadersFuzzTest.byTarget();
        Path data = Path.of(System.getProperty("plmwatch.shared.data", "../../shared/data"));
        m.put(Target.REMLOGIC, withReal(List.of(remLogic()), TEXT_HEAD, data.resolve("psg/night1.remlogic.txt"),
                data.resolve("psg/night2.remlogic.txt")));
        m.put(Target.EDF, List.of(edf()));
        m.put(Target.CSV, withReal(List.of(csv()), TEXT_HEAD, data.resolve("accel/ankle-imu-bursts.csv")));
        m.put(Target.CWA, withReal(List.of(), CWA_HEAD, data.resolve("accel/ax3_testfile.cwa"),
                data.resolve("accel/ax6_testfile.cwa")));
        m.put(Target.NIGHT_FILE, List.of(nightFile()));
        m.put(Target.FRAMES, List.of(frames()));
        m.put(Target.GENEACTIV, withReal(List.of(geneActiv()), GENEACTIV_HEAD,
                data.resolve("accel/GENEActiv_testfile.bin")));
        m.put(Target.GT3X, List.of(gt3x(ZipEntry.STORED), gt3x(ZipEntry.DEFLATED)));
        return m;
    }

    /**
     * Byte 1 of the input: 0 means the rest is the file; otherwise it picks a base and the rest
     * is a recipe of up to 64 four-byte operations (op, 16-bit position as a fraction of the
     * length, value): 0 set a byte, 1 cut the file there, 2 insert 1–64 copies of the value,
     * 3 repeat the 1–256 bytes that follow there (a duplicated block or row).
     */
    static byte[] content(List<byte[]> bases, byte[] input) {
        if (input.length < 2 || input[1] == 0 || bases.isEmpty()) {
            return input.length < 2 ? new byte[0] : Arrays.copyOfRange(input, 2, input.length);
        }
        byte[] base = bases.get(((input[1] & 0xFF) - 1) % bases.size());
        byte[] b = base.clone();
        int length = b.length;
        for (int i = 2, ops = 0; i + 4 <= input.length && ops < 64; i += 4, ops++) {
            int op = (input[i] & 0xFF) % 4;
            int at = length == 0 ? 0 : (int) (((input[i + 1] & 0xFF) << 8 | (input[i + 2] & 0xFF)) * (long) length >>> 16);
            byte value = input[i + 3];
            switch (op) {
                case 0 -> {
                    if (at < length) {
                        b[at] = value;
                    }
                }
                case 1 -> length = at;
                case 2 -> {
                    int n = 1 + (value & 0x3F);
                    b = insert(b, length, at, n, value, null);
                    length += n;
                }
                default -> {
                    int n = Math.min(1 + (value & 0xFF), length - at);
                    if (n > 0) {
                        b = insert(b, length, at, n, (byte) 0, Arrays.copyOfRange(b, at, at + n));
                        length += n;
                    }
                }
            }
        }
        return Arrays.copyOf(b, length);
    }

    private static byte[] insert(byte[] b, int length, int at, int n, byte value, byte[] copy) {
        byte[] out = new byte[length + n];
        System.arraycopy(b, 0, out, 0, at);
        if (copy == null) {
            Arrays.fill(out, at, at + n, value);
        } else {
            System.arraycopy(copy, 0, out, at, n);
        }
        System.arraycopy(b, at, out, at + n, length - at);
        return out;
    }

    /**
     * The heads of the real files are the bases: every structure the reader meets (header, column
     * names, first rows or blocks) is in them, and a small base keeps the fuzzer at thousands of
     * runs per second rather than tens. Text is cut after a whole line.
     */
    private static final int TEXT_HEAD = 6 * 1024;
    /** The text header and four pages of 300 samples. */
    private static final int GENEACTIV_HEAD = 20 * 1024;
    /** The CWA header and eight data blocks. */
    private static final int CWA_HEAD = 1024 + 8 * 512;

    private static List<byte[]> withReal(List<byte[]> generated, int head, Path... real) {
        List<byte[]> all = new ArrayList<>();
        for (Path p : real) {
            if (Files.isRegularFile(p)) {
                try {
                    byte[] b = Files.readAllBytes(p);
                    int n = Math.min(b.length, head);
                    if (head == TEXT_HEAD) {
                        while (n > 0 && n < b.length && b[n - 1] != '\n') {
                            n--;
                        }
                    }
                    all.add(Arrays.copyOf(b, n));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        all.addAll(generated);
        return all;
    }

    static byte[] remLogic() {
        return ("RemLogic Event Export\nRecording Date:\t1/1/2001\nEvents Included:\nSLEEP-S2\nPLM-LM\nHYPOPNEA\n\n"
                + "Time [hh:mm:ss.xxx]\tEvent\tDuration[s]\tLocation\n"
                + "23:59:30.000\tSLEEP-S0\t30.00\tEEG\n00:00:00.000\tSLEEP-S2\t30.00\tEEG\n"
                + "00:00:03.500\tPLM-LM\t1.50\tEMG.Tibialis-Leg.Left\n00:00:10.000\tAROUSAL\t3.0\tEEG\n"
                + "00:00:12.000\tHYPOPNEA\t12.0\tFlow\n00:00:30.000\tSLEEP-REM\t60.00\tEEG\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] edf() {
        return AnnotationEdf.of("+0\u0014\u0014\u0000+0\u001530\u0014Sleep stage 2\u0014\u0000+3.5\u00152\u0014LM left\u0014\u0000"
                + "+30\u001560\u0014Sleep stage R\u0014\u0000", 2);
    }

    static byte[] csv() {
        StringBuilder b = new StringBuilder("# start: 2026-11-20T22:00:00\n# leg: left\n# rate: 50\nt,x,y,z\n");
        for (int i = 0; i < 60; i++) {
            b.append(String.format(java.util.Locale.ROOT, "%.2f,%.3f,0.010,0.990\n", i * 0.02, i % 7 == 0 ? 0.4 : 0.01));
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] nightFile() {
        try {
            Path tmp = Files.createTempDirectory("plmwatch-seed");
            Path f = tmp.resolve("seed.night");
            try {
                NightHeader h = NightHeader.of("seed", "1.0", "LIS3DH", 50, 4, 0.002, WornOn.LEFT,
                        OptionalLong.of(1_790_000_000_000_000L));
                short[] xyz = new short[3 * 50];
                for (int i = 0; i < 50; i++) {
                    xyz[3 * i] = (short) (i % 9);
                    xyz[3 * i + 2] = 500;
                }
                try (NightFileWriter w = NightFileWriter.create(f, h)) {
                    w.writeSamples(0, xyz, 0, 50);
                    w.writeSamples(1_000_000, xyz, 0, 50);
                    w.writeMovement(1_500_000, 1_100_000, 600_000, 0.3);
                    w.writeGap(2_000_000, 2_000_000, 3_000_000, GapReason.values()[0]);
                    w.writeSamples(3_000_000, xyz, 0, 50);
                }
                return Files.readAllBytes(f);
            } finally {
                Files.deleteIfExists(f);
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A GENEActiv .bin: the header lines the reader checks (calibration 25,600 counts per 100 g,
     * 256 counts/g) and two consecutive 300-sample pages at 50 Hz lying still.
     */
    static byte[] geneActiv() {
        StringBuilder b = new StringBuilder(String.join("\r\n", "Device Identity", "Device Unique Serial Code:000042",
                "Device Type:GENEActiv", "", "Configuration Info", "Measurement Frequency:50 Hz",
                "Start Time:2026-01-31 22:00:00:000", "", "Subject Info", "Device Location Code:left ankle", "",
                "Calibration Data", "x gain:25600", "x offset:0", "y gain:25600", "y offset:0", "z gain:25600",
                "z offset:0", "Volts:300", "Lux:800", "", "Memory Status", "Number of Pages:2", "", ""));
        for (int p = 0; p < 2; p++) {
            b.append(String.join("\r\n", "Recorded Data", "Device Unique Serial Code:000042", "Sequence Number:" + p,
                    "Page Time:2026-01-31 22:00:0" + (6 * p) + ":000", "Unassigned:", "Temperature:21.5",
                    "Battery voltage:4.1", "Device Status:Recording", "Measurement Frequency:50.0", ""));
            for (int i = 0; i < 300; i++) {
                b.append(String.format(java.util.Locale.ROOT, "%03X%03X%03X%03X", i % 40, 0xFFF, 256, 2));
            }
            b.append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * An ActiGraph .gt3x: a zip of info.txt and a log.bin of a metadata record, three seconds of
     * ACTIVITY2 at 10 Hz, one of packed ACTIVITY, a battery record and a missing second. Stored
     * entries let mutations reach the records (the reader does not check the zip's CRC); a
     * deflated one is the layout ActiLife writes.
     */
    static byte[] gt3x(int method) {
        long t0 = 1_568_745_600L;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        log.writeBytes(gt3xRecord(0x06, t0 - 1, "{\"MetadataType\":\"Subject\"}".getBytes(StandardCharsets.US_ASCII)));
        byte[] activity2 = new byte[10 * 6];
        for (int i = 0; i < 10; i++) {
            activity2[6 * i] = (byte) i;
            activity2[6 * i + 5] = 1; // z = 256 counts = 1 g
        }
        for (int s = 0; s < 3; s++) {
            log.writeBytes(gt3xRecord(0x1A, t0 + s, activity2));
            log.writeBytes(gt3xRecord(0x02, t0 + s, new byte[] {0x68, 0x10}));
        }
        byte[] packed = new byte[(10 * 36 + 7) / 8];
        for (int i = 0; i < 10; i++) {
            long bit = 36L * i + 24 + 3; // z = 0x100: bit 8 of the third 12-bit value
            packed[(int) (bit >>> 3)] |= (byte) (0x80 >>> (bit & 7));
        }
        log.writeBytes(gt3xRecord(0x00, t0 + 5, packed));
        byte[] info = ("Serial Number: MOS2E00000000\r\nDevice Type: wGT3XBT\r\nFirmware: 1.9.2\r\n"
                + "Sample Rate: 10\r\nStart Date: 637043424000000000\r\nAcceleration Scale: 256.0\r\n"
                + "Acceleration Max: 8.0\r\nSubject Name: left ankle\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setMethod(method);
            for (Map.Entry<String, byte[]> e : Map.of("info.txt", info, "log.bin", log.toByteArray()).entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (method == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A log.bin record: separator, type, u32 second, u16 size, payload, one's complement of the XOR. */
    private static byte[] gt3xRecord(int type, long second, byte[] payload) {
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

    static byte[] frames() {
        FrameEncoder enc = new FrameEncoder(7);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(enc.encode(1, new Hello("plmwatch-fuzz")));
        out.writeBytes(enc.encode(2, new ListNights(0)));
        out.writeBytes(enc.encode(3, new GetBlocks(1, 0, 8)));
        return out.toByteArray();
    }

    /** Writes a tiny seed per fuzz method (selector bytes only: the bases are built at test time). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        for (Target t : Target.values()) {
            String method = switch (t) {
                case REMLOGIC -> "remLogic";
                case EDF -> "edf";
                case CSV -> "csv";
                case CWA -> "cwa";
                case NIGHT_FILE -> "nightFile";
                case FRAMES -> "frames";
                case GENEACTIV -> "geneActiv";
                case GT3X -> "gt3x";
            };
            Files.createDirectories(dir.resolve(method));
            Files.createDirectories(dir.resolve("allReaders"));
            for (int base = 1; base <= 3; base++) {
                byte[] seed = {(byte) t.ordinal(), (byte) base, 0, 0, 0, 0};
                Files.write(dir.resolve(method).resolve("base-" + base), seed);
                Files.write(dir.resolve("allReaders").resolve(method + "-base-" + base), seed);
            }
        }
    }
}
