package org.plmwatch.sim.link;

import org.plmwatch.core.link.LinkStats;

/**
 * What the link server has seen, cumulative over all connections.
 *
 * @param received          the frame decoder's counters: bytes, frames accepted, rejections by reason
 * @param connections       host connections opened (pty/serial opens, accepted sockets)
 * @param requestsServed    requests answered (with the answer or an ERROR)
 * @param unexpectedFrames  intact frames that are not requests (device → host types): dropped
 * @param requestsDropped   requests dropped because 16 were already waiting (a flooding host)
 * @param answersAbandoned  BLOCKS answers ended early because a new request arrived
 * @param liveFramesSent    LIVE_SAMPLES and LIVE_MOVEMENT frames written
 * @param liveFramesDropped live frames dropped because the queue was full (host or link too slow)
 * @param writeTimeouts     writes that did not finish within 2 s: the connection was closed
 */
public record LinkServerStats(LinkStats received, long connections, long requestsServed, long unexpectedFrames,
        long requestsDropped, long answersAbandoned, long liveFramesSent, long liveFramesDropped,
        long writeTimeouts) {
}
