package org.plmwatch.sim.link;

import java.io.Closeable;
import java.io.IOException;

/** Where the device's link server waits for hosts: a serial device, a pty or a TCP port. */
public interface ServerTransport extends Closeable {

    /**
     * Waits for the next host connection (accepts a socket, or opens the serial device). Returns
     * once a connection is ready; throws when the transport is closed or cannot be opened now.
     */
    Connection await() throws IOException;

    /** What a host connects to, for people: {@code /dev/pts/7}, {@code tcp 127.0.0.1:5555}. */
    String hostEndpoint();
}
