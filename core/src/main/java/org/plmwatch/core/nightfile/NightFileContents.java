package org.plmwatch.core.nightfile;

import java.util.List;
import java.util.Objects;

/**
 * A night file as read back (samples went to the caller's sink).
 *
 * @param header      the file's header, or the caller's assumed one (see {@link RecoveryReport#headerFromFile()})
 * @param movements   movements from the device's detector, in file order
 * @param statuses    status blocks (gaps, faults, marks, battery, time sets, end), in file order
 * @param blocks      index of the intact blocks (offset, sequence, type), for serving "blocks from N on"
 * @param sampleCount samples sent to the sink
 * @param report      what was dropped and where
 */
public record NightFileContents(NightHeader header, List<RecordedMovement> movements, List<StatusEvent> statuses,
                                List<BlockRef> blocks, long sampleCount, RecoveryReport report) {

    public NightFileContents {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(report, "report");
        movements = List.copyOf(movements);
        statuses = List.copyOf(statuses);
        blocks = List.copyOf(blocks);
    }

    /** Status events of one kind, e.g. {@code statuses(StatusEvent.Mark.class)}. */
    public <T extends StatusEvent> List<T> statuses(Class<T> kind) {
        return statuses.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
