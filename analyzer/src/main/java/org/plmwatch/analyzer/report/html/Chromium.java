package org.plmwatch.analyzer.report.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Headless Chromium as the report's printer and, in tests, its reader: the HTML is made for a
 * browser, so a browser prints it to PDF (what the browser's own Print gives) and takes its
 * screenshots. Started with every background service off, so it makes no request of its own.
 */
public final class Chromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final long TIMEOUT_SECONDS = 120;

    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    /** The first Chromium on the PATH, if any. */
    public static Optional<Chromium> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : NAMES) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(new Chromium(p));
                }
            }
        }
        return Optional.empty();
    }

    /** What the browser printed while loading the page (console messages and its own log). */
    public record Run(int exitCode, String log) {
    }

    /** Prints {@code html} to an A4 PDF by the page's print stylesheet, without header or footer. */
    public Run printToPdf(Path html, Path pdf) throws IOException {
        return run(html, "--no-pdf-header-footer", "--print-to-pdf=" + pdf.toAbsolutePath());
    }

    /** A screenshot of the top {@code heightPx} of the page at {@code widthPx}. */
    public Run screenshot(Path html, Path png, int widthPx, int heightPx) throws IOException {
        return run(html, "--hide-scrollbars", "--window-size=" + widthPx + "," + heightPx,
                "--screenshot=" + png.toAbsolutePath());
    }

    private Run run(Path html, String... action) throws IOException {
        Path profile = Files.createTempDirectory("plmwatch-chromium-");
        try {
            List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-extensions", "--disable-default-apps", "--mute-audio",
                    "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile));
            cmd.addAll(List.of(action));
            cmd.add(html.toAbsolutePath().toUri().toString());
            Path log = profile.resolve("chromium.log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return new Run(p.exitValue(), new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
        } finally {
            try (Stream<Path> s = Files.walk(profile)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
