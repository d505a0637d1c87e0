package org.plmwatch.sim.link;

import java.io.Closeable;
import java.io.IOException;

/**
 * One open byte stream to a host: a serial port, a pty or an accepted socket. Reads block until
 * bytes arrive, the peer goes away or {@link #close()} is called from another thread (which must
 * unblock both a pending read and a pending write: the server's write watchdog relies on it).
 */
public interface Connection extends Closeable {

    /**
     * Reads what is available into {@code buf}, waiting for at least one byte.
     *
     * @return bytes read, 0 when a transport-level read timeout passed without data (the caller
     *         then checks whether it should stop), -1 at end of stream
     */
    int read(byte[] buf) throws IOException;

    /** Writes all bytes (blocking while the peer does not read). */
    void write(byte[] buf, int offset, int length) throws IOException;

    @Override
    void close() throws IOException;
}
