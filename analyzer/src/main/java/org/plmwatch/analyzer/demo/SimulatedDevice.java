package org.plmwatch.analyzer.demo;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.plmwatch.core.model.Leg;

/**
 * The device program ({@code org.plmwatch.sim.DeviceMain}) in its own JVM, recording a synthetic
 * night as fast as it can and then serving it on a link, as a strapped-on device would when
 * plugged in. Readiness comes from the lines it prints, never from sleeping.
 */
public final class SimulatedDevice implements Closeable {

    private static final String LINK_LINE = "link: host connects to ";
    private static final String READY_LINE = "night closed; the link stays up";

    private final Process process;
    private final Leg leg;
    private final CompletableFuture<String> endpoint = new CompletableFuture<>();
    private final CompletableFuture<String> closedLine = new CompletableFuture<>();
    private final StringBuffer stderr = new StringBuffer();

    private SimulatedDevice(Process process, Leg leg) {
        this.process = process;
        this.leg = leg;
    }

    public static SimulatedDevice start(Leg leg, long seed, double hours, Path dataDir, String linkSpec) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                "org.plmwatch.sim.DeviceMain", "--sensor", "synthetic", "--seed", Long.toString(seed),
                "--hours", Double.toString(hours), "--speed", "0", "--leg", leg.label(),
                "--data", dataDir.toString(), "--link", linkSpec));
        SimulatedDevice d = new SimulatedDevice(new ProcessBuilder(cmd).start(), leg);
        d.watch();
        return d;
    }

    private void watch() {
        Thread out = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith(LINK_LINE)) {
                        endpoint.complete(line.substring(LINK_LINE.length()).split(" ")[0]);
                    } else if (line.startsWith("closed night=")) {
                        closedLine.complete(line);
                    } else if (line.startsWith(READY_LINE)) {
                        closedLine.complete(closedLine.getNow(line));
                    }
                }
            } catch (IOException e) {
                // the process ended; the futures below report it
            }
            IllegalStateException gone = new IllegalStateException("the " + leg.label()
                    + " device program ended early: " + stderr.toString().strip());
            endpoint.completeExceptionally(gone);
            closedLine.completeExceptionally(gone);
        }, "device-" + leg.label() + "-stdout");
        Thread err = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    stderr.append(line).append('\n');
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "device-" + leg.label() + "-stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    public Leg leg() {
        return leg;
    }

    /** Where the host connects: a pty path or tcp:PORT. */
    public String endpoint(long timeoutSeconds) throws IOException {
        return await(endpoint, timeoutSeconds, "announce its link");
    }

    /** Waits until the night is recorded and closed; returns the device's summary line. */
    public String awaitNightClosed(long timeoutSeconds) throws IOException {
        return await(closedLine, timeoutSeconds, "finish recording");
    }

    private String await(CompletableFuture<String> f, long timeoutSeconds, String what) throws IOException {
        try {
            return f.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the " + leg.label() + " device program did not " + what + " within "
                    + timeoutSeconds + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** SIGTERM, as a patient unplugging the device would cause a clean stop. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
