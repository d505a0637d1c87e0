package org.plmwatch.analyzer.link;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;

import org.plmwatch.core.link.Ack;
import org.plmwatch.core.link.DeviceClock;
import org.plmwatch.core.link.DeviceInfo;
import org.plmwatch.core.link.Frame;
import org.plmwatch.core.link.FrameDecoder;
import org.plmwatch.core.link.FrameEncoder;
import org.plmwatch.core.link.Hello;
import org.plmwatch.core.link.Message;
import org.plmwatch.core.link.NightEntry;
import org.plmwatch.core.link.SetTime;
import org.plmwatch.core.link.TimeSet;
import org.plmwatch.core.model.Leg;

/**
 * A device that speaks the real link protocol (core's FrameEncoder / FrameDecoder and message
 * records) on one end of a socat pty pair, but answers as its {@link Script} says: the hostile
 * devices of the link tests. It opens the pty as the device program opens /dev/ttyGS0 (two
 * FileChannels, so a blocked read never holds up a write). {@link #close()} ends every thread it
 * started, including a script that floods the host for ever.
 */
public final class HostileDevice implements AutoCloseable {

    /** How the device answers one request; may send any frames, for as long as it likes. */
    @FunctionalInterface
    public interface Script {
        void answer(Frame request, HostileDevice device) throws IOException;
    }

    private final FileChannel in;
    private final FileChannel out;
    private final OutputStream outStream;
    private final FrameEncoder encoder = new FrameEncoder(1000);
    private final Thread reader;
    private volatile boolean closed;
    private volatile long framesSent;

    private HostileDevice(Path pty, Script script) throws IOException {
        this.in = FileChannel.open(pty, StandardOpenOption.READ);
        this.out = FileChannel.open(pty, StandardOpenOption.WRITE);
        this.outStream = Channels.newOutputStream(out);
        this.reader = new Thread(() -> serve(script), "hostile-device");
        reader.setDaemon(true);
    }

    /** Opens {@code pty} and answers every request with {@code script}, on its own thread. */
    public static HostileDevice start(Path pty, Script script) throws IOException {
        HostileDevice d = new HostileDevice(pty, script);
        d.reader.start();
        return d;
    }

    /** Requests are answered one at a time, in order, on this thread: a flooding script never returns. */
    private void serve(Script script) {
        ArrayDeque<Frame> requests = new ArrayDeque<>();
        FrameDecoder decoder = new FrameDecoder(requests::add);
        ByteBuffer buf = ByteBuffer.allocate(8192);
        try {
            while (!closed) {
                buf.clear();
                int n = in.read(buf);
                if (n < 0) {
                    return;
                }
                decoder.accept(buf.array(), 0, n);
                Frame f;
                while ((f = requests.poll()) != null) {
                    script.answer(f, this);
                }
            }
        } catch (IOException e) {
            // closed by the test, or the host went away
        }
    }

    public synchronized void send(int requestId, Message m) throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        encoder.write(requestId, m, outStream);
        framesSent++;
    }

    /** Sends {@code m} with {@code requestId} until the device is closed: a device that never stops talking. */
    public void floodForever(int requestId, Message m) throws IOException {
        while (!closed) {
            send(requestId, m);
        }
        throw new IOException("closed");
    }

    public long framesSent() {
        return framesSent;
    }

    /** The usual answers to HELLO and SET_TIME; true when {@code request} was one of them. */
    public boolean answerSession(Frame request, String deviceId) throws IOException {
        if (request.message() instanceof Hello) {
            send(request.requestId(), info(deviceId));
            return true;
        }
        if (request.message() instanceof SetTime t) {
            send(request.requestId(), new TimeSet(t.hostEpochMillis(), 1_000_000));
            return true;
        }
        return false;
    }

    public static DeviceInfo info(String deviceId) {
        return new DeviceInfo(deviceId, "6.6.6-hostile", "synthetic", Set.of(Leg.LEFT), 1L << 30, 1L << 32,
                DeviceClock.unset(1_000_000));
    }

    /** A finished night announced exactly as the link server would announce these blocks. */
    public static NightEntry entry(int nightId, List<byte[]> blocks) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size = 0;
            for (byte[] b : blocks) {
                sha.update(b);
                size += b.length;
            }
            return new NightEntry(nightId, 1_768_512_600_000L, size, blocks.size(), false, sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Ack ack() {
        return new Ack();
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        try {
            in.close();   // FileChannels are interruptible: a blocked read or write ends with an exception
        } catch (IOException e) {
            // closing anyway
        }
        try {
            out.close();
        } catch (IOException e) {
            // closing anyway
        }
        reader.join(5000);
    }
}
