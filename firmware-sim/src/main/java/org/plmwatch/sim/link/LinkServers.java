package org.plmwatch.sim.link;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.plmwatch.sim.device.DeviceHooks;

/**
 * Starts the link server for a {@code --link} option of {@code plmwatch-device}:
 * <ul>
 * <li>{@code PATH}: a serial device or pty opened as a file ({@code /dev/ttyGS0} on the Pi, raw by
 * the udev rule);</li>
 * <li>{@code pty}: starts {@code socat -d -d pty,raw,echo=0 pty,raw,echo=0}, serves the first end
 * and tells the host the second;</li>
 * <li>{@code tcp:PORT}: a TCP port on 127.0.0.1 (0 picks a free one).</li>
 * </ul>
 */
public final class LinkServers {

    private LinkServers() {
    }

    /** A running link: stop it with {@link #close()}. */
    public static final class Handle implements Closeable {
        private final LinkServer server;
        private final SocatPty socat;

        Handle(LinkServer server, SocatPty socat) {
            this.server = server;
            this.socat = socat;
        }

        /** What the host connects to: a pty or serial path, or {@code tcp:127.0.0.1:PORT}. */
        public String hostEndpoint() {
            return server.hostEndpoint();
        }

        public LinkServer server() {
            return server;
        }

        @Override
        public void close() throws IOException {
            try {
                server.close();
            } finally {
                if (socat != null) {
                    socat.close();
                }
            }
        }
    }

    /**
     * Parses {@code linkSpec}, opens the transport and starts serving {@code hooks} on background
     * threads. Prints one line to stdout saying where the host connects.
     *
     * @throws IllegalArgumentException for a spec that is none of the three forms, or a path that
     *                                  does not exist
     * @throws IOException              when the port or socat cannot be opened
     */
    public static Handle start(String linkSpec, DeviceHooks hooks) throws IOException {
        Handle h = open(linkSpec, hooks);
        System.out.println("link: host connects to " + h.hostEndpoint()
                + (h.hostEndpoint().startsWith("tcp:") ? "" : " (plmwatch download --port " + h.hostEndpoint() + ")"));
        System.out.flush();
        return h;
    }

    /** As {@link #start}, without printing. */
    public static Handle open(String linkSpec, DeviceHooks hooks) throws IOException {
        if (linkSpec.equals("pty")) {
            SocatPty socat = SocatPty.start();
            try {
                FileTransport t = new FileTransport(socat.first(), socat.second().toString());
                return new Handle(new LinkServer(t, hooks).start(), socat);
            } catch (RuntimeException e) {
                socat.close();
                throw e;
            }
        }
        if (linkSpec.startsWith("tcp:")) {
            int port;
            try {
                port = Integer.parseInt(linkSpec.substring(4));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--link " + linkSpec + ": the port must be 0..65535, e.g. tcp:5555");
            }
            return new Handle(new LinkServer(new TcpTransport(port), hooks).start(), null);
        }
        Path path = Path.of(linkSpec);
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("--link " + linkSpec + ": no such device. On the Pi the USB serial "
                    + "gadget is /dev/ttyGS0 (needs dtoverlay=dwc2 and modules-load=dwc2,g_serial); on a PC use "
                    + "--link pty or --link tcp:PORT");
        }
        return new Handle(new LinkServer(new FileTransport(path, path.toString()), hooks).start(), null);
    }
}
