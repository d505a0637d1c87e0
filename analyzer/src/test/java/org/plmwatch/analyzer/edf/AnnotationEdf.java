package org.plmwatch.analyzer.edf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Test fixture: an annotation-only EDF+C file of one 30-s data record holding given TALs. */
public final class AnnotationEdf {

    private AnnotationEdf() {
    }

    /**
     * The file's bytes: the TALs, then zero bytes up to {@code spareSamples} more 2-byte samples
     * than the TALs need.
     */
    public static byte[] of(String tals, int spareSamples) {
        byte[] t = tals.getBytes(StandardCharsets.US_ASCII);
        int samples = (t.length + 1) / 2 + spareSamples;
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
}
