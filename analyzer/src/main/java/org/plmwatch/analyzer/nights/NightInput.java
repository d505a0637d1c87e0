package org.plmwatch.analyzer.nights;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one scoring job reads: a PSG event export alone, or one or two ankle recordings with an
 * optional PSG recorded at the same time. {@code score}, {@code report} and {@code batch} all turn
 * their arguments into these and hand them to {@link NightScoring}, so a night is scored the same
 * way whichever command asked.
 *
 * @param psg   PSG event export (RemLogic text or EDF+), or null
 * @param left  recording of the left ankle, or null
 * @param right recording of the right ankle, or null
 */
public record NightInput(Path psg, Path left, Path right) {

    public NightInput {
        if (psg == null && left == null && right == null) {
            throw new IllegalArgumentException("a night needs a PSG export or at least one recording");
        }
    }

    public static NightInput psgExport(Path psg) {
        return new NightInput(psg, null, null);
    }

    public static NightInput recordings(Path left, Path right, Path psg) {
        if (left == null && right == null) {
            throw new IllegalArgumentException("no recording given");
        }
        return new NightInput(psg, left, right);
    }

    /** True when ankle recordings are scored (the PSG, if any, gives only stages and events). */
    public boolean hasRecordings() {
        return left != null || right != null;
    }

    public Optional<Path> psgFile() {
        return Optional.ofNullable(psg);
    }

    /** Every file this input reads: recordings first, then the PSG. */
    public List<Path> files() {
        List<Path> files = new ArrayList<>(3);
        if (left != null) {
            files.add(left);
        }
        if (right != null) {
            files.add(right);
        }
        if (psg != null) {
            files.add(psg);
        }
        return files;
    }

    /** Short name for outputs: the first file's name without its extension(s). */
    public String name() {
        return baseName(files().get(0));
    }

    static String baseName(Path file) {
        return file.getFileName().toString().replaceFirst("\\.[^.]+$", "").replaceFirst("\\.remlogic$", "");
    }
}
