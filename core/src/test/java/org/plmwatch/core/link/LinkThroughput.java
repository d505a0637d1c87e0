package org.plmwatch.core.link;

import java.util.List;
import java.util.Random;

/**
 * A quick throughput figure (not a test, not a benchmark harness): encode and decode 4 KiB BLOCKS
 * frames, as in a night download, and 25-sample LIVE_SAMPLES frames, as in live mode.
 * Run: {@code java -cp core/target/classes:core/target/test-classes org.plmwatch.core.link.LinkThroughput}
 */
public final class LinkThroughput {

    private LinkThroughput() {
    }

    public static void main(String[] args) {
        Random rnd = new Random(42);
        Message block = new Blocks(1, 0, List.of(SampleMessages.randomBytes(rnd, 4096)));
        short[] xyz = new short[75];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (short) rnd.nextInt();
        }
        Message samples = new LiveSamples(org.plmwatch.core.model.Leg.LEFT, 0, 20_000, 0.002, xyz);
        for (int round = 0; round < 3; round++) {
            run("BLOCKS 4 KiB", block, 40_000);
            run("LIVE_SAMPLES 25", samples, 400_000);
        }
    }

    private static void run(String name, Message m, int frames) {
        FrameEncoder enc = new FrameEncoder(0);
        byte[] wire = new byte[FrameFormat.MAX_WIRE_BYTES];
        long t0 = System.nanoTime();
        long bytes = 0;
        for (int i = 0; i < frames; i++) {
            bytes += enc.encode(i, m, wire, 0);
        }
        long t1 = System.nanoTime();
        int n = enc.encode(0, m, wire, 0);
        long[] accepted = new long[1];
        FrameDecoder dec = new FrameDecoder(f -> accepted[0]++);
        dec.resetSequence();
        FrameEncoder enc2 = new FrameEncoder(0);
        byte[][] distinct = new byte[64][];
        for (int i = 0; i < distinct.length; i++) {
            distinct[i] = enc2.encode(i, m);
        }
        long t2 = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            if (i % distinct.length == 0) {
                dec.resetSequence(); // the 64 pre-encoded frames repeat; do not count them as replays
            }
            byte[] f = distinct[i % distinct.length];
            dec.accept(f, 0, f.length);
        }
        long t3 = System.nanoTime();
        if (accepted[0] != frames || n <= 0) {
            throw new IllegalStateException("decoded " + accepted[0] + " of " + frames);
        }
        System.out.printf("%-16s frame %5d B  encode %7.1f MB/s %8.0f frames/s  decode %7.1f MB/s %8.0f frames/s%n",
                name, n, bytes / 1e6 / ((t1 - t0) / 1e9), frames / ((t1 - t0) / 1e9),
                bytes / 1e6 / ((t3 - t2) / 1e9), frames / ((t3 - t2) / 1e9));
    }
}
