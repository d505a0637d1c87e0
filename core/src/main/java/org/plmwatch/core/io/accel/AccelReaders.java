package org.plmwatch.core.io.accel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.plmwatch.core.io.InputFiles;
import org.plmwatch.core.io.InputFormatException;

/** Opens an accelerometer recording with the reader its content calls for. */
public final class AccelReaders {

    /** A night file's header block is at most 4 KiB, so the next block's magic shows in this much. */
    private static final int SNIFF_BYTES = 8192 + 64;
    private static final byte[] GENEACTIV_MAGIC = "Device Identity".getBytes(StandardCharsets.US_ASCII);

    private AccelReaders() {
    }

    /**
     * Opens {@code file}: a plmwatch device night file when it starts with {@code B7 50 4C 4D}, an
     * Axivity CWA when it starts with "MD", a GENEActiv .bin when it starts with "Device Identity",
     * an ActiGraph .gt3x when it is a zip archive, else a CSV recording. The name's extension is not
     * consulted, so a renamed file still opens.
     */
    public static AccelRecording open(Path file) throws IOException, InputFormatException {
        return open(file, Optional.empty());
    }

    /**
     * Like {@link #open(Path)}, with the units of a CSV file's acceleration columns given by the caller
     * (detection skipped). CWA files state their own scale, so the override does not apply to them.
     */
    public static AccelRecording open(Path file, AccelUnits csvUnits) throws IOException, InputFormatException {
        return open(file, Optional.of(csvUnits));
    }

    /** Units given by the caller apply to CSV columns only: a binary format states its own scale. */
    private static void refuseUnits(Path file, Optional<AccelUnits> csvUnits, String format, String scale,
                                    String extension) throws InputFormatException {
        if (csvUnits.isPresent() && csvUnits.get() != AccelUnits.G) {
            throw InputFormatException.inFile(file, "units " + csvUnits.get().symbol() + " were given for " + format
                    + ", which states its own " + scale, "leave the units out for " + extension + " files");
        }
    }

    private static boolean containsNightFileMagic(byte[] head) {
        for (int i = 1; i + 4 <= head.length; i++) {
            if ((head[i] & 0xFF) == 0xB7 && NightFileRecording.hasMagic(Arrays.copyOfRange(head, i, i + 4))) {
                return true;
            }
        }
        return false;
    }

    private static AccelRecording open(Path file, Optional<AccelUnits> csvUnits)
            throws IOException, InputFormatException {
        byte[] head;
        try (InputStream in = Files.newInputStream(InputFiles.requireReadable(file))) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        byte[] magic = Arrays.copyOf(head, Math.min(head.length, GENEACTIV_MAGIC.length));
        if (magic.length == 0) {
            throw InputFormatException.inFile(file, "the file is empty",
                    "give a plmwatch .night file, an Axivity .cwa, GENEActiv .bin or ActiGraph .gt3x file, or a CSV recording (header t,x,y,z)");
        }
        if (NightFileRecording.hasMagic(magic)) {
            refuseUnits(file, csvUnits, "a plmwatch night file", "scale (g per count)", ".night");
            return NightFileRecording.open(file);
        }
        if (magic.length >= 2 && magic[0] == 'M' && magic[1] == 'D') {
            refuseUnits(file, csvUnits, "an Axivity CWA file", "scale (g)", ".cwa");
            return CwaRecording.open(file);
        }
        if (GeneActivRecording.hasMagic(magic)) {
            refuseUnits(file, csvUnits, "a GENEActiv .bin file", "calibration (g)", ".bin");
            return GeneActivRecording.open(file);
        }
        if (Gt3xRecording.hasMagic(magic)) {
            refuseUnits(file, csvUnits, "an ActiGraph .gt3x file", "scale (counts per g)", ".gt3x");
            return Gt3xRecording.open(file);
        }
        if (containsNightFileMagic(head)) {
            // A night file whose first bytes are damaged: its own reader says what is wrong
            // (header damaged, how to recover), not the CSV reader's "no header row".
            return NightFileRecording.open(file);
        }
        return CsvAccelRecording.open(file, csvUnits);
    }
}
