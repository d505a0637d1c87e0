package org.plmwatch.analyzer.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.core.link.Blocks;
import org.plmwatch.core.link.BlocksEnd;
import org.plmwatch.core.link.GetBlocks;
import org.plmwatch.core.link.ListNights;
import org.plmwatch.core.link.NightEntry;
import org.plmwatch.core.link.NightList;
import org.plmwatch.core.nightfile.BlockRef;
import org.plmwatch.core.nightfile.BlockScanner;
import org.plmwatch.sim.link.SocatPty;

/**
 * Hostile devices over a real socat pty pair (jssc on the host's end): each speaks the protocol
 * correctly and misbehaves in one way. Every download must end, within the injected outer bounds
 * plus a little, with what was verified kept and nothing beyond what the device announced. The
 * bounds here are short (1 s without progress, a 1.5 s floor); the defaults (30 s, 60 s) are the
 * same code with other numbers.
 */
class HostileDeviceTest {

    /** Per-request timeouts of 0.3 s; 1 s without a verified block; 1.5 s + 1 s per 64 KiB; 1.5 s listing. */
    static final LinkTimeouts SHORT = new LinkTimeouts(300, 300, 300, 1000, 3)
            .withOuterBounds(1000, 1500, 64 * 1024, 1500, 1000);
    /** How far past its bound a scenario may end (the pty, jssc's polling, a loaded build machine). */
    private static final double SLACK_SECONDS = 1.5;
    private static volatile double longestSeconds;

    @TempDir
    Path tmp;

    private SocatPty pty;
    private HostileDevice device;
    private List<byte[]> blocks;

    @BeforeEach
    void pty() throws IOException {
        Assumptions.assumeTrue(SocatPty.available(), "socat is not installed (Debian package socat)");
        pty = SocatPty.start();
        byte[] night = TestNights.night(71, 0.25);
        blocks = BlockScanner.scan(ByteBuffer.wrap(night)).blocks().stream()
                .map((BlockRef b) -> Arrays.copyOfRange(night, (int) b.offset(), (int) b.endOffset())).toList();
    }

    @AfterEach
    void stop() throws Exception {
        if (device != null) {
            device.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    @AfterAll
    static void report() {
        System.out.printf(Locale.ROOT, "hostile devices: the longest scenario ended after %.2f s%n", longestSeconds);
    }

    /** The result of one download against the device: its summary or the exception that ended it, and how long. */
    private record Run(DownloadSummary summary, Exception failure, double seconds) {
        NightOutcome night(int i) {
            return summary.nights().get(i);
        }
    }

    private Run download(String name, HostileDevice.Script script, Archive archive) {
        return download(name, script, archive, SHORT);
    }

    private Run download(String name, HostileDevice.Script script, Archive archive, LinkTimeouts timeouts) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            device = HostileDevice.start(pty.first(), script);
            long t0 = System.nanoTime();
            DownloadSummary s = null;
            Exception failure = null;
            try (LinkClient client = new LinkClient(JsscTransport.open(pty.second().toString()), timeouts)) {
                s = new Downloader(client, archive, Downloader.Options.DEFAULT, DownloadProgress.NONE,
                        Clock.systemUTC()).run();
            } catch (LinkException e) {
                failure = e;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            longestSeconds = Math.max(longestSeconds, seconds);
            System.out.printf(Locale.ROOT, "hostile device '%s': the download ended after %.2f s%n", name, seconds);
            return new Run(s, failure, seconds);
        });
    }

    private HostileDevice.Script listing(NightEntry entry, HostileDevice.Script blocksScript) {
        return (req, d) -> {
            if (d.answerSession(req, "plmw-hostile")) {
                return;
            }
            if (req.message() instanceof ListNights) {
                d.send(req.requestId(), new NightList(List.of(entry), false));
            } else if (req.message() instanceof GetBlocks) {
                blocksScript.answer(req, d);
            }
        };
    }

    @Test
    void aDeviceAnsweringWithUselessFramesForeverIsLeftAfterTheProgressBound() throws Exception {
        NightEntry entry = HostileDevice.entry(1, blocks);
        Archive archive = new Archive(tmp.resolve("archive"));
        // every GET_BLOCKS is answered with ACKs carrying its request id, as fast as the pty takes them
        Run r = download("useless frames", listing(entry, (req, d) -> d.floodForever(req.requestId(), HostileDevice.ack())),
                archive);
        assertEquals(NightOutcome.Status.FAILED, r.night(0).status());
        assertTrue(r.night(0).message().contains("no new verified block for 1 s"), r.night(0).message());
        assertTrue(r.seconds() < 1.0 + SLACK_SECONDS, r.seconds() + " s");
        assertTrue(device.framesSent() > 100, "the device kept talking: " + device.framesSent() + " frames");
    }

    @Test
    void aDeviceRepeatingBlocksEndWithoutProgressIsLeftAndTheBlocksItSentAreKept() throws Exception {
        NightEntry entry = HostileDevice.entry(1, blocks);
        Archive archive = new Archive(tmp.resolve("archive"));
        // ten blocks, then "BLOCKS_END, more to come" at the same index for every request, at once
        Run r = download("BLOCKS_END without progress", listing(entry, (req, d) -> {
            GetBlocks g = (GetBlocks) req.message();
            if (g.fromBlockIndex() == 0) {
                d.send(req.requestId(), new Blocks(1, 0, blocks.subList(0, 10)));
            }
            d.send(req.requestId(), new BlocksEnd(1, 10, false));
        }), archive);
        assertEquals(NightOutcome.Status.FAILED, r.night(0).status());
        assertTrue(r.night(0).message().contains("10 of " + blocks.size() + " blocks are safe"), r.night(0).message());
        assertTrue(r.seconds() < 1.0 + SLACK_SECONDS, r.seconds() + " s");
        long tenBlocks = blocks.subList(0, 10).stream().mapToLong(b -> b.length).sum();
        assertEquals(tenBlocks, Files.size(archive.slot("plmw-hostile", 1).partFile()));
    }

    @Test
    void aDeviceAnnouncingMoreNightsForeverIsLeftAfterTheListingBound() throws Exception {
        Archive archive = new Archive(tmp.resolve("archive"));
        NightEntry template = HostileDevice.entry(1, blocks);
        // every page holds one new night and says more follow
        Run r = download("more nights forever", (req, d) -> {
            if (d.answerSession(req, "plmw-hostile")) {
                return;
            }
            if (req.message() instanceof ListNights l) {
                d.send(req.requestId(), new NightList(List.of(new NightEntry(l.fromNightId(), 0, template.sizeBytes(),
                        template.blockCount(), false, template.sha256())), true));
            }
        }, archive);
        assertTrue(r.failure() instanceof WatchdogException || r.failure() instanceof DeviceMisbehavesException,
                String.valueOf(r.failure()));
        assertTrue(r.failure().getMessage().contains("listing nights") || r.failure().getMessage().contains("nights"),
                r.failure().getMessage());
        assertTrue(r.seconds() < 1.5 + SLACK_SECONDS, r.seconds() + " s");
        assertTrue(Files.notExists(archive.root()), "nothing was written");
    }

    @Test
    void aDeviceRepeatingTheSameNightListWithMoreIsRefusedAtOnce() throws Exception {
        Archive archive = new Archive(tmp.resolve("archive"));
        NightEntry entry = HostileDevice.entry(5, blocks);
        Run r = download("the same page forever", (req, d) -> {
            if (!d.answerSession(req, "plmw-hostile") && req.message() instanceof ListNights) {
                d.send(req.requestId(), new NightList(List.of(entry), true));
            }
        }, archive);
        DeviceMisbehavesException e = assertInstanceOf(DeviceMisbehavesException.class, r.failure());
        assertTrue(e.getMessage().contains("does not advance"), e.getMessage());
        assertTrue(r.seconds() < SLACK_SECONDS, r.seconds() + " s");
    }

    @Test
    void aDeviceStreamingBlocksPastWhatItAnnouncedGetsNotOneByteMoreWritten() throws Exception {
        List<byte[]> announced = blocks.subList(0, 100);
        NightEntry entry = HostileDevice.entry(1, announced);
        Archive archive = new Archive(tmp.resolve("archive"));
        // valid night-file blocks without end: the announced 100, then more and more, never BLOCKS_END
        Run r = download("blocks past the announced night", listing(entry, (req, d) -> {
            GetBlocks g = (GetBlocks) req.message();
            for (int i = g.fromBlockIndex(); ; i += 8) {
                List<byte[]> frame = new java.util.ArrayList<>();
                for (int k = 0; k < 8; k++) {
                    frame.add(blocks.get((i + k) % blocks.size()));
                }
                d.send(req.requestId(), new Blocks(1, i, frame));
            }
        }), archive);
        assertEquals(NightOutcome.Status.FAILED, r.night(0).status());
        assertTrue(r.night(0).message().contains("past the 100 blocks and " + entry.sizeBytes() + " bytes it announced"),
                r.night(0).message());
        assertEquals(entry.sizeBytes(), Files.size(archive.slot("plmw-hostile", 1).partFile()),
                "exactly the announced bytes, not one more");
        assertTrue(r.seconds() < SLACK_SECONDS, r.seconds() + " s");
    }

    @Test
    void aDeviceTricklingBlocksIsLeftWhenItFallsBelowTheMinimumRate() throws Exception {
        NightEntry entry = HostileDevice.entry(1, blocks);
        Archive archive = new Archive(tmp.resolve("archive"));
        AtomicInteger sent = new AtomicInteger();
        // one real block every 0.25 s: always within the 1 s progress bound, but ~400 B/s
        Run r = download("trickle", listing(entry, (req, d) -> {
            GetBlocks g = (GetBlocks) req.message();
            for (int i = g.fromBlockIndex(); i < blocks.size(); i++) {
                d.send(req.requestId(), new Blocks(1, i, List.of(blocks.get(i))));
                sent.incrementAndGet();
                try {
                    Thread.sleep(250); // the device's pace, not synchronisation
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        }), archive);
        assertEquals(NightOutcome.Status.FAILED, r.night(0).status());
        assertTrue(r.night(0).message().contains("slower than 64 KiB/s"), r.night(0).message());
        assertTrue(r.seconds() < 1.5 + SLACK_SECONDS, r.seconds() + " s");
        assertTrue(sent.get() < blocks.size() / 10, "stopped long before the night's " + blocks.size() + " blocks");
    }

    @Test
    void aDeviceThatAnswersWithoutReadingCannotBlockTheHostsWrites() throws Exception {
        Archive archive = new Archive(tmp.resolve("archive"));
        NightEntry template = HostileDevice.entry(1, blocks);
        // after the first LIST_NIGHTS the device reads no more: it answers the request ids the host
        // will use next (they count up) with "one more night, and more follow", until the host's
        // requests fill the pty's buffers and a write would block for ever
        Run r = download("answers without reading", (req, d) -> {
            if (d.answerSession(req, "plmw-deaf")) {
                return;
            }
            if (req.message() instanceof ListNights) {
                for (int k = 0; ; k++) {
                    d.send(req.requestId() + k, new NightList(List.of(new NightEntry(k, 0, template.sizeBytes(),
                            template.blockCount(), false, template.sha256())), true));
                }
            }
        }, archive, SHORT.withOuterBounds(1000, 1500, 64 * 1024, 60_000, 1000));
        // The device guesses the request ids the host will use next. When the guess holds, the host's
        // requests fill the pty until a write blocks and is abandoned; on a loaded machine the host may
        // instead see its answers too early (dropped as unsolicited) and time out first. Either way the
        // download must end, with a link failure, in bounded time: that is what this test holds.
        assertTrue(r.failure() != null && (r.failure().getMessage().contains("stopped reading: a write of")
                        || r.failure() instanceof LinkTimeoutException), String.valueOf(r.failure()));
        assertTrue(r.seconds() < 0.9 + 3 * SLACK_SECONDS, r.seconds() + " s");
    }

    @Test
    void aNightLargerThanAnyNightIsNotDownloaded() throws Exception {
        NightEntry entry = new NightEntry(1, 0, 1L << 40, Integer.MAX_VALUE, false, new byte[32]);
        Archive archive = new Archive(tmp.resolve("archive"));
        AtomicInteger asked = new AtomicInteger();
        Run r = download("a 1 TiB night", listing(entry, (req, d) -> asked.incrementAndGet()), archive);
        assertEquals(NightOutcome.Status.FAILED, r.night(0).status());
        assertTrue(r.night(0).message().contains("a night is at most 256 MiB"), r.night(0).message());
        assertEquals(0, asked.get(), "no block asked for");
        assertTrue(Files.notExists(archive.slot("plmw-hostile", 1).partFile()));
    }
}
