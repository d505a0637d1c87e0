package org.plmwatch.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

import org.plmwatch.core.model.Leg;
import org.plmwatch.sim.device.DeviceOptions;
import org.plmwatch.sim.device.ExitCodes;
import org.plmwatch.sim.link.LinkServers;
import org.plmwatch.sim.device.DeviceProgram;
import org.plmwatch.sim.device.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plmwatch-device}: the program that runs on the ankle device, and on a PC as its
 * simulator. Parses the command line and runs one {@link DeviceProgram}; exit statuses are
 * {@link ExitCodes}.
 */
@Command(name = "plmwatch-device", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = DeviceMain.Version.class,
        description = {"Records one night: accelerometer -> on-device leg-movement detector -> night file "
                + "(DATA/nights/night-NNNNNN.night). A night cut by a power loss is continued on the next start.",
                "On a PC: --sensor synthetic or --sensor replay:FILE."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:night recorded and closed (end of data, or SIGTERM)", "1:internal or storage error",
                "2:usage error", "3:bad input (e.g. unreadable replay file)",
                "4:self-test failed (sensor missing or wrong, storage not writable or full, clock)",
                "5:the link could not be served on the --link port",
                "10:battery low: night closed, do not restart"})
public final class DeviceMain implements Callable<Integer> {

    @Option(names = "--sensor", paramLabel = "lis3dh|adxl345|synthetic|replay:FILE", defaultValue = "lis3dh",
            description = "Sample source (default: ${DEFAULT-VALUE}).")
    String sensor;

    @Option(names = "--leg", paramLabel = "left|right", defaultValue = "left",
            description = "Leg the device is strapped to, written to the night file; for synthetic, the leg streamed "
                    + "(default: ${DEFAULT-VALUE}).")
    String leg;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory: device-id, last-night-id, nights/ (default: $XDG_DATA_HOME/plmwatch-device, "
                    + "else ~/.local/share/plmwatch-device; never the current folder).")
    Path data;

    /**
     * The default data directory, by the XDG base-directory rule: a program's data lives under
     * $XDG_DATA_HOME (absolute, else ignored) or ~/.local/share, never in whatever folder the
     * program was started from (a run from a source checkout would leave nights in the repository).
     */
    static Path defaultDataDir(java.util.Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(userHome, ".local", "share");
        return base.resolve("plmwatch-device");
    }

    @Option(names = "--speed", paramLabel = "N", defaultValue = "1",
            description = "Simulated sensors: N times real time; 0 = as fast as possible, and then flushes come every "
                    + "--flush-seconds of real time, not device time (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--flush-seconds", paramLabel = "S", defaultValue = "2",
            description = "Device time between flushes to storage; a power cut loses at most this plus the sensor "
                    + "FIFO (0.64 s); real time at --speed 0 (default: ${DEFAULT-VALUE}).")
    double flushSeconds;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Synthetic night seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--hours", paramLabel = "H", defaultValue = "8",
            description = "Synthetic night length, 0.25-24 h (default: ${DEFAULT-VALUE}).")
    double hours;

    @Option(names = "--marks", paramLabel = "SECONDS", split = ",",
            description = "Simulator: button presses at these device times in seconds (e.g. 600,28500); like the "
                    + "button they alternate lights-off / lights-on.")
    List<Double> marks = new ArrayList<>();

    @Option(names = "--min-free-mb", paramLabel = "MB", defaultValue = "16",
            description = "Free space below which samples stop (storage full) (default: ${DEFAULT-VALUE}).")
    double minFreeMb;

    @Option(names = "--print-flushes", description = "Print 'flushed seq=N bytes=B' after each flush.")
    boolean printFlushes;

    @Option(names = "--low-battery-at", paramLabel = "SECONDS",
            description = "Simulator: the battery reads low from this device time; the night closes 10 s later (exit 10).")
    Double lowBatteryAt;

    @Option(names = "--link", paramLabel = "PATH|pty|tcp:PORT",
            description = {"Serve the link protocol: a serial device such as /dev/ttyGS0 (the Pi's USB gadget port), "
                + "'pty' (starts socat and prints the host's end) or tcp:PORT (127.0.0.1; 0 picks a free port).",
                "After the night closes the link stays up until SIGTERM, so the host can download it."})
    String link;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        DeviceProgram program = new DeviceProgram(options(), System.out, System.err);
        if (link == null) {
            program.installShutdownHook();
            try {
                return program.run();
            } finally {
                program.close();   // the program ends here: LED off
            }
        }
        ignoreHangup();
        LinkServers.Handle handle;
        try {
            handle = LinkServers.start(link, program.hooks());
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("plmwatch-device: cannot serve the link on '" + link + "': " + e.getMessage()
                    + ". Fix: give an existing serial device, 'pty' (needs the socat package) or tcp:PORT.");
            return ExitCodes.LINK;
        }
        // Only now: installed before, the hook would wait its 8 s for a recording that never started
        // and turn a missing --link port into exit 1.
        program.installShutdownHook();
        int status = program.run();
        if (status == ExitCodes.LOW_BATTERY || status == ExitCodes.USAGE || status == ExitCodes.BAD_INPUT) {
            // Low battery must power off; usage and input errors need a person at a keyboard.
            closeQuietly(handle);
            program.close();
            return status;
        }
        if (status == ExitCodes.OK) {
            System.out.println("night closed; the link stays up until SIGTERM");
        } else {
            // A failed sensor, full card or recording error must not hide the nights already on
            // the card: keep serving them (the LED shows the fault) instead of exiting into a
            // restart loop.
            System.out.println("recording stopped with status " + status + "; the link stays up until SIGTERM "
                    + "so the nights on this device can still be downloaded");
        }
        System.out.flush();
        // The recording is safe on disk; SIGTERM now only has to take the link down and, the program
        // really ending, switch off the LED, which showed the fault (or dark) while the link was up.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeQuietly(handle);
            program.close();
            Runtime.getRuntime().halt(status);
        }, "plmwatch-link-shutdown"));
        new CountDownLatch(1).await();
        return ExitCodes.OK;
    }

    /**
     * Java opens a serial port without O_NOCTTY, so under systemd (a session leader with no
     * terminal) /dev/ttyGS0 can become the controlling terminal, and a pulled cable would then
     * SIGHUP the JVM and split the night. The night only ends on SIGTERM or low battery.
     */
    @SuppressWarnings("removal")
    private static void ignoreHangup() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sun.misc.SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException e) {
            // no SIGHUP on this platform: nothing to ignore
        }
    }

    private static void closeQuietly(LinkServers.Handle handle) {
        try {
            handle.close();
        } catch (IOException e) {
            System.err.println("plmwatch-device: closing the link: " + e.getMessage());
        }
    }

    private DeviceOptions options() {
        String kind = sensor;
        Optional<Path> replay = Optional.empty();
        if (sensor.startsWith("replay:")) {
            kind = "replay";
            if (sensor.length() == "replay:".length()) {
                throw usage("--sensor replay:FILE needs a file, e.g. --sensor replay:night.csv");
            }
            replay = Optional.of(Path.of(sensor.substring("replay:".length())));
        } else if (!List.of("lis3dh", "adxl345", "synthetic").contains(sensor)) {
            throw usage("--sensor must be lis3dh, adxl345, synthetic or replay:FILE, was '" + sensor + "'");
        }
        Leg l = switch (leg.toLowerCase(Locale.ROOT)) {
            case "left" -> Leg.LEFT;
            case "right" -> Leg.RIGHT;
            default -> throw usage("--leg must be left or right, was '" + leg + "'");
        };
        try {
            Path dataDir = data != null ? data : defaultDataDir(System.getenv(), System.getProperty("user.home"));
            return new DeviceOptions(kind, replay, l, dataDir, speed, flushSeconds, seed, hours, marks,
                    Math.round(minFreeMb * 1e6), printFlushes,
                    lowBatteryAt == null ? OptionalDouble.empty() : OptionalDouble.of(lowBatteryAt));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new DeviceMain()).execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"plmwatch-device " + DeviceProgram.version()};
        }
    }
}
