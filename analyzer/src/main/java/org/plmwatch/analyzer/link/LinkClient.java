package org.plmwatch.analyzer.link;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.plmwatch.core.link.Ack;
import org.plmwatch.core.link.BlockTransfer;
import org.plmwatch.core.link.Blocks;
import org.plmwatch.core.link.BlocksEnd;
import org.plmwatch.core.link.DeviceInfo;
import org.plmwatch.core.link.EraseNight;
import org.plmwatch.core.link.ErrorReply;
import org.plmwatch.core.link.Frame;
import org.plmwatch.core.link.FrameDecoder;
import org.plmwatch.core.link.FrameEncoder;
import org.plmwatch.core.link.Hello;
import org.plmwatch.core.link.ListNights;
import org.plmwatch.core.link.LiveStart;
import org.plmwatch.core.link.LiveStop;
import org.plmwatch.core.link.Message;
import org.plmwatch.core.link.NightEntry;
import org.plmwatch.core.link.NightList;
import org.plmwatch.core.link.SetTime;
import org.plmwatch.core.link.TimeSet;

/**
 * The host end of the link protocol (docs/LINK.md): requests with request-id matching, the
 * timeouts and retries of §6, and the GET_BLOCKS loop over core's {@link BlockTransfer}. One
 * thread; every wait has a deadline. A retry re-sends with the same request id and forgets the
 * device's sequence numbers first, so a device that restarted (new numbers, maybe lower) is heard
 * again at its next frame.
 */
public final class LinkClient implements Closeable {

    public static final String HOST_SOFTWARE = "plmwatch-analyzer " + version();
    /**
     * Blocks per GET_BLOCKS. Blocks are mostly ~100 bytes (a second of samples at rest), so 4096
     * blocks are ~0.4 MB (at most 16 MB): few round trips per night. A lost frame costs nothing
     * extra whatever the size, because the host re-asks from the first missing block at once.
     */
    public static final int DEFAULT_MAX_BLOCKS = 4096;
    /** GET_BLOCKS sent at once (gaps, damaged blocks) without a new block stored, before giving up. */
    private static final int MAX_RE_REQUESTS_WITHOUT_PROGRESS = 50;
    /**
     * Nights a device may list. A night is a few MB and the device erases what was downloaded, so a
     * card holds tens; 4096 nights are 11 years of nightly recordings. More is a device that says
     * "more" forever.
     */
    public static final int MAX_NIGHTS = 4096;

    /** An outer limit on every wait of the client, on top of the per-request timeouts (LINK.md §6). */
    public interface Watchdog {
        /** The {@link System#nanoTime()} after which no wait may go on. */
        long deadlineNanos();

        /** What ran out, for people. */
        String expired();
    }

    private final HostTransport transport;
    private final LinkTimeouts timeouts;
    private final FrameEncoder encoder = new FrameEncoder(ThreadLocalRandom.current().nextInt());
    private final FrameDecoder decoder;
    private final ArrayDeque<Frame> inbox = new ArrayDeque<>();
    /** Writes frames (see {@link #send}); a daemon, so a write blocked for ever never keeps the JVM alive. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "plmwatch-link-writer");
        t.setDaemon(true);
        return t;
    });
    private final byte[] readBuffer = new byte[8192];
    private int nextRequestId = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE / 2);
    private int liveRequestId = -1;
    private Watchdog watchdog;

    private long requestsSent;
    private long retries;
    private long reRequests;
    private long framesIgnored;
    private long damagedBlocks;

    public LinkClient(HostTransport transport, LinkTimeouts timeouts) {
        this.transport = transport;
        this.timeouts = timeouts;
        this.decoder = new FrameDecoder(inbox::add);
    }

    public String portName() {
        return transport.portName();
    }

    public LinkTimeouts timeouts() {
        return timeouts;
    }

    /**
     * Bounds every wait from now on by {@code w} (null: only the per-request timeouts). A wait past
     * its deadline ends with {@link WatchdogException}, however many frames keep arriving.
     */
    public void watch(Watchdog w) {
        this.watchdog = w;
    }

    public ClientStats stats() {
        return new ClientStats(decoder.stats(), requestsSent, retries, reRequests, framesIgnored, damagedBlocks);
    }

    /** The decoder's fixed buffer: the client's whole memory for what a device sends. */
    public int receiveBufferBytes() {
        return decoder.bufferCapacityBytes();
    }

    // ------------------------------------------------------------------ requests

    /** HELLO → DEVICE_INFO; "no plmwatch device answers on PORT" after the attempts. */
    public DeviceInfo hello() throws LinkException {
        try {
            return (DeviceInfo) request(new Hello(HOST_SOFTWARE), DeviceInfo.class, timeouts.helloMillis());
        } catch (LinkTimeoutException e) {
            throw new LinkTimeoutException("no plmwatch device answers on " + transport.portName()
                    + " (is it plugged in and switched on? the simulator: plmwatch-device --link ...)");
        }
    }

    public TimeSet setTime(long hostEpochMillis) throws LinkException {
        return (TimeSet) request(new SetTime(hostEpochMillis), TimeSet.class, timeouts.requestMillis());
    }

    /**
     * Every night on the device, paging through NIGHT_LIST. The paging as a whole is bounded
     * ({@link LinkTimeouts#listMillis()}, {@link #MAX_NIGHTS}) and every page must move forward:
     * ids from the one asked for on, strictly increasing.
     */
    public List<NightEntry> listNights() throws LinkException {
        long deadline = System.nanoTime() + timeouts.listMillis() * 1_000_000L;
        Watchdog outer = watchdog;
        Watchdog listing = new Watchdog() {
            @Override
            public long deadlineNanos() {
                return outer == null || deadline - outer.deadlineNanos() < 0 ? deadline : outer.deadlineNanos();
            }

            @Override
            public String expired() {
                return outer != null && outer.deadlineNanos() - deadline <= 0 ? outer.expired()
                        : "the device on " + transport.portName() + " was still listing nights after "
                        + timeouts.listMillis() / 1000.0 + " s: it does not behave like a plmwatch device";
            }
        };
        watchdog = listing;
        try {
            List<NightEntry> all = new ArrayList<>();
            int from = 0;
            while (true) {
                NightList list = (NightList) request(new ListNights(from), NightList.class, timeouts.requestMillis());
                for (NightEntry e : list.entries()) {
                    if (e.nightId() < from) {
                        throw new DeviceMisbehavesException("the device listed night " + e.nightId()
                                + " when asked for nights from " + from + ": its night list does not advance");
                    }
                    from = e.nightId() + 1;
                }
                all.addAll(list.entries());
                if (all.size() > MAX_NIGHTS) {
                    throw new DeviceMisbehavesException("the device lists more than " + MAX_NIGHTS
                            + " nights: no plmwatch device holds that many; not downloading from it");
                }
                if (!list.more() || list.entries().isEmpty()) {
                    return all;
                }
                if (from < 0) {
                    throw new DeviceMisbehavesException("the device says more nights follow night "
                            + Integer.MAX_VALUE + ", the largest id there can be");
                }
            }
        } finally {
            watchdog = outer;
        }
    }

    /** ERASE_NIGHT; returns when the device acknowledged, throws {@link DeviceErrorException} when it refused. */
    public void eraseNight(int nightId, byte[] verifiedSha256) throws LinkException {
        request(new EraseNight(nightId, verifiedSha256), Ack.class, timeouts.eraseMillis());
    }

    /**
     * Downloads blocks until the device says the night ends (BLOCKS_END with endOfNight), passing
     * each new block once, in order, to {@code sink} (§6). A sink may throw
     * {@link DamagedBlockException}: the block is asked for again.
     *
     * @throws LinkTimeoutException after {@code attempts} timeouts in a row without a new block;
     *                              {@code transfer.nextBlockIndex()} is where to resume
     */
    public void fetchBlocks(BlockTransfer transfer, int maxBlocks, BlockTransfer.BlockSink sink) throws LinkException {
        int id = newRequestId();
        send(id, transfer.request(maxBlocks));
        int timeoutsInARow = 0;
        int reRequestsWithoutProgress = 0;
        int requestedFrom = transfer.nextBlockIndex();
        while (true) {
            Frame f = awaitFrame(id, timeouts.blockFrameMillis());
            if (f == null) {
                if (++timeoutsInARow >= timeouts.attempts()) {
                    throw new LinkTimeoutException("night " + transfer.nightId() + ": no answer from "
                            + transport.portName() + " after " + timeoutsInARow + " attempts; stopped at block "
                            + transfer.nextBlockIndex() + " (run the download again to resume there)");
                }
                retries++;
                decoder.resetSequence();
                requestedFrom = transfer.nextBlockIndex();
                send(id, transfer.request(maxBlocks));
                continue;
            }
            BlockTransfer.Step step;
            try {
                if (f.message() instanceof Blocks b) {
                    step = transfer.onBlocks(b, sink);
                } else if (f.message() instanceof BlocksEnd e) {
                    step = transfer.onEnd(e);
                } else if (f.message() instanceof ErrorReply err) {
                    throw new DeviceErrorException(err.code(), err.text());
                } else {
                    framesIgnored++;
                    step = BlockTransfer.Step.IGNORED;
                }
            } catch (DamagedBlockException e) {
                damagedBlocks++;
                step = BlockTransfer.Step.GAP;
            }
            if (transfer.nextBlockIndex() > requestedFrom) {
                timeoutsInARow = 0;
                reRequestsWithoutProgress = 0;
            }
            switch (step) {
                case COMPLETE -> {
                    return;
                }
                case GAP, MORE -> {
                    // a BLOCKS_END that says "more" without a block since the request is no answer either
                    if (transfer.nextBlockIndex() == requestedFrom
                            && ++reRequestsWithoutProgress > MAX_RE_REQUESTS_WITHOUT_PROGRESS) {
                        throw new LinkTimeoutException("night " + transfer.nightId() + ": block "
                                + transfer.nextBlockIndex() + " did not arrive intact after "
                                + MAX_RE_REQUESTS_WITHOUT_PROGRESS + " requests");
                    }
                    requestedFrom = transfer.nextBlockIndex();
                    if (step == BlockTransfer.Step.GAP) {
                        reRequests++;
                    }
                    // a new id: frames still on their way from the abandoned answer are ignored
                    id = newRequestId();
                    send(id, transfer.request(maxBlocks));
                }
                default -> {
                    // STORED or IGNORED: keep reading this answer
                }
            }
        }
    }

    /** LIVE_START, waiting for its ACK; returns the request id the live frames carry. */
    public int liveStart(boolean withSamples) throws LinkException {
        int id = newRequestId();
        liveRequestId = id;
        requestWithId(id, new LiveStart(withSamples), Ack.class, timeouts.requestMillis());
        return id;
    }

    /**
     * The live keep-alive: LIVE_START again with the same id, without waiting for its ACK, which
     * arrives among the live frames ({@link #nextLiveFrame} skips it). Waiting for it here would drop
     * the live frames that arrive meanwhile; a device that stops answering is caught by the live
     * silence bound instead.
     */
    public void liveKeepAlive(boolean withSamples) throws LinkException {
        send(liveRequestId, new LiveStart(withSamples));
    }

    public void liveStop() throws LinkException {
        liveRequestId = -1;
        request(new LiveStop(), Ack.class, timeouts.requestMillis());
    }

    /** The next live frame (LIVE_SAMPLES, LIVE_MOVEMENT) within {@code timeoutMillis}; other frames are skipped. */
    public Optional<Frame> nextLiveFrame(long timeoutMillis) throws LinkException {
        Frame f = awaitFrame(liveRequestId, timeoutMillis);
        return Optional.ofNullable(f);
    }

    // ------------------------------------------------------------------ plumbing

    private Message request(Message m, Class<? extends Message> expected, long timeoutMillis) throws LinkException {
        return requestWithId(newRequestId(), m, expected, timeoutMillis);
    }

    private Message requestWithId(int id, Message m, Class<? extends Message> expected, long timeoutMillis)
            throws LinkException {
        for (int attempt = 0; attempt < timeouts.attempts(); attempt++) {
            if (attempt > 0) {
                retries++;
                decoder.resetSequence();
            }
            send(id, m);
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    break;
                }
                Frame f = awaitFrame(id, left);
                if (f == null) {
                    break;
                }
                if (f.message() instanceof ErrorReply err) {
                    throw new DeviceErrorException(err.code(), err.text());
                }
                if (expected.isInstance(f.message())) {
                    return f.message();
                }
                framesIgnored++;
            }
        }
        throw new LinkTimeoutException("no answer to " + m.type() + " from " + transport.portName() + " after "
                + timeouts.attempts() + " attempts of " + timeoutMillis + " ms");
    }

    /**
     * The next frame with {@code requestId}, or null after {@code timeoutMillis} without one.
     *
     * @throws WatchdogException when the watchdog's deadline has passed, even while frames arrive
     */
    private Frame awaitFrame(int requestId, long timeoutMillis) throws LinkException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            Watchdog w = watchdog;
            long now = System.nanoTime();
            if (w != null && now - w.deadlineNanos() >= 0) {
                throw new WatchdogException(w.expired());
            }
            Frame f;
            while ((f = inbox.poll()) != null) {
                if (f.requestId() == requestId) {
                    return f;
                }
                framesIgnored++;
            }
            long until = w != null && w.deadlineNanos() - deadline < 0 ? w.deadlineNanos() : deadline;
            long left = (until - now) / 1_000_000L;
            if (left <= 0) {
                if (w != null && until != deadline) {
                    continue; // the watchdog's deadline: thrown above
                }
                return null;
            }
            int n;
            try {
                n = transport.read(readBuffer, left);
            } catch (LinkException e) {
                throw e;
            } catch (IOException e) {
                throw new LinkException("reading " + transport.portName() + " failed: " + e.getMessage(), e);
            }
            if (n > 0) {
                decoder.accept(readBuffer, 0, n);
            }
        }
    }

    /**
     * Writes one frame, waiting at most {@link LinkTimeouts#requestMillis()}. A serial or pty write
     * blocks once the kernel's buffers (~32 KB on a pty) are full, that is when the device stopped
     * reading; closing the port does not wake a blocked write. So the write runs on the writer thread
     * and the client gives up on it: a device that answers without reading cannot hold the host.
     */
    private void send(int requestId, Message m) throws LinkException {
        byte[] frame = encoder.encode(requestId, m);
        Future<?> done = writer.submit(() -> {
            transport.write(frame, 0, frame.length);
            return null;
        });
        try {
            done.get(timeouts.requestMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LinkException("the device on " + transport.portName() + " stopped reading: a write of "
                    + frame.length + " bytes did not complete in " + timeouts.requestMillis() / 1000.0 + " s");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof LinkException le) {
                throw le;
            }
            throw new LinkException("writing to " + transport.portName() + " failed: " + c.getMessage(), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkException("interrupted while writing to " + transport.portName(), e);
        }
        requestsSent++;
    }

    private int newRequestId() {
        int id = nextRequestId++;
        if (nextRequestId <= 0) {
            nextRequestId = 1;
        }
        return id;
    }

    private static String version() {
        String v = LinkClient.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public void close() throws IOException {
        writer.shutdownNow();
        transport.close();
    }
}
