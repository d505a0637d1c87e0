package org.plmwatch.analyzer.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.plmwatch.analyzer.link.DeviceErrorException;
import org.plmwatch.analyzer.link.HostTransport;
import org.plmwatch.analyzer.link.LinkClient;
import org.plmwatch.analyzer.link.LinkException;
import org.plmwatch.analyzer.link.LinkTimeouts;
import org.plmwatch.analyzer.report.TerminalText;
import org.plmwatch.core.link.DeviceInfo;
import org.plmwatch.core.link.ErrorReply;
import org.plmwatch.core.link.Frame;
import org.plmwatch.core.link.LiveMovement;
import org.plmwatch.core.link.LiveSamples;
import org.plmwatch.core.link.TimeSet;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code plmwatch live}: leg movements as the device detects them, and once a second a bar of how
 * much the leg moves (largest deviation of |a| from 1 g in that second). The clock is set first,
 * so device times print as wall-clock times.
 */
@Command(name = "live", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show leg movements as they happen (time, leg, duration, peak g) and a once-per-second "
                + "activity bar, for checking that the device is worn and working."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:internal error", "2:usage error",
            "5:no device answers, the link failed, or no new live data for 10 s"})
final class LiveCommand implements Callable<Integer> {

    private static final long KEEP_ALIVE_NANOS = 3_000_000_000L;
    private static final double BAR_FULL_SCALE_G = 0.5;
    private static final int BAR_WIDTH = 25;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.S", Locale.ROOT);

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", description = "Serial port or tcp:PORT; default: the one port "
            + "where a plmwatch device answers.")
    String port;

    @Option(names = "--seconds", paramLabel = "N", description = "Stop after N seconds (default: until Ctrl-C; "
            + "the device stops streaming 10 s after the host goes quiet). Either way 10 s without new live data "
            + "from the device end it with exit 5.")
    int seconds;

    private long syncEpochMillis;
    private long syncMonotonicMicros;
    private long barSecond = Long.MIN_VALUE;
    private double barPeakG;
    private int movements;

    @Override
    public Integer call() throws Exception {
        if (seconds < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be >= 0 (0: until Ctrl-C)");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            String p = LinkPorts.choose(port, err);
            try (LinkClient client = new LinkClient(HostTransport.open(p), LinkPorts.timeouts)) {
                DeviceInfo info = client.hello();
                TimeSet t = client.setTime(System.currentTimeMillis());
                syncEpochMillis = t.hostEpochMillis();
                syncMonotonicMicros = t.deviceMonotonicMicros();
                out.println("live from " + LinkPorts.describe(info) + " on " + TerminalText.escape(p)
                        + (seconds > 0 ? " for " + seconds + " s" : " (Ctrl-C stops)"));
                out.flush();
                stream(client, out);
                client.liveStop();
                long lost = client.stats().received().framesLost();
                out.println((movements == 1 ? "1 movement" : movements + " movements") + (lost > 0 ? "; " + lost + " live frames lost on the link" : ""));
                out.flush();
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        } catch (LinkException e) {
            err.println(TerminalText.escape("plmwatch: " + e.getMessage()));
            return LinkPorts.NO_DEVICE;
        }
        return ExitCode.OK;
    }

    /**
     * Prints live frames until the end. A device that stops streaming, or streams nothing new
     * (frames that are not live data, samples repeating old times), ends it with exit 5 after
     * {@link LinkTimeouts#liveSilenceMillis()}: a live view must never sit silently on a dead feed.
     */
    private void stream(LinkClient client, PrintWriter out) throws LinkException {
        long end = seconds > 0 ? System.nanoTime() + seconds * 1_000_000_000L : Long.MAX_VALUE;
        long silenceNanos = client.timeouts().liveSilenceMillis() * 1_000_000L;
        client.liveStart(true);
        long nextKeepAlive = System.nanoTime() + KEEP_ALIVE_NANOS;
        long lastNews = System.nanoTime();
        long latestSampleMicros = Long.MIN_VALUE;
        while (seconds == 0 || System.nanoTime() - end < 0) {
            long now = System.nanoTime();
            if (now - lastNews >= silenceNanos) {
                throw new LinkException("no new live data from the device for "
                        + client.timeouts().liveSilenceMillis() / 1000.0 + " s: it stopped streaming (is it still on "
                        + "and connected?)");
            }
            if (now - nextKeepAlive >= 0) {
                client.liveKeepAlive(true);
                nextKeepAlive = now + KEEP_ALIVE_NANOS;
            }
            long untilEnd = seconds == 0 ? Long.MAX_VALUE : (end - now) / 1_000_000L;
            long untilSilence = (lastNews + silenceNanos - now) / 1_000_000L;
            long waitMillis = Math.max(1, Math.min(250, Math.min(untilEnd, untilSilence)));
            Optional<Frame> f = client.nextLiveFrame(waitMillis);
            if (f.isEmpty()) {
                continue;
            }
            if (f.get().message() instanceof LiveMovement m) {
                lastNews = System.nanoTime();
                movements++;
                out.println(String.format(Locale.ROOT, "%s  %-5s  movement %5.1f s  peak %.2f g",
                        wallTime(m.onsetMonotonicMicros()), m.leg().label(), m.durationMicros() / 1e6, m.peakG()));
                out.flush();
            } else if (f.get().message() instanceof LiveSamples s) {
                long last = s.sampleMonotonicMicros(s.sampleCount() - 1);
                if (last > latestSampleMicros) {   // a repeat of old samples is no news
                    latestSampleMicros = last;
                    lastNews = System.nanoTime();
                    samples(s, out);
                }
            } else if (f.get().message() instanceof ErrorReply e) {
                throw new DeviceErrorException(e.code(), e.text());
            }
        }
        if (barSecond != Long.MIN_VALUE) {
            bar(out);
        }
    }

    /** Activity per device second: the largest | |a| − 1 g | among its samples. */
    private void samples(LiveSamples s, PrintWriter out) {
        for (int i = 0; i < s.sampleCount(); i++) {
            long second = Math.floorDiv(s.sampleMonotonicMicros(i), 1_000_000L);
            if (second != barSecond) {
                if (barSecond != Long.MIN_VALUE) {
                    bar(out);
                }
                barSecond = second;
                barPeakG = 0;
            }
            double x = s.xG(i);
            double y = s.yG(i);
            double z = s.zG(i);
            barPeakG = Math.max(barPeakG, Math.abs(Math.sqrt(x * x + y * y + z * z) - 1));
        }
    }

    private void bar(PrintWriter out) {
        int n = (int) Math.round(Math.min(1, barPeakG / BAR_FULL_SCALE_G) * BAR_WIDTH);
        out.println(String.format(Locale.ROOT, "%s  activity |%s%s| %.2f g",
                wallTime(barSecond * 1_000_000L).substring(0, 8), "#".repeat(n), " ".repeat(BAR_WIDTH - n), barPeakG));
        out.flush();
    }

    private String wallTime(long deviceMicros) {
        long millis = syncEpochMillis + Math.floorDiv(deviceMicros - syncMonotonicMicros, 1000L);
        return TIME.format(Instant.ofEpochMilli(millis).atZone(ZoneId.systemDefault()));
    }
}
