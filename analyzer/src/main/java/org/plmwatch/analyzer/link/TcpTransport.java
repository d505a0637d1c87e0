package org.plmwatch.analyzer.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** The simulator's TCP link ({@code plmwatch-device --link tcp:PORT}): {@code tcp:PORT} or {@code tcp:HOST:PORT}. */
public final class TcpTransport implements HostTransport {

    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    private final String name;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private TcpTransport(String name, Socket socket) throws IOException {
        this.name = name;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static TcpTransport open(String port) throws LinkException {
        String rest = port.substring("tcp:".length());
        int colon = rest.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : rest.substring(0, colon);
        int number;
        try {
            number = Integer.parseInt(colon < 0 ? rest : rest.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new LinkException("port " + port + ": expected tcp:PORT or tcp:HOST:PORT, e.g. tcp:5555");
        }
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, number), CONNECT_TIMEOUT_MILLIS);
            s.setTcpNoDelay(true);
            return new TcpTransport(port, s);
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing open
            }
            throw new LinkException("cannot connect to " + port + " (" + e.getMessage()
                    + "): is plmwatch-device running with --link tcp:" + number + "?", e);
        }
    }

    @Override
    public void write(byte[] buf, int offset, int length) throws IOException {
        out.write(buf, offset, length);
    }

    @Override
    public int read(byte[] buf, long timeoutMillis) throws IOException {
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMillis)));
        try {
            int n = in.read(buf);
            if (n < 0) {
                throw new LinkException("the device closed the connection on " + name);
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    @Override
    public String portName() {
        return name;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
