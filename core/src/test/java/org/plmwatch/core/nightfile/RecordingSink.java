package org.plmwatch.core.nightfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.plmwatch.core.accel.AccelSink;

/** Test sink: keeps every sample and gap, and checks the AccelSink contract (time order, end once). */
final class RecordingSink implements AccelSink {

    double[] t = new double[1024];
    double[] x = new double[1024];
    double[] y = new double[1024];
    double[] z = new double[1024];
    int n;
    final List<double[]> gaps = new ArrayList<>();
    int ends;
    /** Samples strictly increase; a gap may not start before the last sample or gap start, nor a sample before a gap's start. */
    private double lastSample = Double.NEGATIVE_INFINITY;
    private double lastGapFrom = Double.NEGATIVE_INFINITY;

    @Override
    public void sample(double timeSeconds, double xG, double yG, double zG) {
        if (!(timeSeconds > lastSample) || timeSeconds < lastGapFrom) {
            throw new AssertionError("sample at " + timeSeconds + " s after sample " + lastSample + " s, gap " + lastGapFrom);
        }
        if (ends > 0) {
            throw new AssertionError("sample after end()");
        }
        if (n == t.length) {
            t = Arrays.copyOf(t, 2 * n);
            x = Arrays.copyOf(x, 2 * n);
            y = Arrays.copyOf(y, 2 * n);
            z = Arrays.copyOf(z, 2 * n);
        }
        t[n] = timeSeconds;
        x[n] = xG;
        y[n] = yG;
        z[n] = zG;
        n++;
        lastSample = timeSeconds;
    }

    @Override
    public void gap(double fromSeconds, double toSeconds) {
        if (!(fromSeconds <= toSeconds) || fromSeconds < lastSample || fromSeconds < lastGapFrom) {
            throw new AssertionError("gap " + fromSeconds + ".." + toSeconds + " reversed or before " + lastSample
                    + " s / " + lastGapFrom + " s");
        }
        gaps.add(new double[] {fromSeconds, toSeconds});
        lastGapFrom = fromSeconds;
    }

    @Override
    public void end() {
        ends++;
    }
}
