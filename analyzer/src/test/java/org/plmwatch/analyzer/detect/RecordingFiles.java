package org.plmwatch.analyzer.detect;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.nightfile.GapReason;
import org.plmwatch.core.nightfile.MarkKind;
import org.plmwatch.core.nightfile.NightFileWriter;
import org.plmwatch.core.nightfile.NightHeader;
import org.plmwatch.core.nightfile.WornOn;

/**
 * Writes generated samples as a device night file (LIS3DH ±4 g counts, 2 mg per count), the compact
 * format a multi-day test recording fits in: leaving out the samples of one hole and writing a GAP
 * block for it, as the device does when it loses samples.
 */
public final class RecordingFiles {

    private RecordingFiles() {
    }

    /**
     * @param source   streams samples (seconds from {@code start}, g) into the sink it is given
     * @param holeFrom first second with no samples, or NaN for none
     * @param holeTo   end of the hole
     */
    public static Path nightFile(Path file, WornOn leg, LocalDateTime start, double rateHz, Consumer<AccelSink> source,
                                 double holeFrom, double holeTo) throws IOException {
        return nightFile(file, leg, "test-" + leg.name().toLowerCase(), start, rateHz, source, holeFrom, holeTo,
                List.of());
    }

    /** A button press at {@code seconds} from the start. */
    public record Press(double seconds, MarkKind kind) {
    }

    /**
     * As {@link #nightFile(Path, WornOn, LocalDateTime, double, Consumer, double, double)}, with the
     * device's id and its button presses (MARK blocks, written where the samples reach their time).
     */
    public static Path nightFile(Path file, WornOn leg, String deviceId, LocalDateTime start, double rateHz,
                                 Consumer<AccelSink> source, double holeFrom, double holeTo, List<Press> presses)
            throws IOException {
        long startMicros = start.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli() * 1000;
        NightHeader header = NightHeader.of(deviceId, "test", "synthetic", rateHz, 4, 0.002,
                leg, OptionalLong.of(startMicros));
        List<Press> pending = new java.util.ArrayList<>(presses);
        pending.sort(java.util.Comparator.comparingDouble(Press::seconds));
        try (NightFileWriter w = NightFileWriter.create(file, header)) {
            short[] batch = new short[3 * 250];
            long[] first = {-1};
            int[] n = {0};
            boolean[] gapWritten = {false};
            IOException[] failure = {null};
            Runnable flush = () -> {
                if (n[0] > 0 && failure[0] == null) {
                    try {
                        w.writeSamples(first[0], batch, 0, n[0]);
                    } catch (IOException e) {
                        failure[0] = e;
                    }
                }
                n[0] = 0;
            };
            source.accept(new AccelSink() {
                @Override
                public void sample(double t, double x, double y, double z) {
                    while (!pending.isEmpty() && pending.get(0).seconds() <= t && failure[0] == null) {
                        flush.run();
                        try {
                            w.writeMark(micros(pending.get(0).seconds()), pending.remove(0).kind());
                        } catch (IOException e) {
                            failure[0] = e;
                        }
                    }
                    if (t >= holeFrom && t < holeTo) {
                        if (!gapWritten[0]) {
                            flush.run();
                            try {
                                w.writeGap(micros(holeTo), micros(holeFrom), micros(holeTo), GapReason.PAUSED);
                            } catch (IOException e) {
                                failure[0] = e;
                            }
                            gapWritten[0] = true;
                        }
                        return;
                    }
                    if (n[0] == 0) {
                        first[0] = micros(t);
                    }
                    int k = 3 * n[0]++;
                    batch[k] = counts(x);
                    batch[k + 1] = counts(y);
                    batch[k + 2] = counts(z);
                    if (n[0] == 250) {
                        flush.run();
                    }
                }

                @Override
                public void end() {
                    flush.run();
                }
            });
            flush.run();
            if (failure[0] != null) {
                throw failure[0];
            }
        }
        return file;
    }

    private static long micros(double seconds) {
        return Math.round(seconds * 1e6);
    }

    private static short counts(double g) {
        return (short) Math.max(-2048, Math.min(2047, Math.round(g / 0.002)));
    }
}
