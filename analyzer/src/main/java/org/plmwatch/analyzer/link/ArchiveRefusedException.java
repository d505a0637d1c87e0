package org.plmwatch.analyzer.link;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A path under the archive is a symbolic link, a hard-linked file or not what it should be (a
 * FIFO where a night file belongs): the archive refuses to read or write through it, so a planted
 * link can neither send a download outside the archive nor make a wait on a FIFO endless.
 */
public final class ArchiveRefusedException extends IOException {

    private final Path path;

    public ArchiveRefusedException(Path path, String why) {
        super("refusing to use " + path + ": " + why + "; nothing was written through it. Check who made it, "
                + "move it away and download again");
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
