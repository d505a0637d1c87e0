package org.plmwatch.sim.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * The simulator's link on a TCP port of 127.0.0.1 (never another interface: the protocol has no
 * authentication). One host at a time; the next is accepted when the current one goes away.
 */
final class TcpTransport implements ServerTransport {

    /** A read returns 0 after this long without data, so the reader can notice a shutdown. */
    static final int READ_TIMEOUT_MILLIS = 1000;

    private final ServerSocket server;

    TcpTransport(int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
    }

    /** The bound port (useful after asking for port 0). */
    int port() {
        return server.getLocalPort();
    }

    @Override
    public Connection await() throws IOException {
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        s.setSoTimeout(READ_TIMEOUT_MILLIS);
        return new SocketConnection(s);
    }

    @Override
    public String hostEndpoint() {
        return "tcp:127.0.0.1:" + port();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private static final class SocketConnection implements Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        SocketConnection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        @Override
        public int read(byte[] buf) throws IOException {
            try {
                return in.read(buf);
            } catch (SocketTimeoutException e) {
                return 0;
            }
        }

        @Override
        public void write(byte[] buf, int offset, int length) throws IOException {
            out.write(buf, offset, length);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
