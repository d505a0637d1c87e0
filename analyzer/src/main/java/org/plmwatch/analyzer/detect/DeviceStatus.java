package org.plmwatch.analyzer.detect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.plmwatch.analyzer.report.NightQuality;
import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.core.nightfile.BlockRef;
import org.plmwatch.core.nightfile.BlockScanner;
import org.plmwatch.core.nightfile.BlockType;
import org.plmwatch.core.nightfile.GapReason;
import org.plmwatch.core.nightfile.MarkKind;
import org.plmwatch.core.nightfile.NightFileContents;
import org.plmwatch.core.nightfile.NightFileFormatException;
import org.plmwatch.core.nightfile.NightFileReader;
import org.plmwatch.core.nightfile.StatusEvent;

/**
 * The status blocks of a device night file that the analysis uses beyond its samples: button
 * presses (MARK) and restarts after power loss (GAP with reason RESTART), read by core's
 * {@link NightFileReader}. Shared by the reports and the EDF+ export.
 *
 * @param marks       presses in file order, times on the file's clock, at most {@link NightQuality#MAX_MARKS}
 * @param marksLeftOut presses beyond that, counted only
 * @param restarts    GAP blocks saying the device restarted and appended to the file
 */
public record DeviceStatus(List<Press> marks, int marksLeftOut, int restarts) {

    public DeviceStatus {
        marks = List.copyOf(marks);
    }

    /** A button press at {@code timeSeconds} on the file's clock. */
    public record Press(double timeSeconds, MarkKind kind) {

        /** {@code lights off}, {@code lights on} or {@code button} (a press of unstated meaning). */
        public String label() {
            return switch (kind) {
                case LIGHTS_OFF -> "lights off";
                case LIGHTS_ON -> "lights on";
                case OTHER -> "button";
            };
        }
    }

    /** Reads the night file's status blocks (samples are decoded and dropped). */
    public static DeviceStatus read(Path file) throws InputFormatException {
        NightFileContents contents;
        try {
            // Most nights hold neither: a walk over the frame headers of an undamaged file says so
            // without decoding the samples (the full read costs about 55 ms for 8 h at 50 Hz).
            Optional<List<BlockRef>> blocks = BlockScanner.walkUndamaged(NightFileReader.map(file),
                    EnumSet.noneOf(BlockType.class));
            if (blocks.isPresent() && blocks.get().stream()
                    .noneMatch(b -> b.type() == BlockType.MARK || b.type() == BlockType.GAP)) {
                return new DeviceStatus(List.of(), 0, 0);
            }
            contents = NightFileReader.strict().read(file, new AccelSink() {
                @Override
                public void sample(double t, double x, double y, double z) {
                }
            });
        } catch (NightFileFormatException e) {
            throw InputFormatException.atByte(file, Math.max(0, e.byteOffset()), e.getMessage(),
                    "download the night again");
        }
        List<Press> marks = new ArrayList<>();
        int leftOut = 0;
        int restarts = 0;
        for (StatusEvent s : contents.statuses()) {
            if (s instanceof StatusEvent.Mark m) {
                if (marks.size() < NightQuality.MAX_MARKS) {
                    marks.add(new Press(m.timeSeconds(), m.kind()));
                } else {
                    leftOut++;
                }
            } else if (s instanceof StatusEvent.Gap g && g.reason() == GapReason.RESTART) {
                restarts++;
            }
        }
        return new DeviceStatus(marks, leftOut, restarts);
    }
}
