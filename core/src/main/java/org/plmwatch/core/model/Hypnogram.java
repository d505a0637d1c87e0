package org.plmwatch.core.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The scored epochs of a night, sorted by onset. Epochs may leave gaps (unscored time) but must
 * not overlap.
 */
public final class Hypnogram {

    private final List<Epoch> epochs;
    private final double[] onsets;

    public Hypnogram(List<Epoch> epochs) {
        List<Epoch> sorted = new ArrayList<>(epochs);
        sorted.sort(Comparator.comparingDouble(Epoch::onsetSeconds));
        for (int i = 1; i < sorted.size(); i++) {
            Epoch prev = sorted.get(i - 1);
            Epoch cur = sorted.get(i);
            // A millisecond of slack: exports round epoch starts to the millisecond.
            if (cur.onsetSeconds() < prev.offsetSeconds() - 1e-3) {
                throw new IllegalArgumentException("epochs overlap: " + prev + " and " + cur);
            }
        }
        this.epochs = List.copyOf(sorted);
        this.onsets = new double[sorted.size()];
        for (int i = 0; i < onsets.length; i++) {
            onsets[i] = sorted.get(i).onsetSeconds();
        }
    }

    public static Hypnogram empty() {
        return new Hypnogram(List.of());
    }

    public List<Epoch> epochs() {
        return epochs;
    }

    public boolean isEmpty() {
        return epochs.isEmpty();
    }

    /** The epoch containing {@code t} (onset inclusive, offset exclusive), or {@code null} if none. */
    public Epoch epochAt(double t) {
        int lo = 0;
        int hi = onsets.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (onsets[mid] <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            return null;
        }
        Epoch e = epochs.get(found);
        return t < e.offsetSeconds() ? e : null;
    }

    /** Rule 13: the stage of the epoch containing {@code t}; wake when no epoch contains it. */
    public Stage stageAt(double t) {
        Epoch e = epochAt(t);
        return e == null ? Stage.WAKE : e.stage();
    }

    /** Rule 14: time in bed, the total duration of scored epochs. */
    public double tibSeconds() {
        double sum = 0;
        for (Epoch e : epochs) {
            sum += e.durationSeconds();
        }
        return sum;
    }

    /** Rule 14: total sleep time, the duration of epochs scored as sleep. */
    public double tstSeconds() {
        double sum = 0;
        for (Epoch e : epochs) {
            if (e.stage().isSleep()) {
                sum += e.durationSeconds();
            }
        }
        return sum;
    }

    /** Seconds scored in each stage; stages never scored are absent. */
    public Map<Stage, Double> secondsByStage() {
        Map<Stage, Double> m = new EnumMap<>(Stage.class);
        for (Epoch e : epochs) {
            m.merge(e.stage(), e.durationSeconds(), Double::sum);
        }
        return m;
    }

    public double startSeconds() {
        return epochs.isEmpty() ? 0 : epochs.get(0).onsetSeconds();
    }

    public double endSeconds() {
        return epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1).offsetSeconds();
    }
}
