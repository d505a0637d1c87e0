package org.plmwatch.analyzer.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.core.link.DeviceClock;
import org.plmwatch.core.link.DeviceInfo;
import org.plmwatch.core.link.Frame;
import org.plmwatch.core.link.FrameDecoder;
import org.plmwatch.core.link.FrameEncoder;
import org.plmwatch.core.link.FrameFormat;
import org.plmwatch.core.link.GetBlocks;
import org.plmwatch.core.link.Hello;
import org.plmwatch.core.link.LinkStats;
import org.plmwatch.core.link.ListNights;
import org.plmwatch.core.link.Message;
import org.plmwatch.core.link.NightList;
import org.plmwatch.core.link.RejectReason;
import org.plmwatch.core.model.Leg;
import org.plmwatch.sim.link.LinkServerStats;
import org.plmwatch.sim.link.LinkServers;

/**
 * Garbage, oversize frames, replayed frames and wrong-direction frames sent to each side: each is
 * dropped with a counted reason, the side keeps working, no wait is unbounded, and the receive
 * memory stays the decoder's fixed buffer.
 */
class BadPeerTest {

    private static final LinkTimeouts FAST = new LinkTimeouts(200, 200, 200, 1000, 3);

    @TempDir
    Path tmp;

    /** 64 KiB of seeded noise with zeros in it, 20 KiB without any zero, as a broken peer sends them. */
    private static byte[] garbage(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] noise = new byte[64 * 1024 + 20 * 1024 + 1];
        for (int i = 0; i < 64 * 1024; i++) {
            noise[i] = (byte) (rng.nextInt(40) == 0 ? 0 : rng.nextInt(256));
        }
        Arrays.fill(noise, 64 * 1024, noise.length - 1, (byte) 0x55); // oversize: no delimiter for 20 KiB
        noise[noise.length - 1] = 0;
        return noise;
    }

    @Test
    void theDeviceDropsAndCountsBadFramesSurvivesItsHostVanishingAndServesTheNext() throws Exception {
        TestNights.write(tmp.resolve("nights"), 1, 31, 0.25);
        TestDevice device = new TestDevice("plmw-bad", tmp.resolve("nights"));
        try (LinkServers.Handle h = LinkServers.open("tcp:0", device)) {
            int port = Integer.parseInt(h.hostEndpoint().substring(h.hostEndpoint().lastIndexOf(':') + 1));
            assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
                try (RawPeer host = new RawPeer(new Socket(InetAddress.getLoopbackAddress(), port))) {
                    host.out.write(garbage(1));
                    host.send(1, new Hello("bad peer"));
                    byte[] list = host.encoder.encode(7, new ListNights(0));
                    host.out.write(list);
                    host.out.write(list); // the same frame again: a replay
                    host.send(8, new DeviceInfo("me", "1", "x", Set.of(Leg.LEFT), 0, 0, DeviceClock.unset(0)));
                    host.send(9, new ListNights(0));
                    assertInstanceOf(DeviceInfo.class, host.answer(1).message());
                    assertInstanceOf(NightList.class, host.answer(7).message());
                    assertInstanceOf(NightList.class, host.answer(9).message(), "still serving after the bad frames");
                    // the host asks for a night and vanishes mid-answer
                    host.send(10, new GetBlocks(1, 0, 512));
                    host.answer(10);
                }
                LinkServerStats stats = h.server().stats();
                LinkStats rx = stats.received();
                assertTrue(rx.rejected(RejectReason.OVERSIZE) >= 1, rx.toString());
                assertEquals(1, rx.rejected(RejectReason.REPLAY), rx.toString());
                assertTrue(rx.rejected(RejectReason.BAD_CRC) + rx.rejected(RejectReason.BAD_COBS)
                        + rx.rejected(RejectReason.TOO_SHORT) > 100, rx.toString());
                assertEquals(1, stats.unexpectedFrames(), "DEVICE_INFO sent to the device is dropped");
                assertEquals(FrameFormat.MAX_ENCODED_BYTES, h.server().receiveBufferBytes());

                try (RawPeer next = new RawPeer(new Socket(InetAddress.getLoopbackAddress(), port))) {
                    next.send(1, new Hello("next host"));
                    assertEquals("plmw-bad", ((DeviceInfo) next.answer(1).message()).deviceId());
                }
                assertTrue(h.server().stats().connections() >= 2);
            });
        }
    }

    @Test
    void theHostDropsAndCountsBadFramesAndNeverWaitsForever() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread device = new Thread(() -> fakeDevice(fake), "fake-device");
            device.setDaemon(true);
            device.start();
            assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
                try (LinkClient client = new LinkClient(TcpTransport.open("tcp:" + fake.getLocalPort()), FAST)) {
                    assertEquals("fake", client.hello().deviceId());
                    assertEquals(List.of(), client.listNights());
                    // the fake device now only repeats its old NIGHT_LIST frame and sends noise
                    long retriesBefore = client.stats().retries(); // HELLO may have needed one on a loaded machine
                    long t0 = System.nanoTime();
                    LinkException e = assertThrows(LinkTimeoutException.class, () -> client.setTime(1_000));
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    assertTrue(seconds < 3 * 0.2 + 0.5, "bounded by the attempts: " + seconds + " s, " + e.getMessage());
                    LinkStats rx = client.stats().received();
                    assertTrue(rx.rejected(RejectReason.OVERSIZE) >= 1, rx.toString());
                    assertTrue(rx.rejected(RejectReason.REPLAY) >= 1, rx.toString());
                    assertTrue(rx.rejected(RejectReason.BAD_CRC) + rx.rejected(RejectReason.BAD_COBS)
                            + rx.rejected(RejectReason.TOO_SHORT) > 100, rx.toString());
                    assertEquals(FrameFormat.MAX_ENCODED_BYTES, client.receiveBufferBytes());
                    assertEquals(2, client.stats().retries() - retriesBefore, "SET_TIME: 3 attempts");
                }
            });
        }
    }

    /** Answers HELLO after noise, LIST_NIGHTS twice (the copy is a replay), then only noise and replays. */
    private static void fakeDevice(ServerSocket server) {
        try (RawPeer host = new RawPeer(server.accept())) {
            byte[] oldList = null;
            for (int n = 0; n < 10; n++) {
                Frame req = host.nextRequest();
                if (req.message() instanceof Hello) {
                    host.out.write(garbage(2));
                    host.send(req.requestId(), new DeviceInfo("fake", "1", "synthetic", Set.of(Leg.LEFT), 0, 0,
                            DeviceClock.unset(5)));
                } else if (req.message() instanceof ListNights && oldList == null) {
                    oldList = host.encoder.encode(req.requestId(), new NightList(List.of(), false));
                    host.out.write(oldList);
                    host.out.write(oldList);
                } else {
                    host.out.write(garbage(3 + n));
                    host.out.write(oldList);
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    /** One end of a socket speaking frames with no protocol logic of its own. */
    private static final class RawPeer implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final FrameEncoder encoder = new FrameEncoder(100);
        final ArrayDeque<Frame> frames = new ArrayDeque<>();
        final FrameDecoder decoder = new FrameDecoder(frames::add);

        RawPeer(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(200);
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        void send(int requestId, Message m) throws IOException {
            encoder.write(requestId, m, out);
        }

        Frame answer(int requestId) throws IOException {
            while (true) {
                Frame f = next();
                if (f.requestId() == requestId) {
                    return f;
                }
            }
        }

        Frame nextRequest() throws IOException {
            return next();
        }

        private Frame next() throws IOException {
            byte[] buf = new byte[8192];
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (frames.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("no frame from the peer within 3 s");
                }
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (n < 0) {
                    throw new IOException("peer closed");
                }
                decoder.accept(buf, 0, n);
            }
            return frames.poll();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
