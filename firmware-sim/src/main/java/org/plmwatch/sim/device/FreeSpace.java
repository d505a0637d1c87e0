package org.plmwatch.sim.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Usable bytes left for night files; tests give a quota instead of the file system's figure. */
@FunctionalInterface
public interface FreeSpace {

    long usableBytes() throws IOException;

    /** What the file system holding {@code dir} says (one statvfs call). */
    static FreeSpace of(Path dir) {
        return () -> Files.getFileStore(dir).getUsableSpace();
    }
}
