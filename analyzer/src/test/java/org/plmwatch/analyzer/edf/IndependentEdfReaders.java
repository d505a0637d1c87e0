package org.plmwatch.analyzer.edf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads EDF+ files back with readers that share no code with ours: Debian's EDFlib through
 * {@code edflib/read_edfplus.c} (compiled once per JVM; skipped without gcc or libedf-dev) and
 * MNE-Python through {@code mne/read_edf.py} (skipped without python3-mne).
 */
public final class IndependentEdfReaders {

    /** Debian's interpreter, where python3-mne installs (a python3 earlier on the PATH may not see it). */
    private static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    private static Path edflibReader;
    private static Path mneScript;

    private IndependentEdfReaders() {
    }

    /** What EDFlib says about a file. */
    public record Edflib(Map<String, String> fields, List<String[]> signals, List<String[]> annotations,
                         Map<String, Double> medianMagnitude) {

        public long annotationsWith(String text) {
            return annotations.stream().filter(a -> a[2].equals(text)).count();
        }
    }

    public static synchronized Edflib edflib(Path edf) throws IOException, InterruptedException {
        if (edflibReader == null) {
            Assumptions.assumeTrue(Files.isRegularFile(Path.of("/usr/include/edflib.h")),
                    "edflib.h absent (Debian package libedf-dev)");
            Path dir = Files.createTempDirectory("plmwatch-edflib");
            Path source = dir.resolve("read_edfplus.c");
            try (InputStream in = IndependentEdfReaders.class.getResourceAsStream("/edflib/read_edfplus.c")) {
                Files.copy(in, source);
            }
            Path binary = dir.resolve("read_edfplus");
            Process gcc;
            try {
                gcc = new ProcessBuilder("gcc", "-O1", "-o", binary.toString(), source.toString(), "-ledf", "-lm")
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                Assumptions.abort("gcc absent: " + e.getMessage());
                return null;
            }
            String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(gcc.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, gcc.exitValue(), "gcc: " + out);
            edflibReader = binary;
        }
        Process p = new ProcessBuilder(edflibReader.toString(), edf.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "EDFlib could not read the file: " + out);
        Map<String, String> fields = new LinkedHashMap<>();
        List<String[]> signals = new ArrayList<>();
        List<String[]> annotations = new ArrayList<>();
        Map<String, Double> magnitudes = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            switch (key) {
                case "signal" -> signals.add(value.split("\\|", -1));
                case "annotation" -> annotations.add(value.split("\\|", 3));
                case "median_magnitude" -> {
                    String[] v = value.split("\\|");
                    magnitudes.put(v[0].trim(), Double.parseDouble(v[1]));
                }
                default -> fields.put(key, value);
            }
        }
        return new Edflib(fields, signals, annotations, magnitudes);
    }

    /** What MNE-Python says about a file, as the JSON object {@code mne/read_edf.py} prints. */
    public static synchronized JsonNode mne(Path edf) throws IOException, InterruptedException {
        Process probe;
        try {
            probe = new ProcessBuilder(PYTHON, "-c", "import mne").redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("python3 absent: " + e.getMessage());
            return null;
        }
        probe.getInputStream().readAllBytes();
        assertTrue(probe.waitFor(120, TimeUnit.SECONDS));
        Assumptions.assumeTrue(probe.exitValue() == 0, "MNE-Python absent (Debian package python3-mne)");
        if (mneScript == null) {
            Path dir = Files.createTempDirectory("plmwatch-mne");
            mneScript = dir.resolve("read_edf.py");
            try (InputStream in = IndependentEdfReaders.class.getResourceAsStream("/mne/read_edf.py")) {
                Files.copy(in, mneScript);
            }
        }
        Path errors = Files.createTempFile("plmwatch-mne", ".err");
        Process p = new ProcessBuilder(PYTHON, mneScript.toString(), edf.toString())
                .redirectError(errors.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        String err = Files.readString(errors);
        Files.delete(errors);
        assertEquals(0, p.exitValue(), "MNE could not read the file: " + err);
        return new ObjectMapper().readTree(out);
    }
}
