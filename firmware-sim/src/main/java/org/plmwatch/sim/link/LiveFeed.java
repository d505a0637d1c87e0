package org.plmwatch.sim.link;

import org.plmwatch.core.link.LiveMovement;
import org.plmwatch.core.link.LiveSamples;
import org.plmwatch.core.link.Message;
import org.plmwatch.core.model.Leg;
import org.plmwatch.sim.device.LiveTap;

/**
 * The live tap the link server gives the device loop during LIVE_START. It runs on the device
 * loop's thread, so it only copies the batch into a message and offers it to the server's bounded
 * queue; when the queue is full the frame is dropped and counted (the host sees a sequence gap),
 * and the recording never waits for the link.
 */
final class LiveFeed implements LiveTap {

    /** Where the feed puts its messages; returns false when the queue is full. */
    interface Outbox {
        boolean offerLive(int requestId, Message message);
    }

    private final int requestId;
    private final boolean withSamples;
    private final Leg leg;
    private final Outbox outbox;

    LiveFeed(int requestId, boolean withSamples, Leg leg, Outbox outbox) {
        this.requestId = requestId;
        this.withSamples = withSamples;
        this.leg = leg;
        this.outbox = outbox;
    }

    int requestId() {
        return requestId;
    }

    boolean withSamples() {
        return withSamples;
    }

    @Override
    public void samples(long firstSampleMicros, long samplePeriodMicros, double gPerCount, short[] xyz, int offset,
            int count) {
        if (!withSamples || count <= 0 || samplePeriodMicros <= 0 || samplePeriodMicros > Integer.MAX_VALUE) {
            return;
        }
        for (int done = 0; done < count; done += LiveSamples.MAX_SAMPLES) {
            int n = Math.min(LiveSamples.MAX_SAMPLES, count - done);
            short[] copy = new short[3 * n];
            System.arraycopy(xyz, offset + 3 * done, copy, 0, copy.length);
            long first = Math.max(0, firstSampleMicros + done * samplePeriodMicros);
            try {
                outbox.offerLive(requestId, new LiveSamples(leg, first, (int) samplePeriodMicros, gPerCount, copy));
            } catch (IllegalArgumentException e) {
                return; // a scale the frame cannot carry (not finite, not > 0): nothing to send
            }
        }
    }

    @Override
    public void movement(long onsetMicros, long durationMicros, double peakG) {
        if (!(peakG >= 0) || !Double.isFinite(peakG)) {
            return;
        }
        outbox.offerLive(requestId, new LiveMovement(leg, Math.max(0, onsetMicros), Math.max(0, durationMicros), peakG));
    }
}
