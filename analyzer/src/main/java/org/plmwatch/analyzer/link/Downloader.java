package org.plmwatch.analyzer.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.plmwatch.core.link.BlockTransfer;
import org.plmwatch.core.link.DeviceInfo;
import org.plmwatch.core.link.NightEntry;
import org.plmwatch.core.nightfile.NightFileFormat;

/**
 * {@code plmwatch download}: every night on the device into the archive, verified (docs/LINK.md §7).
 * Per night: skip it when the archive has it verified; otherwise continue its part file from the
 * first block not on disk, check every block is an intact night-file block, and when the device
 * says the night ends compare the SHA-256 of the stored bytes with the device's NIGHT_LIST
 * checksum; only then move it into place. Nights still recording are left for later. With
 * {@code eraseAfterVerify} a night is erased on the device only after its copy is verified (the
 * device checks the SHA-256 once more before erasing).
 *
 * <p>When the link stalls (cable pulled, device restarted), the downloader opens a new session
 * (HELLO, LIST_NIGHTS) and resumes; after three sessions in a row without a new block it stops
 * that night and says where it will resume.
 *
 * <p>Nothing the device says is taken on trust (docs/LINK.md §6 "Outer bounds", §9): a night's
 * announced size must be plausible before anything is asked for; the part never grows past the
 * announced size and block count; each night runs under a {@link NightBudget} (no new verified
 * block for 30 s, or slower than 8 KiB/s after a 60 s floor, ends it); and a night stopped by the
 * link, a bound or a lie stops the download, the remaining nights reported as not tried.
 */
public final class Downloader {

    /**
     * @param eraseAfterVerify    erase each night on the device once its archived copy is verified
     * @param maxBlocksPerRequest blocks per GET_BLOCKS
     * @param sessionsWithoutProgress new sessions tried for a stalled night before giving up on it
     */
    public record Options(boolean eraseAfterVerify, int maxBlocksPerRequest, int sessionsWithoutProgress) {

        public static final Options DEFAULT = new Options(false, LinkClient.DEFAULT_MAX_BLOCKS, 3);

        public Options withEraseAfterVerify(boolean erase) {
            return new Options(erase, maxBlocksPerRequest, sessionsWithoutProgress);
        }
    }

    private final LinkClient client;
    private final Archive archive;
    private final Options options;
    private final DownloadProgress progress;
    private final Clock clock;
    /** Set when a night failed in a way that dooms the rest (link, watchdog, a lying device). */
    private String stoppedBecause;

    /**
     * The largest night the host accepts: 256 MiB, 9 days of raw 16-bit samples at 50 Hz (a real
     * night is 3-11 MB). Together with the minimum rate it bounds how long one night can take.
     */
    public static final long MAX_NIGHT_BYTES = 256L * 1024 * 1024;

    public Downloader(LinkClient client, Archive archive, Options options, DownloadProgress progress, Clock clock) {
        this.client = client;
        this.archive = archive;
        this.options = options;
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * Downloads every night. A night the device refuses (ERROR) is reported and the rest go on;
     * when the link fails or the device misbehaves (no answer, an outer bound ran out, more than it
     * announced) the remaining nights are reported as not tried: a device that failed once would
     * make each of them wait its bound again.
     *
     * @throws ArchiveRefusedException when a path under the archive is a link or not what it should be
     */
    public DownloadSummary run() throws LinkException, IOException {
        long started = System.nanoTime();
        DeviceInfo info = client.hello();
        try {
            client.setTime(clock.millis());
        } catch (DeviceErrorException e) {
            // the clock is a convenience for the nights to come; the download does not need it
        }
        List<NightEntry> nights = client.listNights();
        List<NightOutcome> outcomes = new ArrayList<>();
        long transferred = 0;
        stoppedBecause = null;
        for (NightEntry entry : nights) {
            if (stoppedBecause != null) {
                outcomes.add(new NightOutcome(entry.nightId(), NightOutcome.Status.FAILED, entry.sizeBytes(), 0, 0,
                        false, "not tried: " + stoppedBecause));
                continue;
            }
            NightOutcome o = night(info.deviceId(), entry);
            transferred += o.bytesTransferred();
            outcomes.add(o);
        }
        return new DownloadSummary(info.deviceId(), client.portName(), outcomes, transferred,
                (System.nanoTime() - started) / 1e9, client.stats());
    }

    /** Why the device's word is not taken for this night's size, or null when it is plausible. */
    static String implausible(NightEntry e) {
        if (e.sizeBytes() > MAX_NIGHT_BYTES) {
            return "the device announces " + e.sizeBytes() + " bytes for it; a night is at most "
                    + MAX_NIGHT_BYTES / (1024 * 1024) + " MiB (9 days of raw samples): not downloaded";
        }
        if (e.sizeBytes() < (long) e.blockCount() * NightFileFormat.OVERHEAD_BYTES
                || e.sizeBytes() > (long) e.blockCount() * NightFileFormat.MAX_BLOCK_BYTES) {
            return "the device announces " + e.blockCount() + " blocks in " + e.sizeBytes() + " bytes; a block has "
                    + NightFileFormat.OVERHEAD_BYTES + " to " + NightFileFormat.MAX_BLOCK_BYTES + " bytes: not downloaded";
        }
        return null;
    }

    private NightOutcome night(String deviceId, NightEntry entry) throws IOException {
        int id = entry.nightId();
        String bad = implausible(entry);
        if (bad != null) {
            return new NightOutcome(id, NightOutcome.Status.FAILED, entry.sizeBytes(), 0, 0, false, bad);
        }
        Optional<Archive.Archived> have;
        try {
            have = archive.find(deviceId, entry);
        } catch (ArchiveRefusedException e) {
            throw e;
        } catch (IOException e) {
            return new NightOutcome(id, NightOutcome.Status.FAILED, entry.sizeBytes(), 0, 0, false, e.getMessage());
        }
        if (have.isPresent()) {
            boolean erased = false;
            String note = "";
            if (options.eraseAfterVerify() && !entry.recording()) {
                erased = erase(entry);
                note = erased ? "" : "not erased: the device refused";
            }
            return new NightOutcome(id, NightOutcome.Status.ALREADY_ARCHIVED, entry.sizeBytes(), 0, 0, erased, note);
        }
        if (entry.recording()) {
            return new NightOutcome(id, NightOutcome.Status.SKIPPED_RECORDING, entry.sizeBytes(), 0, 0, false,
                    "still recording: download it after the recording has stopped");
        }
        Archive.NightSlot slot = archive.slot(deviceId, id);
        List<String> notes = new ArrayList<>();
        if (archive.hasNightFile(slot)) {
            Optional<NightManifest> other;
            try {
                other = archive.verified(slot);
            } catch (ArchiveRefusedException e) {
                throw e;
            } catch (IOException e) {
                other = Optional.empty();
            }
            if (other.isEmpty()) {
                return new NightOutcome(id, NightOutcome.Status.FAILED, entry.sizeBytes(), 0, 0, false,
                        slot.nightFile() + " exists without a (readable) manifest: move it away and download again");
            }
            slot = archive.slotBeside(deviceId, id, entry.sha256());
            notes.add("a different night " + id + " is already archived (SHA-256 "
                    + other.get().sha256Hex().substring(0, Math.min(Archive.NIGHT_HASH_HEX, other.get().sha256Hex().length()))
                    + "..., " + other.get().sizeBytes()
                    + " bytes): this one is stored beside it as " + slot.nightFile().getFileName());
            if (archive.hasNightFile(slot)) {
                return new NightOutcome(id, NightOutcome.Status.FAILED, entry.sizeBytes(), 0, 0, false,
                        slot.nightFile() + " exists without a manifest: move it away and download again");
            }
        }
        PartFile part = archive.openPart(slot, entry.sizeBytes(), entry.blockCount());
        if (part.discardedOversize()) {
            notes.add("a part file larger than the night the device announces was deleted and downloaded afresh");
        }
        int resumedFrom = part.blocks();
        long before = part.bytes();
        progress.start(id, entry.sizeBytes(), before);
        PartFile target = part;
        NightBudget budget = new NightBudget(id, client.timeouts());
        BlockTransfer transfer = new BlockTransfer(id, part.blocks());
        BlockTransfer.BlockSink sink = (index, block) -> {
            target.append(index, block);
            budget.stored(block.length);
            progress.advance(block.length);
        };
        client.watch(budget);
        try {
            fetch(entry, transfer, sink);
        } catch (LinkException | AnnouncedSizeExceededException e) {
            part.sync();
            part.close();
            progress.end();
            if (!(e instanceof DeviceErrorException)) {
                stoppedBecause = "the download stopped at night " + id;
            }
            return new NightOutcome(id, NightOutcome.Status.FAILED, entry.sizeBytes(), part.bytes() - before, resumedFrom,
                    false, e.getMessage() + " (" + part.blocks() + " of " + entry.blockCount()
                    + " blocks are safe in the archive; the next download resumes there)");
        } catch (UncheckedIOException e) {
            part.close();
            progress.end();
            throw e.getCause();
        } catch (RuntimeException e) {
            part.close(); // keep what arrived (e.g. the user stopped the program): the next run resumes
            progress.end();
            throw e;
        } finally {
            client.watch(null);
        }
        progress.end();
        long got = part.bytes() - before;
        byte[] sha = part.sha256();
        if (!Arrays.equals(sha, entry.sha256()) || part.bytes() != entry.sizeBytes()) {
            archive.discard(part);
            return new NightOutcome(id, NightOutcome.Status.FAILED, entry.sizeBytes(), got, resumedFrom, false,
                    "SHA-256 of the " + part.bytes() + " downloaded bytes differs from the device's ("
                    + entry.sizeBytes() + " bytes): the copy was deleted; download again");
        }
        archive.commit(part, slot, new NightManifest(deviceId, id, Archive.hex(sha), part.bytes(), part.blocks(),
                entry.startEpochMillis(), Instant.now(clock), client.portName()));
        boolean erased = options.eraseAfterVerify() && erase(entry);
        if (options.eraseAfterVerify() && !erased) {
            notes.add("verified and stored, but the device refused to erase it");
        }
        return new NightOutcome(id, NightOutcome.Status.DOWNLOADED, entry.sizeBytes(), got, resumedFrom, erased,
                String.join("; ", notes));
    }

    /** The GET_BLOCKS loop, with new sessions while they make progress. */
    private void fetch(NightEntry entry, BlockTransfer transfer, BlockTransfer.BlockSink sink) throws LinkException {
        int stalledSessions = 0;
        while (true) {
            int before = transfer.nextBlockIndex();
            try {
                client.fetchBlocks(transfer, options.maxBlocksPerRequest(), sink);
                return;
            } catch (LinkTimeoutException e) {
                stalledSessions = transfer.nextBlockIndex() > before ? 0 : stalledSessions + 1;
                if (stalledSessions >= options.sessionsWithoutProgress()) {
                    throw e;
                }
                reopenSession(entry);
            }
        }
    }

    /** A new session after a stall: the device may have restarted. Its night must be the same. */
    private void reopenSession(NightEntry entry) throws LinkException {
        try {
            client.hello();
            for (NightEntry now : client.listNights()) {
                if (now.nightId() == entry.nightId()) {
                    if (!now.sha256Matches(entry.sha256()) || now.sizeBytes() != entry.sizeBytes()
                            || now.blockCount() != entry.blockCount()) {
                        throw new LinkException("night " + entry.nightId() + " changed on the device during the "
                                + "download; run the download again");
                    }
                    return;
                }
            }
            throw new LinkException("night " + entry.nightId() + " vanished from the device during the download");
        } catch (LinkTimeoutException e) {
            // still no answer: the next fetch attempt counts as a stalled session
        }
    }

    private boolean erase(NightEntry entry) throws LinkException {
        try {
            client.eraseNight(entry.nightId(), entry.sha256());
            return true;
        } catch (DeviceErrorException e) {
            return false;
        }
    }
}
