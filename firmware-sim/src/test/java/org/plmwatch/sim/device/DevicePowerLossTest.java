package org.plmwatch.sim.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.io.accel.AccelReaders;
import org.plmwatch.core.io.accel.AccelRecording;
import org.plmwatch.core.io.accel.ReadReport;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.Night;
import org.plmwatch.core.model.SleepSource;
import org.plmwatch.core.nightfile.BlockRef;
import org.plmwatch.core.nightfile.BlockScanner;
import org.plmwatch.core.nightfile.BlockType;
import org.plmwatch.core.nightfile.DropReason;
import org.plmwatch.core.nightfile.DroppedRange;
import org.plmwatch.core.nightfile.GapReason;
import org.plmwatch.core.nightfile.NightFileContents;
import org.plmwatch.core.nightfile.NightFileReader;
import org.plmwatch.core.nightfile.ScanResult;
import org.plmwatch.core.nightfile.StatusEvent;
import org.plmwatch.core.scoring.ScoreResult;
import org.plmwatch.core.scoring.Scorer;
import org.plmwatch.core.sleep.ActigraphySleep;
import org.plmwatch.core.sleep.ActigraphySleepEstimator;
import org.plmwatch.core.sleep.SleepConfig;

/**
 * Power loss, for real: the device program runs in its own JVM on a synthetic night (100× real
 * time, a flush every 0.5 s of device time, i.e. every 5 ms) and is killed with SIGKILL right after
 * a seeded random number of reported flushes. Then, for the file as the kill left it and for a copy
 * cut at a random byte after the last reported flush (what a power cut does to the unflushed page
 * cache): every block up to the last reported flush is intact, the reader keeps exactly the intact
 * prefix and reports only the torn tail, and the night still opens with AccelReaders and scores.
 */
class DevicePowerLossTest {

    private static final int KILLS = 50;

    @TempDir
    Path tmp;

    @Test
    void fiftySigkillsAtRandomMomentsLoseOnlyTheUnflushedTail() throws Exception {
        SplittableRandom rng = new SplittableRandom(20260121);
        long blocksChecked = 0;
        long flushedBlocks = 0;
        for (int trial = 0; trial < KILLS; trial++) {
            Path data = tmp.resolve("kill-" + trial);
            int flushesBeforeKill = 2 + rng.nextInt(100);
            long seed = 1000 + trial;
            ChildDevice child = ChildDevice.start(data, "--sensor", "synthetic", "--speed", "100",
                    "--flush-seconds", "0.5", "--hours", "0.25", "--seed", Long.toString(seed));
            try (child) {
                assertNotNull(child.readUntil("recording night=1 "), "the program started recording: " + child.lines);
                assertTrue(child.awaitFlushes(flushesBeforeKill), "still recording after " + flushesBeforeKill + " flushes");
                child.process.destroyForcibly();   // SIGKILL on Linux
                child.process.waitFor();
            }
            Path night = data.resolve("nights/night-000001.night");
            byte[] bytes = Files.readAllBytes(night);
            String what = "trial " + trial + " (" + flushesBeforeKill + " flushes, last seq " + child.lastFlushedSeq
                    + " at " + child.lastFlushedBytes + " B, file " + bytes.length + " B)";
            assertTrue(bytes.length >= child.lastFlushedBytes, "flushed bytes are on disk: " + what);
            flushedBlocks += child.lastFlushedSeq + 1;

            blocksChecked += checkIntactPrefix(bytes, child.lastFlushedSeq, child.lastFlushedBytes, what);
            // A power cut also loses what was written but not flushed: cut at a random byte after the flush.
            int cut = (int) (child.lastFlushedBytes + rng.nextLong(bytes.length - child.lastFlushedBytes + 1));
            byte[] cutBytes = Arrays.copyOf(bytes, cut);
            checkIntactPrefix(cutBytes, child.lastFlushedSeq, child.lastFlushedBytes, what + " cut at " + cut);
            Path cutFile = tmp.resolve("cut-" + trial + ".night");
            Files.write(cutFile, cutBytes);
            readsAndScores(cutFile, what);
        }
        System.out.printf("power loss: %d SIGKILLs, %d flushed blocks all recovered, %d intact blocks checked%n",
                KILLS, flushedBlocks, blocksChecked);
    }

    /** Blocks 0..flushedSeq intact inside the flushed bytes, the kept blocks a gap-free prefix, only a torn tail dropped. */
    private static int checkIntactPrefix(byte[] bytes, long flushedSeq, long flushedBytes, String what) throws Exception {
        ScanResult scan = BlockScanner.scan(ByteBuffer.wrap(bytes));
        List<BlockRef> blocks = scan.blocks();
        assertTrue(blocks.size() >= flushedSeq + 1, "every flushed block is kept: " + what);
        long expectedOffset = 0;
        for (int i = 0; i < blocks.size(); i++) {
            BlockRef b = blocks.get(i);
            assertEquals(i, b.sequence(), "sequence numbers run 0, 1, 2... without a hole: " + what);
            assertEquals(expectedOffset, b.offset(), "blocks are contiguous from byte 0: " + what);
            expectedOffset = b.endOffset();
            if (b.sequence() <= flushedSeq) {
                assertTrue(b.endOffset() <= flushedBytes, "a flushed block lies inside the flushed bytes: " + what);
            }
        }
        assertEquals(BlockType.HEADER, blocks.get(0).type());
        for (DroppedRange r : scan.dropped()) {
            assertEquals(bytes.length, r.endByte(), "only the tail may be dropped: " + r + ", " + what);
            assertEquals(expectedOffset, r.startByte(), "the dropped tail starts after the last intact block: " + what);
            assertEquals(DropReason.TRUNCATED, r.reason(), what);
        }
        NightFileContents c = NightFileReader.strict().read(ByteBuffer.wrap(bytes), what, new AccelSink() {
            @Override
            public void sample(double t, double x, double y, double z) {
            }
        });
        assertTrue(c.report().sequenceGaps().isEmpty(), what);
        assertEquals(blocks.size(), c.report().intactBlocks(), "the reader invents no block: " + what);
        assertFalse(c.report().endedCleanly(), "a killed night has no END block: " + what);
        return blocks.size();
    }

    /** The path of {@code plmwatch score --left FILE}: AccelReaders, detector with actigraphy sleep, Scorer. */
    private static void readsAndScores(Path file, String what) throws Exception {
        AccelRecording rec = AccelReaders.open(file);
        assertEquals(Leg.LEFT, rec.info().leg().orElseThrow());
        ActigraphySleepEstimator estimator = new ActigraphySleepEstimator(SleepConfig.DEFAULTS, Leg.LEFT);
        ReadReport report = rec.stream(estimator);
        assertEquals(rec.info().sampleCount().getAsLong(), report.sampleCount(), "every stored sample streams: " + what);
        ActigraphySleep sleep = estimator.result();
        Night n = new Night(LocalDateTime.of(2026, 1, 15, 22, 30), sleep.hypnogram(), SleepSource.ACTIGRAPHY,
                Set.of(Leg.LEFT), sleep.movements(), List.of(), null);
        ScoreResult score = new Scorer().score(n);
        assertTrue(score.clmCountTib() <= sleep.movements().size(), what);
    }

    @Test
    void aRestartAfterAKillContinuesTheSameNightWithARestartGap() throws Exception {
        Path data = tmp.resolve("restart");
        ChildDevice first = ChildDevice.start(data, "--sensor", "synthetic", "--speed", "100", "--flush-seconds", "0.5",
                "--hours", "0.25", "--seed", "7");
        try (first) {
            assertNotNull(first.readUntil("recording night=1 "));
            assertTrue(first.awaitFlushes(40));
            first.process.destroyForcibly();
            first.process.waitFor();
        }
        Path night = data.resolve("nights/night-000001.night");
        long killedSize = Files.size(night);

        ChildDevice second = ChildDevice.start(data, "--sensor", "synthetic", "--speed", "0", "--hours", "0.25",
                "--seed", "7");
        int exit;
        try (second) {
            String rec = second.readUntil("recording night=");
            assertNotNull(rec, String.join("\n", second.lines));
            assertTrue(rec.startsWith("recording night=1 ") && rec.contains("continued=true"), rec);
            exit = second.finish();
        }
        assertEquals(ExitCodes.OK, exit);
        assertFalse(Files.exists(data.resolve("nights/night-000002.night")), "no second night was started");
        NightFileContents c = NightFileReader.strict().read(night, new AccelSink() {
            @Override
            public void sample(double t, double x, double y, double z) {
            }
        });
        List<StatusEvent.Gap> restarts = c.statuses(StatusEvent.Gap.class).stream()
                .filter(g -> g.reason() == GapReason.RESTART).toList();
        assertEquals(1, restarts.size(), "one RESTART gap");
        assertTrue(c.report().endedCleanly());
        assertTrue(c.report().sequenceGaps().isEmpty());
        assertTrue(c.report().dropped().isEmpty(), c.report().summary());
        assertTrue(Files.size(night) > killedSize);
        // the second run recorded a whole 15-min synthetic night after the restart point
        assertTrue(c.sampleCount() > 45_000 - 100, "samples " + c.sampleCount());
        // and the next start begins night 2, since night 1 now ends cleanly
        ChildDevice third = ChildDevice.start(data, "--sensor", "synthetic", "--speed", "0", "--hours", "0.25");
        try (third) {
            String rec = third.readUntil("recording night=");
            assertNotNull(rec);
            assertTrue(rec.startsWith("recording night=2 ") && rec.contains("continued=false"), rec);
            assertEquals(ExitCodes.OK, third.finish());
        }
    }

    @Test
    void sigtermClosesTheNightWithEndAndExitsZero() throws Exception {
        Path data = tmp.resolve("term");
        ChildDevice child = ChildDevice.start(data, "--sensor", "synthetic", "--speed", "100", "--flush-seconds", "0.5",
                "--hours", "0.25");
        int exit;
        try (child) {
            assertNotNull(child.readUntil("recording night=1 "));
            assertTrue(child.awaitFlushes(10));
            // SIGTERM; through the handle, because Process.destroy() also closes the output we still read
            assertTrue(child.process.toHandle().destroy());
            exit = child.finish();
        }
        assertEquals(ExitCodes.OK, exit, String.join("\n", child.lines));
        assertTrue(child.lines.stream().anyMatch(l -> l.startsWith("closed night=1 ")), String.join("\n", child.lines));
        NightFileContents c = NightFileReader.strict().read(data.resolve("nights/night-000001.night"), new AccelSink() {
            @Override
            public void sample(double t, double x, double y, double z) {
            }
        });
        assertTrue(c.report().endedCleanly(), c.report().summary());
        assertTrue(c.report().clean(), c.report().summary());
        assertTrue(c.sampleCount() > 0 && c.sampleCount() < 45_000, "stopped part-way: " + c.sampleCount());
    }
}
