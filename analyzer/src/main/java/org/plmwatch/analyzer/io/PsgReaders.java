package org.plmwatch.analyzer.io;

import org.plmwatch.core.io.InputFiles;
import org.plmwatch.core.io.InputFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a PSG event export of any supported format, chosen by content rather than file name. */
public final class PsgReaders {

    /** How much of the file is looked at to tell text from binary. */
    private static final int SNIFF_BYTES = 4096;

    private PsgReaders() {
    }

    /**
     * EDF+ when the file starts as EDF does ({@code "0"} and 7 spaces), a RemLogic text export
     * when it is text; anything else is refused.
     */
    public static PsgEvents read(Path file, EventLabels labels) throws IOException, InputFormatException {
        byte[] head;
        try (InputStream in = Files.newInputStream(InputFiles.requireReadable(file))) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        if (head.length >= 8 && new String(head, 0, 8, StandardCharsets.US_ASCII).equals("0       ")) {
            return EdfAnnotationsReader.read(file, labels);
        }
        if (head.length >= 8 && (head[0] & 0xFF) == 0xFF
                && new String(head, 1, 7, StandardCharsets.US_ASCII).equals("BIOSEMI")) {
            throw InputFormatException.atByte(file, 0, "BDF (24-bit BioSemi) file: only EDF+ is read",
                    "convert it to EDF+ with its annotations (e.g. EDFbrowser)");
        }
        if (isText(head)) {
            return RemLogicReader.read(file, labels);
        }
        throw InputFormatException.atByte(file, 0, "neither an EDF+ file (starts with '0' and 7 spaces) nor a "
                        + "text event export (it holds control bytes)",
                "give a RemLogic text event export or an EDF+ file with annotations");
    }

    /** UTF-16 with a BOM, or bytes without NUL and without control characters other than whitespace. */
    private static boolean isText(byte[] b) {
        if (b.length >= 2 && ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE
                || (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF)) {
            return true;
        }
        for (byte x : b) {
            if (x >= 0 && x < 0x20 && x != '\t' && x != '\n' && x != '\r' && x != '\f') {
                return false;
            }
        }
        return true;
    }
}
