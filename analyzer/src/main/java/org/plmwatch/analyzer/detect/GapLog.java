package org.plmwatch.analyzer.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeMap;

import org.plmwatch.analyzer.report.NightQuality;
import org.plmwatch.core.accel.AccelSink;

/**
 * Passes samples on and keeps the gaps a reader reports, in bounded memory whatever the file
 * holds: the {@link NightQuality#MAX_GAPS} longest with their times; the shorter ones only
 * counted, per minute of the recording in which they start (at most {@link #MAX_BINS} minutes,
 * then in one tally), so a night's count and total stay exact to the minute at its edges.
 */
final class GapLog implements AccelSink {

    static final int MAX_BINS = 200_000;

    private final AccelSink target;
    private final PriorityQueue<NightQuality.Span> longest =
            new PriorityQueue<>(Comparator.comparingDouble(NightQuality.Span::seconds));
    /** Minute -> {count, seconds} of gaps not kept. */
    private final TreeMap<Long, double[]> binned = new TreeMap<>();
    private long unbinnedCount;

    GapLog(AccelSink target) {
        this.target = target;
    }

    @Override
    public void sample(double t, double x, double y, double z) {
        target.sample(t, x, y, z);
    }

    @Override
    public void gap(double fromSeconds, double toSeconds) {
        target.gap(fromSeconds, toSeconds);
        if (!(toSeconds > fromSeconds) || !Double.isFinite(fromSeconds) || !Double.isFinite(toSeconds)) {
            return;
        }
        longest.add(new NightQuality.Span(fromSeconds, toSeconds));
        if (longest.size() > NightQuality.MAX_GAPS) {
            NightQuality.Span s = longest.poll();
            long minute = (long) Math.floor(s.fromSeconds() / 60);
            double[] bin = binned.get(minute);
            if (bin == null && binned.size() >= MAX_BINS) {
                unbinnedCount++;
                return;
            }
            if (bin == null) {
                bin = new double[2];
                binned.put(minute, bin);
            }
            bin[0]++;
            bin[1] += s.seconds();
        }
    }

    @Override
    public void end() {
        target.end();
    }

    /** Gaps inside {@code from..to} (recording clock), clipped to it, with the count and total. */
    Inside inside(double from, double to) {
        List<NightQuality.Span> kept = new ArrayList<>();
        double seconds = 0;
        for (NightQuality.Span s : longest) {
            double a = Math.max(from, s.fromSeconds());
            double b = Math.min(to, s.toSeconds());
            if (b > a) {
                kept.add(new NightQuality.Span(a, b));
                seconds += b - a;
            }
        }
        kept.sort(Comparator.comparingDouble(NightQuality.Span::fromSeconds));
        long count = kept.size();
        for (double[] bin : binned.subMap((long) Math.floor(from / 60), true, (long) Math.floor(to / 60), true)
                .values()) {
            count += (long) bin[0];
            seconds += bin[1];
        }
        return new Inside(kept, count, seconds);
    }

    /** Gaps counted but placed nowhere (the minute table was full). */
    long unplaced() {
        return unbinnedCount;
    }

    record Inside(List<NightQuality.Span> gaps, long count, double seconds) {
    }
}
