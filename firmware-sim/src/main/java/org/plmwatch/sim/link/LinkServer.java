package org.plmwatch.sim.link;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.plmwatch.core.link.Ack;
import org.plmwatch.core.link.Blocks;
import org.plmwatch.core.link.BlocksEnd;
import org.plmwatch.core.link.DeviceClock;
import org.plmwatch.core.link.DeviceInfo;
import org.plmwatch.core.link.EraseNight;
import org.plmwatch.core.link.ErrorCode;
import org.plmwatch.core.link.ErrorReply;
import org.plmwatch.core.link.Frame;
import org.plmwatch.core.link.FrameDecoder;
import org.plmwatch.core.link.FrameEncoder;
import org.plmwatch.core.link.FrameFormat;
import org.plmwatch.core.link.FrameListener;
import org.plmwatch.core.link.GetBlocks;
import org.plmwatch.core.link.ListNights;
import org.plmwatch.core.link.LiveStart;
import org.plmwatch.core.link.Message;
import org.plmwatch.core.link.NightEntry;
import org.plmwatch.core.link.NightList;
import org.plmwatch.core.link.RejectReason;
import org.plmwatch.core.link.SetTime;
import org.plmwatch.core.link.TimeSet;
import org.plmwatch.sim.device.DeviceHooks;

/**
 * The device end of the link protocol (docs/LINK.md) over any {@link ServerTransport}. One thread
 * waits for a host and then works for it: requests are answered one at a time in arrival order,
 * and live frames queued by the device loop are written between answers. A second thread reads the
 * port and decodes frames, so a new request can end a running BLOCKS answer (§2) and SET_TIME is
 * timed on arrival. A third checks that no write hangs for more than 2 s (host not reading): it
 * closes the connection, and the server waits for the next host.
 *
 * <p>What never happens: the device loop waiting for the link (live frames go through a bounded
 * queue and are dropped, counted, when it is full); memory growing with what the host sends (the
 * decoder has one fixed buffer, at most 16 requests wait); a malformed frame stopping the server
 * (dropped and counted, see {@link #stats()}); a night being erased without the host's matching
 * SHA-256, or while it is recording.
 */
public final class LinkServer implements Closeable {

    /** A write that takes longer ends the connection (§6: the host is not reading). */
    public static final int WRITE_TIMEOUT_MILLIS = 2000;
    static final int MAX_QUEUED_REQUESTS = 16;
    static final int MAX_QUEUED_LIVE_FRAMES = 64;
    private static final int POLL_MILLIS = 200;
    private static final int RETRY_OPEN_MILLIS = 500;

    private final ServerTransport transport;
    private final DeviceHooks hooks;
    private final NightStore store;
    private final Thread connectionThread;
    private final Thread watchdogThread;
    private final FrameEncoder encoder = new FrameEncoder(ThreadLocalRandom.current().nextInt());
    private final byte[] wire = new byte[FrameFormat.MAX_WIRE_BYTES];
    private final Object decoderLock = new Object();
    private final FrameDecoder decoder;
    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final AtomicInteger requestsQueued = new AtomicInteger();
    private final AtomicInteger liveQueued = new AtomicInteger();

    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong requestsServed = new AtomicLong();
    private final AtomicLong unexpectedFrames = new AtomicLong();
    private final AtomicLong requestsDropped = new AtomicLong();
    private final AtomicLong answersAbandoned = new AtomicLong();
    private final AtomicLong liveFramesSent = new AtomicLong();
    private final AtomicLong liveFramesDropped = new AtomicLong();
    private final AtomicLong writeTimeouts = new AtomicLong();
    /** Live frames dropped since the last live frame was sent: their sequence numbers are skipped. */
    private final AtomicInteger liveDropsToSignal = new AtomicInteger();
    private final byte[] scratch = new byte[FrameFormat.MAX_WIRE_BYTES];
    private static final Ack SEQUENCE_FILLER = new Ack();

    private volatile boolean closed;
    private volatile Connection current;
    private volatile long writeStartedNanos;

    // worker-thread state
    private LiveFeed live;
    private long liveLeaseEndNanos;
    private int lastEraseRequestId;
    private EraseNight lastErase;
    private Message lastEraseAnswer;

    private record Incoming(Frame frame, long arrivalMicros) {
    }

    private record LiveItem(int requestId, Message message) {
    }

    private static final Object END_OF_CONNECTION = new Object();

    public LinkServer(ServerTransport transport, DeviceHooks hooks) {
        this.transport = transport;
        this.hooks = hooks;
        this.store = new NightStore(hooks.nightsDir());
        this.decoder = new FrameDecoder(new FrameListener() {
            @Override
            public void onFrame(Frame frame) {
                received(frame);
            }

            @Override
            public void onRejected(RejectReason reason, long streamOffset, String detail) {
                // counted by the decoder; the device has no console to tell
            }
        });
        this.connectionThread = new Thread(this::serveHosts, "plmwatch-link");
        this.connectionThread.setDaemon(true);
        this.watchdogThread = new Thread(this::watchWrites, "plmwatch-link-watchdog");
        this.watchdogThread.setDaemon(true);
    }

    /** Starts serving on background threads; returns at once. */
    public LinkServer start() {
        connectionThread.start();
        watchdogThread.start();
        return this;
    }

    /** What a host connects to, for people. */
    public String hostEndpoint() {
        return transport.hostEndpoint();
    }

    public LinkServerStats stats() {
        synchronized (decoderLock) {
            return new LinkServerStats(decoder.stats(), connections.get(), requestsServed.get(),
                    unexpectedFrames.get(), requestsDropped.get(), answersAbandoned.get(), liveFramesSent.get(),
                    liveFramesDropped.get(), writeTimeouts.get());
        }
    }

    /** The fixed size of the receive buffer: the server's whole memory for what a host sends. */
    public int receiveBufferBytes() {
        return decoder.bufferCapacityBytes();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        try {
            transport.close();
        } finally {
            closeCurrent();
            connectionThread.interrupt();
            watchdogThread.interrupt();
            try {
                connectionThread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------ connections

    private void serveHosts() {
        while (!closed) {
            Connection c;
            try {
                c = transport.await();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                pause(RETRY_OPEN_MILLIS); // e.g. ttyGS0 not there while the USB cable is out
                continue;
            }
            current = c;
            connections.incrementAndGet();
            try {
                serve(c);
            } finally {
                closeCurrent();
                stopLive();
            }
        }
    }

    private void serve(Connection c) {
        inbox.clear();
        requestsQueued.set(0);
        liveQueued.set(0);
        synchronized (decoderLock) {
            decoder.resetSequence();
        }
        Thread reader = new Thread(() -> readLoop(c), "plmwatch-link-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            while (!closed) {
                Object item = inbox.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                checkLease();
                if (item == END_OF_CONNECTION) {
                    return;
                }
                if (item instanceof Incoming in) {
                    requestsQueued.decrementAndGet();
                    handle(c, in);
                    requestsServed.incrementAndGet();
                } else if (item instanceof LiveItem li) {
                    liveQueued.decrementAndGet();
                    if (live != null && live.requestId() == li.requestId()) {
                        sendLive(c, li);
                    }
                }
            }
        } catch (IOException e) {
            // the host went away or a write timed out: wait for the next one
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeCurrent();
            try {
                reader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void readLoop(Connection c) {
        byte[] buf = new byte[4096];
        try {
            while (!closed) {
                int n = c.read(buf);
                if (n < 0) {
                    break;
                }
                if (n > 0) {
                    synchronized (decoderLock) {
                        decoder.accept(buf, 0, n);
                    }
                }
            }
        } catch (IOException e) {
            // closed by us or by the host
        } finally {
            inbox.offer(END_OF_CONNECTION);
        }
    }

    /** On the reader thread: queue requests, drop anything else. */
    private void received(Frame frame) {
        if (!frame.type().isRequest()) {
            unexpectedFrames.incrementAndGet();
            return;
        }
        if (requestsQueued.incrementAndGet() > MAX_QUEUED_REQUESTS) {
            requestsQueued.decrementAndGet();
            requestsDropped.incrementAndGet();
            return;
        }
        inbox.offer(new Incoming(frame, hooks.monotonicMicros()));
    }

    private boolean offerLive(int requestId, Message message) {
        if (liveQueued.incrementAndGet() > MAX_QUEUED_LIVE_FRAMES) {
            liveQueued.decrementAndGet();
            liveFramesDropped.incrementAndGet();
            liveDropsToSignal.incrementAndGet();
            return false;
        }
        inbox.offer(new LiveItem(requestId, message));
        return true;
    }

    private void closeCurrent() {
        Connection c = current;
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    private void watchWrites() {
        while (!closed) {
            pause(250);
            long started = writeStartedNanos;
            if (started != 0 && System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(WRITE_TIMEOUT_MILLIS)) {
                writeTimeouts.incrementAndGet();
                writeStartedNanos = 0;
                closeCurrent();
            }
        }
    }

    private void send(Connection c, int requestId, Message m) throws IOException {
        int n = encoder.encode(requestId, m, wire, 0);
        writeStartedNanos = System.nanoTime();
        try {
            c.write(wire, 0, n);
        } finally {
            writeStartedNanos = 0;
        }
    }

    /**
     * Sends a live frame. Frames dropped before it consume their sequence numbers first (encoded
     * into a scratch buffer, never sent), so the host sees the loss as a sequence gap (§7).
     */
    private void sendLive(Connection c, LiveItem li) throws IOException {
        for (int d = liveDropsToSignal.getAndSet(0); d > 0; d--) {
            encoder.encode(0, SEQUENCE_FILLER, scratch, 0);
        }
        send(c, li.requestId(), li.message());
        liveFramesSent.incrementAndGet();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ requests

    private void handle(Connection c, Incoming in) throws IOException {
        int id = in.frame().requestId();
        Message reply;
        try {
            switch (in.frame().type()) {
                case HELLO -> reply = deviceInfo();
                case LIST_NIGHTS -> reply = nightList(((ListNights) in.frame().message()).fromNightId());
                case GET_BLOCKS -> {
                    sendBlocks(c, id, (GetBlocks) in.frame().message());
                    return;
                }
                case LIVE_START -> reply = liveStart(id, (LiveStart) in.frame().message());
                case LIVE_STOP -> {
                    stopLive();
                    reply = new Ack();
                }
                case SET_TIME -> {
                    long host = ((SetTime) in.frame().message()).hostEpochMillis();
                    hooks.wallClockSet(host, in.arrivalMicros());
                    reply = new TimeSet(host, Math.max(0, in.arrivalMicros()));
                }
                case ERASE_NIGHT -> reply = erase(id, (EraseNight) in.frame().message());
                default -> reply = new ErrorReply(ErrorCode.BAD_REQUEST, "not a request: " + in.frame().type());
            }
        } catch (IOException e) {
            reply = new ErrorReply(ErrorCode.STORAGE_FAILURE, "reading the card failed: " + e.getMessage());
        } catch (UnsupportedOperationException e) {
            reply = new ErrorReply(ErrorCode.UNSUPPORTED_REQUEST, String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            reply = new ErrorReply(ErrorCode.BUSY, "device error, retry: " + e);
        }
        send(c, id, reply);
    }

    private DeviceInfo deviceInfo() {
        long free = 0;
        long total = 0;
        try {
            FileStore fs = Files.getFileStore(hooks.nightsDir());
            total = fs.getTotalSpace();
            free = Math.min(fs.getUsableSpace(), total);
        } catch (IOException e) {
            // reported as 0 of 0: the host shows "unknown"
        }
        long now = Math.max(0, hooks.monotonicMicros());
        Optional<Long> zero = hooks.wallClockAtZeroMillis();
        DeviceClock clock = zero.isPresent() && zero.get() >= 0
                ? new DeviceClock(true, zero.get(), 0, now)
                : DeviceClock.unset(now);
        return new DeviceInfo(hooks.deviceId(), hooks.firmwareVersion(), hooks.sensor(),
                hooks.leg() == null ? Set.of() : Set.of(hooks.leg()), free, total, clock);
    }

    private NightList nightList(int fromNightId) throws IOException {
        Optional<Integer> recording = hooks.recordingNightId();
        List<NightEntry> entries = new ArrayList<>();
        boolean more = false;
        for (int id : store.nightIds()) {
            if (id < fromNightId) {
                continue;
            }
            if (entries.size() == NightList.MAX_ENTRIES) {
                more = true;
                break;
            }
            store.entry(id, recording.isPresent() && recording.get() == id).ifPresent(entries::add);
        }
        return new NightList(entries, more);
    }

    private void sendBlocks(Connection c, int requestId, GetBlocks get) throws IOException {
        Optional<NightStore.Snapshot> snap = store.snapshot(get.nightId());
        if (snap.isEmpty()) {
            send(c, requestId, new ErrorReply(ErrorCode.UNKNOWN_NIGHT, "no night " + get.nightId()
                    + " on this device: ask LIST_NIGHTS for the nights there are"));
            return;
        }
        NightStore.Snapshot s = snap.get();
        int count = s.blocks().size();
        if (get.fromBlockIndex() > count) {
            send(c, requestId, new ErrorReply(ErrorCode.BLOCK_OUT_OF_RANGE, "night " + get.nightId() + " has "
                    + count + " blocks, asked from block " + get.fromBlockIndex()));
            return;
        }
        int end = (int) Math.min(count, (long) get.fromBlockIndex() + get.maxBlocks());
        int next = get.fromBlockIndex();
        List<byte[]> batch = new ArrayList<>();
        while (next < end) {
            if (requestsQueued.get() > 0) {
                answersAbandoned.incrementAndGet(); // §2: the host has moved on
                return;
            }
            batch.clear();
            int body = Blocks.PREAMBLE_BYTES;
            int first = next;
            while (next < end) {
                int len = s.blocks().get(next).lengthBytes();
                if (body + Blocks.PER_BLOCK_BYTES + len > FrameFormat.MAX_BODY_BYTES && !batch.isEmpty()) {
                    break;
                }
                batch.add(s.block(next));
                body += Blocks.PER_BLOCK_BYTES + len;
                next++;
            }
            send(c, requestId, new Blocks(get.nightId(), first, batch));
            drainLive(c);
        }
        send(c, requestId, new BlocksEnd(get.nightId(), next, next == count));
    }

    /** Live frames waiting while a long answer runs go out between its frames. */
    private void drainLive(Connection c) throws IOException {
        if (live == null || liveQueued.get() == 0) {
            return;
        }
        List<Object> keep = new ArrayList<>();
        Object o;
        while ((o = inbox.poll()) != null) {
            if (o instanceof LiveItem li) {
                liveQueued.decrementAndGet();
                if (live != null && live.requestId() == li.requestId()) {
                    sendLive(c, li);
                }
            } else {
                keep.add(o);
            }
        }
        // requests and the end marker stay in order for the main loop
        for (Object k : keep) {
            inbox.offer(k);
        }
    }

    private Message liveStart(int requestId, LiveStart start) {
        if (hooks.leg() == null) {
            return new ErrorReply(ErrorCode.UNSUPPORTED_REQUEST, "live streaming needs the device's leg: "
                    + "start plmwatch-device with --leg left|right");
        }
        if (live == null || live.requestId() != requestId || live.withSamples() != start.withSamples()) {
            live = new LiveFeed(requestId, start.withSamples(), hooks.leg(), this::offerLive);
            hooks.liveTap(live);
        }
        liveLeaseEndNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LiveStart.LEASE_MILLIS);
        return new Ack();
    }

    private void checkLease() {
        if (live != null && System.nanoTime() - liveLeaseEndNanos > 0) {
            stopLive();
        }
    }

    private void stopLive() {
        if (live != null) {
            live = null;
            try {
                hooks.liveTap(null);
            } catch (RuntimeException e) {
                // the device loop could not stop the tap; its frames are ignored from now on anyway
            }
        }
    }

    private Message erase(int requestId, EraseNight erase) throws IOException {
        if (lastErase != null && requestId == lastEraseRequestId && lastErase.equals(erase)) {
            return lastEraseAnswer; // §2: a retry; do not act twice
        }
        Message answer = eraseOnce(erase);
        lastEraseRequestId = requestId;
        lastErase = erase;
        lastEraseAnswer = answer;
        return answer;
    }

    private Message eraseOnce(EraseNight erase) throws IOException {
        int id = erase.nightId();
        Optional<Integer> recording = hooks.recordingNightId();
        if (recording.isPresent() && recording.get() == id) {
            return new ErrorReply(ErrorCode.ERASE_REFUSED_RECORDING, "night " + id
                    + " is still recording: stop the recording before erasing it");
        }
        Optional<NightStore.Snapshot> snap = store.snapshot(id);
        if (snap.isEmpty()) {
            return new ErrorReply(ErrorCode.UNKNOWN_NIGHT, "no night " + id + " on this device");
        }
        if (!Arrays.equals(snap.get().sha256(), erase.verifiedSha256())) {
            return new ErrorReply(ErrorCode.ERASE_REFUSED_CHECKSUM_MISMATCH, "night " + id
                    + ": the host's SHA-256 differs from the device's; download it again, nothing was erased");
        }
        store.erase(id);
        return new Ack();
    }
}
