package org.plmwatch.analyzer.link;

import java.util.List;

/**
 * The result of one {@code plmwatch download}.
 *
 * @param deviceId        the device
 * @param port            where it was
 * @param nights          one outcome per night the device listed, in id order
 * @param bytesTransferred block bytes received in this run
 * @param seconds         wall time of the run
 * @param link            the link client's counters
 */
public record DownloadSummary(String deviceId, String port, List<NightOutcome> nights, long bytesTransferred,
        double seconds, ClientStats link) {

    public DownloadSummary {
        nights = List.copyOf(nights);
    }

    public long count(NightOutcome.Status status) {
        return nights.stream().filter(n -> n.status() == status).count();
    }

    public boolean allStored() {
        return count(NightOutcome.Status.FAILED) == 0;
    }
}
