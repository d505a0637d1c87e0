package org.plmwatch.core.io.accel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.plmwatch.core.accel.AccelSink;

/** Test sink: keeps every sample and gap and checks the sink contract (times non-decreasing, end once). */
final class CollectingSink implements AccelSink {

    double[] t = new double[1024];
    double[] x = new double[1024];
    double[] y = new double[1024];
    double[] z = new double[1024];
    int count;
    final List<double[]> gaps = new ArrayList<>();
    int ends;

    @Override
    public void sample(double timeSeconds, double xG, double yG, double zG) {
        if (ends > 0) {
            throw new AssertionError("sample after end()");
        }
        if (count > 0 && timeSeconds < t[count - 1]) {
            throw new AssertionError("time went back from " + t[count - 1] + " to " + timeSeconds);
        }
        if (count == t.length) {
            t = Arrays.copyOf(t, count * 2);
            x = Arrays.copyOf(x, count * 2);
            y = Arrays.copyOf(y, count * 2);
            z = Arrays.copyOf(z, count * 2);
        }
        t[count] = timeSeconds;
        x[count] = xG;
        y[count] = yG;
        z[count] = zG;
        count++;
    }

    @Override
    public void gap(double fromSeconds, double toSeconds) {
        if (toSeconds <= fromSeconds) {
            throw new AssertionError("empty gap " + fromSeconds + ".." + toSeconds);
        }
        gaps.add(new double[] {fromSeconds, toSeconds});
    }

    @Override
    public void end() {
        ends++;
    }

    double magnitude(int i) {
        return Math.sqrt(x[i] * x[i] + y[i] * y[i] + z[i] * z[i]);
    }

    double medianMagnitude() {
        double[] m = new double[count];
        for (int i = 0; i < count; i++) {
            m[i] = magnitude(i);
        }
        Arrays.sort(m);
        return count % 2 == 1 ? m[count / 2] : 0.5 * (m[count / 2 - 1] + m[count / 2]);
    }
}
