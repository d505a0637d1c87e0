package org.plmwatch.core.io.accel;

import java.util.List;

/**
 * What one {@link AccelRecording#stream} pass delivered.
 *
 * @param sampleCount        samples sent to the sink
 * @param firstSampleSeconds time of the first sample (NaN when there was none)
 * @param lastSampleSeconds  time of the last sample (NaN when there was none)
 * @param gapCount           calls made to {@code AccelSink.gap}
 * @param skippedBlocks      damaged blocks left out, in file order (binary formats only)
 * @param truncatedBytes     bytes at the end of the file too few to make a whole block
 */
public record ReadReport(long sampleCount, double firstSampleSeconds, double lastSampleSeconds, int gapCount,
                         List<SkippedBlock> skippedBlocks, long truncatedBytes) {

    public ReadReport {
        skippedBlocks = List.copyOf(skippedBlocks);
    }

    /** Last minus first sample time; 0 with fewer than two samples. */
    public double durationSeconds() {
        return sampleCount < 2 ? 0.0 : lastSampleSeconds - firstSampleSeconds;
    }

    /** Samples per second over the whole pass, gaps included; NaN with fewer than two samples. */
    public double meanRateHz() {
        return sampleCount < 2 ? Double.NaN : (sampleCount - 1) / durationSeconds();
    }
}
