package org.plmwatch.core.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.plmwatch.core.model.Leg;

/**
 * The download sequence of docs/LINK.md §7 run end to end in memory over a channel that drops,
 * corrupts, duplicates and pads frames: hello, list, get blocks, a pulled cable, resume from the
 * stored block count, verify by SHA-256, erase (refused on a wrong digest, idempotent on retry).
 * A timeout is modelled as "the channel delivered everything and the answer is not complete".
 */
class LossyDownloadTest {

    private static final int NIGHT = 7;

    /** A lossy byte pipe: per frame, drop, flip a bit, send twice, or prefix line noise. */
    static final class Channel {
        final Random rnd;
        final double lossRate;
        int dropped;
        int damaged;
        int duplicated;

        Channel(Random rnd, double lossRate) {
            this.rnd = rnd;
            this.lossRate = lossRate;
        }

        void pass(byte[] frame, FrameDecoder to) {
            double r = rnd.nextDouble();
            if (r < lossRate) {
                dropped++;
                return;
            }
            if (r < 2 * lossRate) {
                byte[] bad = frame.clone();
                bad[1 + rnd.nextInt(bad.length - 2)] ^= (byte) (1 << rnd.nextInt(8));
                damaged++;
                to.accept(bad);
                return;
            }
            if (r < 3 * lossRate) {
                byte[] noise = new byte[1 + rnd.nextInt(30)];
                rnd.nextBytes(noise);
                to.accept(noise);
            }
            to.accept(frame);
            if (rnd.nextDouble() < lossRate) {
                duplicated++;
                to.accept(frame);
            }
        }
    }

    /** The device end: serves one night from memory with the rules of docs/LINK.md. */
    static final class FakeDevice implements FrameListener {
        final List<byte[]> blocks;
        final byte[] sha256;
        final FrameEncoder out = new FrameEncoder(0x7FFF_FFF0);
        final FrameDecoder in = new FrameDecoder(this);
        final List<byte[]> outbox = new ArrayList<>();
        boolean erased;
        int lastEraseRequestId = -1;
        Message lastEraseAnswer;

        FakeDevice(List<byte[]> blocks) {
            this.blocks = blocks;
            this.sha256 = sha256(blocks);
        }

        private void send(int requestId, Message m) {
            outbox.add(out.encode(requestId, m));
        }

        @Override
        public void onFrame(Frame f) {
            int id = f.requestId();
            Message m = f.message();
            if (m instanceof Hello) {
                send(id, new DeviceInfo("pi-test", "0.1.0", "synthetic", EnumSet.of(Leg.LEFT), 1L << 30,
                        1L << 31, DeviceClock.unset(1_000_000)));
            } else if (m instanceof ListNights) {
                List<NightEntry> list = erased ? List.of()
                        : List.of(new NightEntry(NIGHT, 1_763_704_800_000L, totalBytes(), blocks.size(), false, sha256));
                send(id, new NightList(list, false));
            } else if (m instanceof GetBlocks g) {
                serve(id, g);
            } else if (m instanceof EraseNight e) {
                if (id == lastEraseRequestId) {
                    send(id, lastEraseAnswer); // a retry: answer again, do not act again
                    return;
                }
                Message answer;
                if (erased || e.nightId() != NIGHT) {
                    answer = new ErrorReply(ErrorCode.UNKNOWN_NIGHT, "no night " + e.nightId());
                } else if (!java.util.Arrays.equals(e.verifiedSha256(), sha256)) {
                    answer = new ErrorReply(ErrorCode.ERASE_REFUSED_CHECKSUM_MISMATCH,
                            "night " + NIGHT + ": SHA-256 differs from the device's copy; download it again");
                } else {
                    erased = true;
                    answer = new Ack();
                }
                lastEraseRequestId = id;
                lastEraseAnswer = answer;
                send(id, answer);
            }
        }

        private void serve(int id, GetBlocks g) {
            if (erased || g.nightId() != NIGHT) {
                send(id, new ErrorReply(ErrorCode.UNKNOWN_NIGHT, "no night " + g.nightId()));
                return;
            }
            if (g.fromBlockIndex() > blocks.size()) {
                send(id, new ErrorReply(ErrorCode.BLOCK_OUT_OF_RANGE, "from " + g.fromBlockIndex()));
                return;
            }
            int end = (int) Math.min(blocks.size(), (long) g.fromBlockIndex() + g.maxBlocks());
            int i = g.fromBlockIndex();
            while (i < end) {
                int first = i;
                int bytes = 0;
                List<byte[]> batch = new ArrayList<>();
                while (i < end && Blocks.bodyBytes(batch.size() + 1, bytes + blocks.get(i).length)
                        <= FrameFormat.MAX_BODY_BYTES) {
                    bytes += blocks.get(i).length;
                    batch.add(blocks.get(i++));
                }
                send(id, new Blocks(NIGHT, first, batch));
            }
            send(id, new BlocksEnd(NIGHT, end, end == blocks.size()));
        }

        long totalBytes() {
            long n = 0;
            for (byte[] b : blocks) {
                n += b.length;
            }
            return n;
        }
    }

    /** The host end: a decoder, an encoder, and the frames received since the last request. */
    static final class Host {
        final FrameEncoder out;
        final List<Frame> inbox = new ArrayList<>();
        final FrameDecoder in = new FrameDecoder(inbox::add);
        int timeouts;

        Host(int firstSequence) {
            out = new FrameEncoder(firstSequence);
        }

        /** Sends, lets the device answer, delivers the answer; the inbox holds what arrived. */
        void exchange(int requestId, Message request, FakeDevice device, Channel ch) {
            inbox.clear();
            ch.pass(out.encode(requestId, request), device.in);
            for (byte[] f : device.outbox) {
                ch.pass(f, in);
            }
            device.outbox.clear();
        }

        /** A single-frame request with retries (same request id) until the answer arrives. */
        Frame call(int requestId, Message request, FakeDevice device, Channel ch, Predicate<Frame> isAnswer) {
            for (int attempt = 0; attempt < 50; attempt++) {
                exchange(requestId, request, device, ch);
                for (Frame f : inbox) {
                    if (f.requestId() == requestId && isAnswer.test(f)) {
                        return f;
                    }
                }
                timeouts++;
            }
            throw new AssertionError("no answer to " + request + " after 50 attempts");
        }
    }

    static byte[] sha256(List<byte[]> blocks) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] b : blocks) {
                md.update(b);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Downloads with GET_BLOCKS until COMPLETE, or until {@code stopAfterBlocks} are stored (the
     * cable is pulled). Returns the next request id.
     */
    private static int download(Host host, FakeDevice device, Channel ch, BlockTransfer t, List<byte[]> stored,
            int requestId, int stopAfterBlocks) {
        BlockTransfer.BlockSink sink = (index, bytes) -> {
            assertEquals(stored.size(), index, "blocks arrive in order, each once");
            stored.add(bytes);
        };
        for (int round = 0; round < 5000; round++) {
            host.exchange(requestId, t.request(40), device, ch);
            BlockTransfer.Step decisive = null;
            for (Frame f : host.inbox) {
                if (f.requestId() != requestId) {
                    continue;
                }
                BlockTransfer.Step step;
                if (f.message() instanceof Blocks b) {
                    step = t.onBlocks(b, sink);
                } else if (f.message() instanceof BlocksEnd e) {
                    step = t.onEnd(e);
                } else {
                    fail("unexpected answer " + f);
                    return requestId;
                }
                if (stored.size() >= stopAfterBlocks) {
                    return requestId + 1;
                }
                if (step == BlockTransfer.Step.GAP || step == BlockTransfer.Step.MORE
                        || step == BlockTransfer.Step.COMPLETE) {
                    decisive = step;
                    break;
                }
            }
            if (decisive == BlockTransfer.Step.COMPLETE) {
                return requestId + 1;
            }
            if (decisive == null) {
                host.timeouts++; // retry with the same request id
            } else {
                requestId++;
            }
        }
        throw new AssertionError("download did not finish");
    }

    @Test
    void aNightSurvivesALossyLinkAPulledCableAndIsErasedOnlyWhenVerified() {
        Random rnd = new Random(50);
        List<byte[]> night = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            night.add(SampleMessages.randomBytes(rnd, 100 + rnd.nextInt(3997)));
        }
        FakeDevice device = new FakeDevice(night);
        Channel ch = new Channel(rnd, 0.03);

        // session 1: hello, list, download until the cable is pulled after 120 blocks
        Host host = new Host(1);
        host.call(1, new Hello("test-host"), device, ch, f -> f.message() instanceof DeviceInfo);
        NightList list = (NightList) host.call(2, new ListNights(0), device, ch,
                f -> f.message() instanceof NightList).message();
        NightEntry entry = list.entries().get(0);
        assertEquals(300, entry.blockCount());
        List<byte[]> stored = new ArrayList<>();
        download(host, device, ch, new BlockTransfer(NIGHT, 0), stored, 3, 120);
        assertTrue(stored.size() >= 120 && stored.size() < 300);

        // session 2: a new host process (new decoder, sequence from 0) resumes from what is stored
        Host host2 = new Host(0);
        host2.call(1, new Hello("test-host"), device, ch, f -> f.message() instanceof DeviceInfo);
        NightEntry again = ((NightList) host2.call(2, new ListNights(0), device, ch,
                f -> f.message() instanceof NightList).message()).entries().get(0);
        assertEquals(entry, again, "unchanged night: resuming is safe");
        int next = download(host2, device, ch, new BlockTransfer(NIGHT, stored.size()), stored, 3, Integer.MAX_VALUE);

        assertEquals(300, stored.size());
        for (int i = 0; i < 300; i++) {
            assertArrayEquals(night.get(i), stored.get(i), "block " + i);
        }
        byte[] digest = sha256(stored);
        assertTrue(again.sha256Matches(digest), "verified copy");

        // a wrong digest is refused and nothing is erased
        byte[] wrong = digest.clone();
        wrong[0] ^= 1;
        Frame refused = host2.call(next, new EraseNight(NIGHT, wrong), device, ch,
                f -> f.message() instanceof ErrorReply || f.message() instanceof Ack);
        assertEquals(ErrorCode.ERASE_REFUSED_CHECKSUM_MISMATCH, ((ErrorReply) refused.message()).code());
        assertFalse(device.erased);

        // the right digest erases; when the ACK is lost, the retry gets the same ACK, not "unknown night"
        ch.pass(host2.out.encode(next + 1, new EraseNight(NIGHT, digest)), device.in);
        assertTrue(device.erased);
        device.outbox.clear(); // the ACK is lost
        Frame ack = host2.call(next + 1, new EraseNight(NIGHT, digest), device, ch,
                f -> f.message() instanceof ErrorReply || f.message() instanceof Ack);
        assertEquals(new Ack(), ack.message());

        // the link really was lossy, and every loss was caught by the decoders
        assertTrue(ch.dropped > 0 && ch.damaged > 0 && ch.duplicated > 0, "dropped " + ch.dropped
                + ", damaged " + ch.damaged + ", duplicated " + ch.duplicated);
        LinkStats hostStats = host2.in.stats();
        assertTrue(hostStats.rejectedTotal() > 0 && hostStats.gaps() > 0, hostStats.toString());
        assertTrue(hostStats.rejected(RejectReason.REPLAY) > 0, hostStats.toString());
        assertTrue(host.timeouts + host2.timeouts > 0);
    }

    @Test
    void transferBookkeepingHandlesRepeatsOverlapsGapsAndEnds() {
        BlockTransfer t = new BlockTransfer(3, 10);
        List<Integer> got = new ArrayList<>();
        BlockTransfer.BlockSink sink = (i, b) -> got.add(i);
        byte[] x = {1};
        assertEquals(new GetBlocks(3, 10, 5), t.request(5));
        assertEquals(BlockTransfer.Step.IGNORED, t.onBlocks(new Blocks(3, 8, List.of(x, x)), sink));
        assertEquals(BlockTransfer.Step.STORED, t.onBlocks(new Blocks(3, 9, List.of(x, x, x)), sink));
        assertEquals(List.of(10, 11), got);
        assertEquals(BlockTransfer.Step.GAP, t.onBlocks(new Blocks(3, 13, List.of(x)), sink));
        assertEquals(BlockTransfer.Step.IGNORED, t.onBlocks(new Blocks(4, 12, List.of(x)), sink));
        assertEquals(BlockTransfer.Step.GAP, t.onEnd(new BlocksEnd(3, 14, false)));
        assertEquals(BlockTransfer.Step.IGNORED, t.onEnd(new BlocksEnd(3, 11, true)));
        assertEquals(BlockTransfer.Step.MORE, t.onEnd(new BlocksEnd(3, 12, false)));
        assertEquals(BlockTransfer.Step.COMPLETE, t.onEnd(new BlocksEnd(3, 12, true)));
        assertEquals(12, t.nextBlockIndex());
    }
}
