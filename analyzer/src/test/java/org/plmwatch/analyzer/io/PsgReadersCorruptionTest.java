package org.plmwatch.analyzer.io;

import org.plmwatch.core.io.InputFormatException;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input must end in an InputFormatException, never in another exception: seeded random
 * damage (changed, dropped and inserted bytes) to a valid RemLogic export and a valid EDF+ file.
 */
class PsgReadersCorruptionTest {

    @TempDir
    Path dir;

    private static final byte[] ALPHABET = "0123456789:.-+T\t\n\r ,SLEEP-LMAROUSALeftRight\u0014\u0015\u0000"
            .getBytes(StandardCharsets.ISO_8859_1);

    private static byte[] remLogic() {
        StringBuilder sb = new StringBuilder("RemLogic Event Export\nRecording Date:\t1/2/2003\n\nEvents Included:\n"
                + "HYPOPNEA\n\nTime [hh:mm:ss.xxx]\tEvent\tDuration[s]\tLocation\n");
        for (int e = 0; e < 20; e++) {
            int s = (23 * 3600 + 55 * 60 + e * 30) % 86_400;
            sb.append(String.format("%02d:%02d:%02d.000\tSLEEP-S2\t30.00\tEEG\n", s / 3600, s / 60 % 60, s % 60));
            sb.append(String.format("%02d:%02d:%02d.250\tLM\t1.50\tEMG.Tibialis-Leg.%s\n", s / 3600, s / 60 % 60,
                    (s + 7) % 60, e % 2 == 0 ? "Left" : "Right"));
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String field(String s, int width) {
        return String.format("%-" + width + "s", s).substring(0, width);
    }

    /** Annotation-only EDF+C, 10 records of 64 bytes, one epoch and one movement per record. */
    private static byte[] edf() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String header = field("0", 8) + field("X X X X", 80) + field("Startdate 02-JAN-2003 X X X", 80)
                + "02.01.0323.00.00" + field("512", 8) + field("EDF+C", 44) + field("10", 8) + field("30", 8)
                + field("1", 4) + field(EdfAnnotationsReader.ANNOTATION_LABEL, 16) + field("", 80) + field("", 8)
                + field("-1", 8) + field("1", 8) + field("-32768", 8) + field("32767", 8) + field("", 80)
                + field("32", 8) + field("", 32);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        for (int r = 0; r < 10; r++) {
            String tal = "+" + r * 30 + "\u0014\u0014\u0000+" + r * 30 + "\u001530\u0014Sleep stage 2\u0014\u0000+"
                    + (r * 30 + 3) + ".5\u00152\u0014LM left\u0014\u0000";
            byte[] record = new byte[64];
            byte[] t = tal.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(t, 0, record, 0, t.length);
            out.writeBytes(record);
        }
        return out.toByteArray();
    }

    private static byte[] damage(byte[] in, Random rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int edits = 1 + rnd.nextInt(4);
        int[] at = new int[edits];
        for (int i = 0; i < edits; i++) {
            at[i] = rnd.nextInt(in.length);
        }
        for (int p = 0; p < in.length; p++) {
            boolean edited = false;
            for (int a : at) {
                if (a == p && !edited) {
                    edited = true;
                    switch (rnd.nextInt(3)) {
                        case 0 -> out.write(ALPHABET[rnd.nextInt(ALPHABET.length)]);
                        case 1 -> { }
                        default -> {
                            out.write(ALPHABET[rnd.nextInt(ALPHABET.length)]);
                            out.write(in[p]);
                        }
                    }
                }
            }
            if (!edited) {
                out.write(in[p]);
            }
        }
        return out.toByteArray();
    }

    private void survive(byte[] valid, String name, long seed) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, valid);
        PsgReaders.read(f, EventLabels.defaults()); // the undamaged file reads
        Random rnd = new Random(seed);
        int refused = 0;
        for (int i = 0; i < 250; i++) {
            byte[] bad = damage(valid, rnd);
            Files.write(f, bad);
            try {
                PsgReaders.read(f, EventLabels.defaults());
            } catch (InputFormatException e) {
                assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
                refused++;
            } catch (RuntimeException e) {
                fail("damage " + i + " of " + name + " threw " + e, e);
            }
        }
        assertTrue(refused > 0, "no damage was noticed");
    }

    @Test
    void damagedRemLogicExports() throws Exception {
        survive(remLogic(), "night.txt", 11);
    }

    @Test
    void damagedEdfPlusFiles() throws Exception {
        survive(edf(), "night.edf", 12);
    }
}
