package org.plmwatch.sim.device;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The device program in its own JVM (the test class path), with its stdout read line by line so
 * tests synchronise on what it printed, never on sleeps.
 */
final class ChildDevice implements AutoCloseable {

    private static final Pattern FLUSHED = Pattern.compile("flushed seq=(\\d+) bytes=(\\d+)");

    final Process process;
    private final BufferedReader out;
    final List<String> lines = new ArrayList<>();
    long lastFlushedSeq = -1;
    long lastFlushedBytes = -1;
    int flushes;

    private ChildDevice(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static ChildDevice start(Path data, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), "org.plmwatch.sim.DeviceMain",
                "--data", data.toString(), "--print-flushes"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return new ChildDevice(pb.start());
    }

    /** Reads lines until one starts with {@code prefix}; null at end of output. */
    String readUntil(String prefix) throws IOException {
        String line;
        while ((line = readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        return null;
    }

    /** Reads until {@code n} more flush lines were printed; false if the output ended first. */
    boolean awaitFlushes(int n) throws IOException {
        int target = flushes + n;
        while (flushes < target) {
            if (readLine() == null) {
                return false;
            }
        }
        return true;
    }

    String readLine() throws IOException {
        String line = out.readLine();
        if (line != null) {
            lines.add(line);
            Matcher m = FLUSHED.matcher(line);
            if (m.matches()) {
                lastFlushedSeq = Long.parseLong(m.group(1));
                lastFlushedBytes = Long.parseLong(m.group(2));
                flushes++;
            }
        }
        return line;
    }

    /** Reads the rest of the output and waits for the exit status. */
    int finish() throws IOException, InterruptedException {
        while (readLine() != null) {
            // keep the flush figures up to date
        }
        return process.waitFor();
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        out.close();
    }
}
