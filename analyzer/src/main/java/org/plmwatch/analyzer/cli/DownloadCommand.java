package org.plmwatch.analyzer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.plmwatch.analyzer.link.Archive;
import org.plmwatch.analyzer.link.ArchiveRefusedException;
import org.plmwatch.analyzer.link.DownloadProgress;
import org.plmwatch.analyzer.link.DownloadSummary;
import org.plmwatch.analyzer.link.Downloader;
import org.plmwatch.analyzer.link.HostTransport;
import org.plmwatch.analyzer.link.LinkClient;
import org.plmwatch.analyzer.link.LinkException;
import org.plmwatch.analyzer.link.NightOutcome;
import org.plmwatch.analyzer.report.TerminalText;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plmwatch download}: every new night from the device into the archive, resumable and verified. */
@Command(name = "download", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Download every night not yet archived from a plmwatch device, verify each against the "
                + "device's SHA-256 and store it as ARCHIVE/DEVICE-FOLDER/night-NNNNNN.night with a manifest "
                + "(DEVICE-FOLDER: the device id made safe, '-', 16 hex digits of its SHA-256).",
            "An interrupted download resumes where it stopped; a verified night is never overwritten."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every finished night is in the archive", "1:internal error (disk full, I/O error)",
            "2:usage error (e.g. several devices answer: choose with --port)",
            "5:no device answers, the link failed or the device misbehaved (what is safe and how to resume is "
                + "printed), or a path under the archive is a link"})
final class DownloadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", description = "Serial port (/dev/ttyACM0, a simulator pty) or "
            + "tcp:PORT; default: the one port where a plmwatch device answers.")
    String port;

    @Option(names = "--archive", paramLabel = "DIR", description = "Archive folder (default: ~/plmwatch-archive).")
    Path archive;

    @Option(names = "--erase-after-verify", description = "Erase each night on the device once its archived copy "
            + "is verified (the device checks the SHA-256 again; the recording night is never erased).")
    boolean eraseAfterVerify;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Archive store = new Archive(archive != null ? archive : Archive.defaultRoot());
        DownloadSummary s;
        try {
            String p = LinkPorts.choose(port, err);
            DownloadProgress progress = System.console() != null ? new TerminalProgress(err) : DownloadProgress.NONE;
            try (LinkClient client = new LinkClient(HostTransport.open(p), LinkPorts.timeouts)) {
                s = new Downloader(client, store, Downloader.Options.DEFAULT.withEraseAfterVerify(eraseAfterVerify),
                        progress, Clock.systemUTC()).run();
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        } catch (LinkException | ArchiveRefusedException e) {
            err.println(TerminalText.escape("plmwatch: " + e.getMessage()));
            return LinkPorts.NO_DEVICE;
        }
        // device ids and the device's error texts are the device's words: escaped before they reach the terminal
        out.println(TerminalText.escape("device " + s.deviceId() + " on " + s.port() + ", archive "
                + store.deviceDir(s.deviceId())));
        for (NightOutcome n : s.nights()) {
            out.println(TerminalText.escape(line(n)));
        }
        out.println(String.format(Locale.ROOT, "%d downloaded, %d already archived, %d recording, %d failed; "
                + "%s in %.1f s (%s/s)", s.count(NightOutcome.Status.DOWNLOADED),
                s.count(NightOutcome.Status.ALREADY_ARCHIVED), s.count(NightOutcome.Status.SKIPPED_RECORDING),
                s.count(NightOutcome.Status.FAILED), TerminalProgress.megabytes(s.bytesTransferred()), s.seconds(),
                TerminalProgress.megabytes((long) (s.bytesTransferred() / Math.max(1e-3, s.seconds())))));
        out.flush();
        if (!s.allStored()) {
            err.println("plmwatch: some nights were not downloaded; run the same command again to resume");
            return LinkPorts.NO_DEVICE;
        }
        return ExitCode.OK;
    }

    private static String line(NightOutcome n) {
        String night = String.format(Locale.ROOT, "night %d: ", n.nightId());
        String erased = n.erased() ? ", erased on the device" : "";
        return switch (n.status()) {
            case DOWNLOADED -> night + "downloaded " + TerminalProgress.megabytes(n.bytesTransferred())
                    + (n.resumedFromBlock() > 0 ? " (resumed at block " + n.resumedFromBlock() + ")" : "")
                    + ", verified" + erased + (n.message().isEmpty() ? "" : "; " + n.message());
            case ALREADY_ARCHIVED -> night + "already in the archive" + erased
                    + (n.message().isEmpty() ? "" : "; " + n.message());
            case SKIPPED_RECORDING -> night + n.message();
            case FAILED -> night + "FAILED: " + n.message();
        };
    }
}
