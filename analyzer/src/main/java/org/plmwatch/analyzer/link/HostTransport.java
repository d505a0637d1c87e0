package org.plmwatch.analyzer.link;

import java.io.Closeable;
import java.io.IOException;

/** The host's byte stream to a device: a serial port (jssc) or, for the simulator, a TCP socket. */
public interface HostTransport extends Closeable {

    /** Writes all bytes. */
    void write(byte[] buf, int offset, int length) throws IOException;

    /**
     * Reads what has arrived into {@code buf}, waiting at most {@code timeoutMillis} for the first
     * byte.
     *
     * @return bytes read; 0 when nothing arrived in time
     * @throws IOException when the port is gone (cable pulled, socket closed by the device)
     */
    int read(byte[] buf, long timeoutMillis) throws IOException;

    /** The port as the user named it: {@code /dev/ttyACM0}, {@code tcp:127.0.0.1:5555}. */
    String portName();

    @Override
    void close() throws IOException;

    /** Opens {@code tcp:HOST:PORT} as a socket and anything else as a serial port. */
    static HostTransport open(String port) throws LinkException {
        return port.startsWith("tcp:") ? TcpTransport.open(port) : JsscTransport.open(port);
    }
}
