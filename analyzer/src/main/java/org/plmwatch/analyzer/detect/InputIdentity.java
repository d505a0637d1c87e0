package org.plmwatch.analyzer.detect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import org.plmwatch.core.io.InputFormatException;

/**
 * Refuses one recording given for both legs: the same file, or two files with identical content
 * (a copy). Compares sizes first, and only when they are equal the SHA-256 of both, streamed in
 * 64 KiB pieces, so no file is ever held in memory.
 */
final class InputIdentity {

    private InputIdentity() {
    }

    static void requireDifferent(Path left, Path right) throws IOException, InputFormatException {
        String fix = "give the recording of each leg: --left LEFT-FILE --right RIGHT-FILE";
        if (Files.isSameFile(left, right)) {
            throw InputFormatException.inFile(right, "the same file was given for both legs (--left " + left
                    + " and --right " + right + ")", fix);
        }
        long size = Files.size(left);
        if (size == Files.size(right) && Arrays.equals(sha256(left), sha256(right))) {
            throw InputFormatException.inFile(right, "the right recording has exactly the same content as the left one ("
                    + left + ", " + size + " bytes, same SHA-256): one recording cannot be both legs", fix);
        }
    }

    private static byte[] sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return md.digest();
    }
}
