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
        m.put(Target.GENEACTIV, withReal(List.of(), GENEACTIV_HEAD, data.resolve("accel/GENEActiv_testfile.bin")));
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
        String tals = "+0\u0014\u0014\u0000+0\u001530\u0014Sleep stage 2\u0014\u0000+3.5\u00152\u0014LM left\u0014\u0000"
                + "+30\u001560\u0014Sleep stage R\u0014\u0000";
        byte[] t = tals.getBytes(StandardCharsets.US_ASCII);
        int samples = (t.length + 1) / 2 + 2;
        String header = field("0", 8) + field("X X X X", 80) + field("Startdate 02-JAN-2003 X X X", 80)
                + "02.01.0323.00.00" + field("512", 8) + field("EDF+C", 44) + field("1", 8) + field("30", 8)
                + field("1", 4) + field("EDF Annotations", 16) + field("", 80) + field("", 8)
                + field("-1", 8) + field("1", 8) + field("-32768", 8) + field("32767", 8) + field("", 80)
                + field(Integer.toString(samples), 8) + field("", 32);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        byte[] record = new byte[2 * samples];
        System.arraycopy(t, 0, record, 0, t.length);
        out.writeBytes(record);
        return out.toByteArray();
    }

    private static String field(String s, int width) {
        return String.format("%-" + width + "s", s).substring(0, width);
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
