package org.plmwatch.core.link;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * An immutable snapshot of a {@link FrameDecoder}'s counters.
 *
 * @param bytesReceived  every byte fed to the decoder
 * @param framesAccepted frames handed to the listener
 * @param rejected       dropped frames by reason (every reason present, zero when none)
 * @param bytesDiscarded encoded bytes of dropped frames (delimiters not counted)
 * @param gaps           times the peer's sequence number jumped forward by more than one
 * @param framesLost     sequence numbers skipped by those jumps: frames the peer sent that never
 *                       arrived intact
 */
public record LinkStats(long bytesReceived, long framesAccepted, Map<RejectReason, Long> rejected,
        long bytesDiscarded, long gaps, long framesLost) {

    public LinkStats {
        EnumMap<RejectReason, Long> copy = new EnumMap<>(RejectReason.class);
        for (RejectReason r : RejectReason.values()) {
            copy.put(r, rejected.getOrDefault(r, 0L));
        }
        rejected = Collections.unmodifiableMap(copy);
    }

    public long rejected(RejectReason reason) {
        return rejected.get(reason);
    }

    public long rejectedTotal() {
        long sum = 0;
        for (long v : rejected.values()) {
            sum += v;
        }
        return sum;
    }
}
