package org.plmwatch.sim.link;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A serial device or pty opened as a file: {@code /dev/ttyGS0} on the Pi (put in raw mode by the
 * udev rule), or one end of a socat pty pair (raw already). Reading and writing use two separate
 * {@link FileChannel}s because a FileChannel serialises read and write on one lock: a read blocked
 * while the host is silent would otherwise stop every answer. FileChannel is interruptible, so
 * {@link Connection#close()} from another thread unblocks a pending read or write.
 */
final class FileTransport implements ServerTransport {

    private final Path path;
    private final String hostEndpoint;
    private volatile boolean closed;

    FileTransport(Path path, String hostEndpoint) {
        this.path = path;
        this.hostEndpoint = hostEndpoint;
    }

    @Override
    public Connection await() throws IOException {
        if (closed) {
            throw new IOException("link on " + path + " is closed");
        }
        FileChannel in = FileChannel.open(path, StandardOpenOption.READ);
        try {
            FileChannel out = FileChannel.open(path, StandardOpenOption.WRITE);
            return new FileConnection(in, out);
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    @Override
    public String hostEndpoint() {
        return hostEndpoint;
    }

    @Override
    public void close() {
        closed = true;
    }

    private static final class FileConnection implements Connection {
        private final FileChannel in;
        private final FileChannel out;

        FileConnection(FileChannel in, FileChannel out) {
            this.in = in;
            this.out = out;
        }

        @Override
        public int read(byte[] buf) throws IOException {
            return in.read(ByteBuffer.wrap(buf));
        }

        @Override
        public void write(byte[] buf, int offset, int length) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(buf, offset, length);
            while (b.hasRemaining()) {
                out.write(b);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                in.close();
            } finally {
                out.close();
            }
        }
    }
}
