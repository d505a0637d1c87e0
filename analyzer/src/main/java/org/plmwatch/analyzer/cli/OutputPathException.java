package org.plmwatch.analyzer.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * An output path the user named cannot be written (a directory, no permission, a missing or
 * read-only parent). Exit 3 with the path and the reason, not a stack trace: it is the user's
 * argument that is wrong, not the program.
 */
final class OutputPathException extends IOException {

    OutputPathException(Path path, IOException cause) {
        super(path + ": " + reason(cause) + ". Fix: choose a path you may write, e.g. in your home folder", cause);
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file is in the way of a folder";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
