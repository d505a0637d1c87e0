package org.plmwatch.analyzer.nights;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.core.io.accel.AccelReaders;
import org.plmwatch.core.io.accel.AccelRecordingInfo;
import org.plmwatch.core.model.Leg;

/**
 * Turns what a user names on the command line (PSG exports, recordings, download archives, or
 * folders of them) into {@link NightInput}s, so {@code batch} and {@code report} find, classify
 * and pair files the same way.
 *
 * <ul>
 *   <li>Files are classified by content ({@link FileKinds}), never by extension.</li>
 *   <li>Folders are searched to {@link #MAX_DEPTH} levels (an archive is ARCHIVE/DEVICE/night
 *       files: two), in sorted order; hidden files, downloads in progress ({@code .part},
 *       {@code .part.progress}, {@code .tmp}), archive manifests ({@code night-N.properties}
 *       beside its {@code .night}) and a device data folder's {@code device-id} and
 *       {@code last-night-id} are skipped. Symbolic links inside a folder are followed only
 *       to files inside that same folder; the same file reached twice is used once.</li>
 *   <li>Each PSG export is one input, scored alone.</li>
 *   <li>Recordings that say their leg and start (device night files) are paired left with right
 *       when their times overlap and their starts are at most {@link #PAIR_MAX_START_DIFFERENCE}
 *       apart, nearest starts first. The others stay single-leg inputs, with a note.</li>
 *   <li>Recordings that do not say their leg (CSV, Axivity CWA) are never paired by guess: each is
 *       scored alone in the left slot, exactly as {@code score --left FILE} would, and the note
 *       says so. To pair two such files, name them with {@code --left}/{@code --right}.</li>
 *   <li>A file that cannot be classified or opened is a {@link Problem} with its reason; the
 *       others go on.</li>
 * </ul>
 * Inputs come out in a stable order: the order of the arguments, and within a folder the sorted
 * order of the paths; a pair sits where its first file would.
 */
public final class Inputs {

    /** Deep enough for a folder of archives (FOLDER/ARCHIVE/DEVICE/night file), shallow enough never to crawl a disk. */
    public static final int MAX_DEPTH = 6;

    /**
     * Two devices put on the same evening start within minutes of each other; a start a few
     * hours apart is still the same night (one strapped on later), a day apart is another night.
     */
    public static final Duration PAIR_MAX_START_DIFFERENCE = Duration.ofHours(3);

    /**
     * One scoring job and how to name it.
     *
     * @param source what was read, for outputs: the path(s) as the user named them
     * @param input  what {@link NightScoring} scores
     * @param notes  how the files were paired, for the user
     */
    public record Labelled(String source, NightInput input, List<String> notes) {
        public Labelled {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(input, "input");
            notes = List.copyOf(notes);
        }
    }

    /** A file or folder that gives no input, and why. */
    public record Problem(Path path, String reason) {
        public Problem {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** @param inputs the scoring jobs, in stable order; @param problems what could not be used, in the order met */
    public record Expansion(List<Labelled> inputs, List<Problem> problems) {
        public Expansion {
            inputs = List.copyOf(inputs);
            problems = List.copyOf(problems);
        }
    }

    /** Two recordings the user paired explicitly ({@code --left REC --right REC}); either may be null. */
    public record Pair(Path left, Path right) {
        public Pair {
            if (left == null && right == null) {
                throw new IllegalArgumentException("a pair needs a left or a right recording");
            }
        }
    }

    private Inputs() {
    }

    /** {@link #expand(List, List, List)} without explicit pairs or excluded folders. */
    public static Expansion expand(List<Path> paths) {
        return expand(paths, List.of(), List.of());
    }

    /**
     * @param paths    files and folders, as named by the user
     * @param pairs    recordings paired by the user: used as given, first, and left out of the
     *                 folder search
     * @param excluded folders never searched (e.g. the output folder when it lies inside an input)
     */
    public static Expansion expand(List<Path> paths, List<Pair> pairs, List<Path> excluded) {
        Collector c = new Collector(excluded);
        List<Labelled> inputs = new ArrayList<>();
        for (Pair p : pairs) {
            boolean ok = true;
            for (Path f : new Path[] {p.left(), p.right()}) {
                if (f != null) {
                    ok &= c.claim(f);
                }
            }
            if (ok) {
                inputs.add(new Labelled(pairLabel(p.left(), p.right()), NightInput.recordings(p.left(), p.right(), null),
                        List.of()));
            }
        }
        for (Path p : paths) {
            c.add(p);
        }
        inputs.addAll(c.build());
        return new Expansion(inputs, new ArrayList<>(c.problems.values()));
    }

    private static String pairLabel(Path left, Path right) {
        if (left == null) {
            return "right: " + right;
        }
        return right == null ? "left: " + left : "left: " + left + "; right: " + right;
    }

    /** A recording met while searching, before it is opened; {@code problemSeq} places its problem, if any. */
    private record Met(int order, Path path, int problemSeq) {
    }

    /** A recording seen while searching, with what its header says. */
    private record Rec(int order, Path path, Optional<Leg> leg, Optional<LocalDateTime> start,
                       Optional<LocalDateTime> end) {
    }

    /** Walks the arguments once, classifying each file; then pairs the recordings. */
    private static final class Collector {
        private final List<Path> excluded = new ArrayList<>();
        private final Set<Path> seen = new HashSet<>();
        /** Problems by the moment they were met (a recording's: when its file was met, though it is opened later). */
        private final TreeMap<Integer, Problem> problems = new TreeMap<>();
        private int problemSeq;
        /** Recordings met, opened together in {@link #build} (in parallel: opening reads the file). */
        private final List<Met> metRecordings = new ArrayList<>();
        /** Inputs by the order of their first file. */
        private final TreeMap<Integer, Labelled> byOrder = new TreeMap<>();
        private final List<Rec> recordings = new ArrayList<>();
        private int order;

        Collector(List<Path> excluded) {
            for (Path e : excluded) {
                this.excluded.add(real(e).orElse(e.toAbsolutePath().normalize()));
            }
        }

        private void problem(Problem p) {
            problems.put(problemSeq++, p);
        }

        /** Marks an explicitly paired file as used; false (and a problem) when it is not a readable file. */
        boolean claim(Path file) {
            Optional<Path> r = real(file);
            if (r.isEmpty() || !Files.isRegularFile(r.get())) {
                problem(new Problem(file, "no such file"));
                return false;
            }
            seen.add(r.get());
            return true;
        }

        void add(Path arg) {
            Optional<Path> r = real(arg);
            if (r.isEmpty()) {
                problem(new Problem(arg, "no such file or folder"));
                return;
            }
            if (Files.isDirectory(r.get())) {
                walk(arg, r.get());
            } else if (Files.isRegularFile(r.get())) {
                // A file the user named is used whatever its name (even hidden or .part): they asked for it.
                file(arg, r.get());
            } else {
                problem(new Problem(arg, "not a regular file or folder"));
            }
        }

        private void walk(Path arg, Path root) {
            if (isExcluded(root)) {
                return;
            }
            List<Path> files = new ArrayList<>();
            try {
                Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        if (!dir.equals(root) && (hidden(dir) || isExcluded(dir))) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (hidden(file)) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (attrs.isDirectory()) {
                            problem(new Problem(shown(arg, root, file), "folder deeper than " + MAX_DEPTH
                                    + " levels: not searched (name it as an argument of its own)"));
                        } else if (attrs.isSymbolicLink()) {
                            link(arg, root, file, files);
                        } else if (attrs.isRegularFile() && !skipped(file)) {
                            files.add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        problem(new Problem(shown(arg, root, file), "cannot be read: " + e.getMessage()));
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                problem(new Problem(arg, "cannot be searched: " + e.getMessage()));
                return;
            }
            files.sort(Comparator.comparing(f -> root.relativize(f).toString()));
            for (Path f : files) {
                file(shown(arg, root, f), f.toAbsolutePath().normalize());
            }
        }

        /** A link inside a searched folder: its file is used only when it lies inside the same folder. */
        private void link(Path arg, Path root, Path link, List<Path> files) {
            Optional<Path> target = real(link);
            if (target.isEmpty()) {
                problem(new Problem(shown(arg, root, link), "broken symbolic link"));
            } else if (!target.get().startsWith(root)) {
                problem(new Problem(shown(arg, root, link), "symbolic link out of the folder " + arg
                        + ": not followed (name its target as an argument to use it)"));
            } else if (Files.isRegularFile(target.get()) && !skipped(target.get())) {
                files.add(target.get());
            }
            // a link to a folder inside the root: that folder is searched anyway
        }

        private void file(Path shown, Path real) {
            if (!seen.add(real)) {
                return;
            }
            int at = order++;
            FileKinds.Sniffed kind;
            try {
                kind = FileKinds.sniff(real);
            } catch (IOException e) {
                problem(new Problem(shown, "cannot be read: " + e.getMessage()));
                return;
            }
            switch (kind.kind()) {
                case PSG_EXPORT -> byOrder.put(at, new Labelled(shown.toString(), NightInput.psgExport(shown), List.of()));
                case RECORDING -> recording(at, shown);
                case UNKNOWN -> problem(new Problem(shown, kind.reason()));
            }
        }

        private void recording(int at, Path shown) {
            metRecordings.add(new Met(at, shown, problemSeq++));
        }

        /** What a recording's header says, or why it cannot be opened (exactly one is null). */
        private record Opened(Rec rec, Problem problem) {
        }

        /** Opens one recording met; runs on any thread. */
        private static Opened open(Met m) {
            AccelRecordingInfo info;
            try {
                info = AccelReaders.open(m.path()).info();
            } catch (InputFormatException e) {
                return new Opened(null, new Problem(m.path(), e.getMessage()));
            } catch (IOException | RuntimeException e) {
                return new Opened(null, new Problem(m.path(), "cannot be read: " + e.getMessage()));
            }
            Optional<LocalDateTime> end = Optional.empty();
            if (info.start().isPresent() && info.sampleCount().isPresent() && info.nominalRateHz().isPresent()
                    && info.nominalRateHz().getAsDouble() > 0) {
                double seconds = info.sampleCount().getAsLong() / info.nominalRateHz().getAsDouble();
                if (Double.isFinite(seconds) && seconds >= 0 && seconds < 366 * 86_400.0) {
                    end = Optional.of(info.start().get().plusNanos(Math.round(seconds * 1e9)));
                }
            }
            return new Opened(new Rec(m.order(), m.path(), info.leg(), info.start(), end), null);
        }

        List<Labelled> build() {
            // Opening a recording reads it (a device night file whole, to find its sample count and
            // clock): done on all cores, results taken in the order the files were met.
            List<Opened> opened = metRecordings.parallelStream().map(Collector::open).toList();
            for (int i = 0; i < opened.size(); i++) {
                if (opened.get(i).problem() != null) {
                    problems.put(metRecordings.get(i).problemSeq(), opened.get(i).problem());
                } else {
                    recordings.add(opened.get(i).rec());
                }
            }
            List<Rec> lefts = new ArrayList<>();
            List<Rec> rights = new ArrayList<>();
            for (Rec r : recordings) {
                if (r.leg().isEmpty()) {
                    byOrder.put(r.order(), new Labelled(r.path().toString(), NightInput.recordings(r.path(), null, null),
                            List.of("the file does not say which leg it was worn on: scored alone as one leg, in "
                                    + "the left slot (to pair two such files, give them with --left and --right)")));
                } else {
                    (r.leg().get() == Leg.LEFT ? lefts : rights).add(r);
                }
            }
            record Candidate(Rec left, Rec right, long apartNanos) {
            }
            List<Candidate> candidates = new ArrayList<>();
            for (Rec l : lefts) {
                for (Rec r : rights) {
                    if (l.start().isEmpty() || r.start().isEmpty()) {
                        continue;
                    }
                    Duration apart = Duration.between(l.start().get(), r.start().get()).abs();
                    if (apart.compareTo(PAIR_MAX_START_DIFFERENCE) <= 0 && overlap(l, r)) {
                        candidates.add(new Candidate(l, r, apart.toNanos()));
                    }
                }
            }
            candidates.sort(Comparator.comparingLong(Candidate::apartNanos)
                    .thenComparingInt(c -> c.left().order()).thenComparingInt(c -> c.right().order()));
            Set<Rec> paired = new HashSet<>();
            for (Candidate c : candidates) {
                if (!paired.contains(c.left()) && !paired.contains(c.right())) {
                    paired.add(c.left());
                    paired.add(c.right());
                    byOrder.put(Math.min(c.left().order(), c.right().order()), new Labelled(
                            pairLabel(c.left().path(), c.right().path()),
                            NightInput.recordings(c.left().path(), c.right().path(), null), List.of()));
                }
            }
            for (Rec r : recordings) {
                if (r.leg().isEmpty() || paired.contains(r)) {
                    continue;
                }
                Leg leg = r.leg().get();
                Leg other = leg == Leg.LEFT ? Leg.RIGHT : Leg.LEFT;
                String why = r.start().isEmpty()
                        ? "the file does not say when it started, so it cannot be paired with a " + other.label()
                        + "-leg recording: scored as the " + leg.label() + " leg alone"
                        : "no " + other.label() + "-leg recording overlaps it: scored as the " + leg.label()
                        + " leg alone";
                byOrder.put(r.order(), new Labelled(pairLabel(leg == Leg.LEFT ? r.path() : null,
                        leg == Leg.RIGHT ? r.path() : null),
                        leg == Leg.LEFT ? NightInput.recordings(r.path(), null, null)
                                : NightInput.recordings(null, r.path(), null), List.of(why)));
            }
            return new ArrayList<>(byOrder.values());
        }

        /** Time ranges overlap; a recording whose length is unknown counts as overlapping (the start bound still holds). */
        private static boolean overlap(Rec a, Rec b) {
            if (a.end().isEmpty() || b.end().isEmpty()) {
                return true;
            }
            return a.start().get().isBefore(b.end().get()) && b.start().get().isBefore(a.end().get());
        }

        private boolean isExcluded(Path dir) {
            Path r = real(dir).orElse(dir.toAbsolutePath().normalize());
            for (Path e : excluded) {
                if (r.equals(e)) {
                    return true;
                }
            }
            return false;
        }

        private static Path shown(Path arg, Path root, Path file) {
            return arg.resolve(root.relativize(file));
        }
    }

    private static Optional<Path> real(Path p) {
        try {
            return Optional.of(p.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    /**
     * Files of a download archive or a device's data folder that are not nights: downloads in
     * progress, their progress files, manifests being written, manifests beside their night file,
     * and the device's {@code device-id} and {@code last-night-id} beside its {@code nights} folder.
     */
    static boolean skipped(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".part") || name.endsWith(".part.progress") || name.endsWith(".tmp")) {
            return true;
        }
        if ((name.equals("device-id") || name.equals("last-night-id"))
                && Files.isDirectory(file.resolveSibling("nights"), LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        if (name.endsWith(".properties")) {
            String night = name.substring(0, name.length() - ".properties".length()) + ".night";
            return Files.exists(file.resolveSibling(night), LinkOption.NOFOLLOW_LINKS);
        }
        return false;
    }
}
