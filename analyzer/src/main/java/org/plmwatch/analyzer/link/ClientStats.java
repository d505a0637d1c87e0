package org.plmwatch.analyzer.link;

import org.plmwatch.core.link.LinkStats;

/**
 * What the host's link client has seen.
 *
 * @param received        the frame decoder's counters (rejections by reason, gaps, bytes)
 * @param requestsSent    request frames written, retries included
 * @param retries         requests re-sent after a timeout (same request id)
 * @param reRequests      GET_BLOCKS sent again at once after a gap or a damaged block
 * @param framesIgnored   intact frames for no request being waited for (late answers, old live frames)
 * @param damagedBlocks   blocks in intact frames that were not intact night-file blocks
 */
public record ClientStats(LinkStats received, long requestsSent, long retries, long reRequests, long framesIgnored,
        long damagedBlocks) {
}
