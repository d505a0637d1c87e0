package org.plmwatch.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The first check on every input path: it must be a regular file this process may read. Each
 * other case gets its own reason (a directory, a FIFO or a device, permission denied), so the
 * user is never told "no such file" about a file that exists. A FIFO or device is refused before
 * it is opened: opening a FIFO blocks until a writer comes, and /dev/zero never ends.
 */
public final class InputFiles {

    private InputFiles() {
    }

    /** Returns {@code file} when it is a readable regular file, else throws with the reason. */
    public static Path requireReadable(Path file) throws InputFormatException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw InputFormatException.inFile(file, "no such file", "check the path");
        } catch (AccessDeniedException e) {
            throw denied(file);
        } catch (IOException e) {
            throw InputFormatException.inFile(file, "cannot be read: " + e.getMessage(), "check the path");
        }
        if (attributes.isDirectory()) {
            throw InputFormatException.inFile(file, "is a directory, not a file",
                    "name a file inside it (an event export or a recording)");
        }
        if (!attributes.isRegularFile()) {
            throw InputFormatException.inFile(file, "is not a regular file (a FIFO, socket or device)",
                    "copy the data into a file and give that file");
        }
        try (FileChannel ignored = FileChannel.open(file, StandardOpenOption.READ)) {
            return file;
        } catch (AccessDeniedException e) {
            throw denied(file);
        } catch (IOException e) {
            throw InputFormatException.inFile(file, "cannot be opened: " + e.getMessage(), "check the file");
        }
    }

    private static InputFormatException denied(Path file) {
        return InputFormatException.inFile(file, "permission denied",
                "make the file readable for this user (chmod u+r), or copy it somewhere you may read");
    }
}
