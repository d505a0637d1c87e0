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

    public Downloader(LinkClient client, Archive archive, Options options, DownloadProgress progress, Clock clock) {
        this.client = client;
        this.archive = archive;
        this.options = options;
        this.progress = progress;
        this.clock = clock;
    }

    /** Downloads every night; link failures of one night are reported in its outcome, the rest go on. */
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
        for (NightEntry entry : nights) {
            NightOutcome o = night(info.deviceId(), entry);
            transferred += o.bytesTransferred();
            outcomes.add(o);
        }
        return new DownloadSummary(info.deviceId(), client.portName(), outcomes, transferred,
                (System.nanoTime() - started) / 1e9, client.stats());
    }

    private NightOutcome night(String deviceId, NightEntry entry) throws IOException {
        int id = entry.nightId();
        Optional<NightManifest> have;
        try {
            have = archive.verified(deviceId, id);
        } catch (IOException e) {
            return new NightOutcome(id, NightOutcome.Status.FAILED, entry.sizeBytes(), 0, 0, false, e.getMessage());
        }
        if (have.isPresent()) {
            boolean erased = false;
            String note = "";
            if (options.eraseAfterVerify() && !entry.recording()
                    && have.get().sha256Hex().equals(Archive.hex(entry.sha256()))) {
                erased = erase(entry);
                note = erased ? "" : "not erased: the device refused";
            }
            return new NightOutcome(id, NightOutcome.Status.ALREADY_ARCHIVED, entry.sizeBytes(), 0, 0, erased, note);
        }
        if (entry.recording()) {
            return new NightOutcome(id, NightOutcome.Status.SKIPPED_RECORDING, entry.sizeBytes(), 0, 0, false,
                    "still recording: download it after the recording has stopped");
        }
        if (java.nio.file.Files.exists(archive.nightFile(deviceId, id))) {
            return new NightOutcome(id, NightOutcome.Status.FAILED, entry.sizeBytes(), 0, 0, false,
                    archive.nightFile(deviceId, id) + " exists without a manifest: move it away and download again");
        }
        PartFile part = archive.openPart(deviceId, id);
        if (part.blocks() > entry.blockCount()) {
            archive.discard(part); // not a prefix of this night: start over
            part = archive.openPart(deviceId, id);
        }
        int resumedFrom = part.blocks();
        long before = part.bytes();
        progress.start(id, entry.sizeBytes(), before);
        PartFile target = part;
        BlockTransfer transfer = new BlockTransfer(id, part.blocks());
        BlockTransfer.BlockSink sink = (index, block) -> {
            target.append(index, block);
            progress.advance(block.length);
        };
        try {
            fetch(entry, transfer, sink);
        } catch (LinkException e) {
            part.sync();
            part.close();
            progress.end();
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
        archive.commit(part, new NightManifest(deviceId, id, Archive.hex(sha), part.bytes(), part.blocks(),
                entry.startEpochMillis(), Instant.now(clock), client.portName()));
        boolean erased = options.eraseAfterVerify() && erase(entry);
        return new NightOutcome(id, NightOutcome.Status.DOWNLOADED, entry.sizeBytes(), got, resumedFrom, erased,
                options.eraseAfterVerify() && !erased ? "verified and stored, but the device refused to erase it" : "");
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
                    if (!now.sha256Matches(entry.sha256())) {
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
