package org.plmwatch.analyzer.link;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A bad cable between two socat pty pairs: copies bytes from the device's pty to the host's and
 * back, and on the way (seeded) drops chunks, drops single bytes, flips bits, repeats chunks,
 * delays (at most 20 ms) and cuts the link for a while, after which it closes and re-opens its ends
 * of both ptys. A callback sees the device-to-host byte count, so a test can restart the device
 * mid-transfer.
 */
final class FaultyRelay implements Closeable {

    /** Per-chunk probabilities. */
    record Faults(double dropChunk, double dropByte, double flipBit, double repeatChunk, double delay) {
    }

    final AtomicLong chunksDropped = new AtomicLong();
    final AtomicLong bytesDropped = new AtomicLong();
    final AtomicLong bitsFlipped = new AtomicLong();
    final AtomicLong chunksRepeated = new AtomicLong();
    final AtomicLong delays = new AtomicLong();
    final AtomicLong cuts = new AtomicLong();

    private final Pump toHost;
    private final Pump toDevice;
    private volatile boolean closed;
    private volatile long cutUntilNanos;

    /**
     * @param deviceSide the pty end joined to the device's
     * @param hostSide   the pty end joined to the host's
     * @param cutAtByte  device-to-host byte count at which the link is cut for {@code cutMillis}
     *                   (negative: never)
     * @param onBytes    called with the device-to-host byte count after each chunk
     */
    FaultyRelay(Path deviceSide, Path hostSide, long seed, Faults faults, long cutAtByte, long cutMillis,
            LongConsumer onBytes) throws IOException {
        toHost = new Pump(deviceSide, hostSide, new SplittableRandom(seed), faults, cutAtByte, cutMillis, onBytes);
        toDevice = new Pump(hostSide, deviceSide, new SplittableRandom(seed * 31 + 7), faults, -1, 0, n -> { });
        toHost.start();
        toDevice.start();
    }

    @Override
    public void close() {
        closed = true;
        toHost.shut();
        toDevice.shut();
    }

    private final class Pump extends Thread {
        private final Path from;
        private final Path to;
        private final SplittableRandom rng;
        private final Faults faults;
        private final long cutAtByte;
        private final long cutMillis;
        private final LongConsumer onBytes;
        private volatile FileChannel in;
        private volatile FileChannel out;
        private long forwarded;
        private boolean cutDone;

        Pump(Path from, Path to, SplittableRandom rng, Faults faults, long cutAtByte, long cutMillis,
                LongConsumer onBytes) throws IOException {
            super("faulty-relay");
            setDaemon(true);
            this.from = from;
            this.to = to;
            this.rng = rng;
            this.faults = faults;
            this.cutAtByte = cutAtByte;
            this.cutMillis = cutMillis;
            this.onBytes = onBytes;
            open();
        }

        private void open() throws IOException {
            in = FileChannel.open(from, StandardOpenOption.READ);
            out = FileChannel.open(to, StandardOpenOption.WRITE);
        }

        void shut() {
            try {
                in.close();
                out.close();
            } catch (IOException e) {
                // closing
            }
        }

        @Override
        public void run() {
            byte[] buf = new byte[512];
            boolean wasCut = false;
            try {
                while (!closed) {
                    int n = in.read(ByteBuffer.wrap(buf, 0, 1 + rng.nextInt(buf.length)));
                    if (n <= 0) {
                        continue;
                    }
                    if (System.nanoTime() < cutUntilNanos) {
                        wasCut = true;
                        continue; // the cable is out
                    }
                    if (wasCut) {
                        wasCut = false;
                        shut(); // the cable is back in: both ends are opened afresh
                        open();
                    }
                    forward(buf, n);
                    if (!cutDone && cutAtByte >= 0 && forwarded >= cutAtByte) {
                        cutDone = true;
                        cuts.incrementAndGet();
                        cutUntilNanos = System.nanoTime() + cutMillis * 1_000_000L;
                    }
                    onBytes.accept(forwarded);
                }
            } catch (IOException e) {
                // closed
            }
        }

        private void forward(byte[] buf, int n) throws IOException {
            if (rng.nextDouble() < faults.dropChunk()) {
                chunksDropped.incrementAndGet();
                return;
            }
            if (rng.nextDouble() < faults.dropByte() && n > 1) {
                int at = rng.nextInt(n);
                System.arraycopy(buf, at + 1, buf, at, n - at - 1);
                n--;
                bytesDropped.incrementAndGet();
            }
            if (rng.nextDouble() < faults.flipBit()) {
                buf[rng.nextInt(n)] ^= (byte) (1 << rng.nextInt(8));
                bitsFlipped.incrementAndGet();
            }
            if (rng.nextDouble() < faults.delay()) {
                delays.incrementAndGet();
                try {
                    Thread.sleep(1 + rng.nextInt(20));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            write(buf, n);
            if (rng.nextDouble() < faults.repeatChunk()) {
                chunksRepeated.incrementAndGet();
                write(buf, n);
            }
            forwarded += n;
        }

        private void write(byte[] buf, int n) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
            while (b.hasRemaining()) {
                out.write(b);
            }
        }
    }
}
