package org.plmwatch.sim.link;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pseudo-terminal pair joined by {@code socat -d -d pty,raw,echo=0 pty,raw,echo=0} (Debian package
 * {@code socat}): bytes written to one end come out of the other, through the kernel's tty layer,
 * as over a real serial cable. socat announces each end on stderr ("N PTY is /dev/pts/7"); this
 * waits for both lines (no sleeps) and keeps draining stderr so socat never blocks on it. socat
 * survives either end being closed and opened again, so hosts can come and go.
 */
public final class SocatPty implements Closeable {

    private static final Pattern PTY_LINE = Pattern.compile("PTY is (/dev/\\S+)");
    private static final long START_TIMEOUT_SECONDS = 5;

    private final Process process;
    private final Path first;
    private final Path second;

    private SocatPty(Process process, Path first, Path second) {
        this.process = process;
        this.first = first;
        this.second = second;
    }

    /** Whether a {@code socat} executable is on the PATH. */
    public static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "socat"))) {
                return true;
            }
        }
        return false;
    }

    /** Starts socat and returns once it has announced both pty paths. */
    public static SocatPty start() throws IOException {
        // socat runs under a shell that waits on our stdin pipe and kills socat when it closes:
        // the pipe closes however this JVM ends (close(), System.exit, halt, even SIGKILL), so no
        // orphaned socat keeps a pty pair alive after the device program is gone.
        Process p = new ProcessBuilder("sh", "-c",
                "socat -d -d pty,raw,echo=0 pty,raw,echo=0 & s=$!; cat >/dev/null; kill $s 2>/dev/null; wait $s")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        CompletableFuture<List<Path>> paths = new CompletableFuture<>();
        Thread drain = new Thread(() -> drain(p, paths), "socat-stderr");
        drain.setDaemon(true);
        drain.start();
        try {
            List<Path> ends = paths.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new SocatPty(p, ends.get(0), ends.get(1));
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IOException("socat did not announce two ptys within " + START_TIMEOUT_SECONDS
                    + " s (is the Debian package socat installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting socat", e);
        }
    }

    private static void drain(Process p, CompletableFuture<List<Path>> paths) {
        List<Path> found = new ArrayList<>(2);
        StringBuilder seen = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (found.size() < 2) {
                    seen.append(line).append('\n');
                    Matcher m = PTY_LINE.matcher(line);
                    if (m.find()) {
                        found.add(Path.of(m.group(1)));
                        if (found.size() == 2) {
                            paths.complete(List.copyOf(found));
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the process ended; the future below reports it if it was still waiting
        }
        paths.completeExceptionally(new IOException("socat ended before announcing two ptys; it said: " + seen));
    }

    /** The first pty end (the device serves this one). */
    public Path first() {
        return first;
    }

    /** The second pty end (the host opens this one). */
    public Path second() {
        return second;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();   // the shell kills socat and exits
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                return;
            }
        } catch (IOException e) {
            // fall through to killing the shell
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
