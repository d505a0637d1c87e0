package org.plmwatch.core.io.accel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.plmwatch.core.accel.AccelSink;

/**
 * Sample times of a recording stored as timestamped blocks (Axivity CWA blocks, GENEActiv pages).
 * A block states only when its first sample was taken; the device's real rate drifts from the
 * nominal one, so each block's samples are spread evenly up to the next block's time when the two
 * are consecutive (next sequence number, a rate within {@link #RATE_TOLERANCE} of nominal). A block
 * is therefore held until the next one arrives. Anything else is a gap told to the sink; a block
 * timed before the previous sample (clock set back) is skipped and listed.
 *
 * <p>Blocks are the readers' two reusable buffers: the caller decodes into one, the chain holds or
 * spares the other, and {@link #add} hands back the buffer to decode into next, so streaming
 * allocates nothing per block.
 *
 * @param <B> the reader's block buffer
 */
final class BlockChain<B extends BlockChain.Block> {

    /** Two blocks whose timestamps imply a rate this far from nominal are not interpolated between. */
    static final double RATE_TOLERANCE = 0.10;

    /** One decoded block of samples. */
    interface Block {
        int sampleCount();
    }

    /** Passes a block's samples to the sink, the first at {@code startSeconds}, in g. */
    interface Emitter<B> {
        void emit(B block, AccelSink sink, double startSeconds, double intervalSeconds);
    }

    private final AccelSink sink;
    private final Emitter<B> emitter;
    private final double nominalRateHz;
    private final String blockName;
    private final List<SkippedBlock> skipped = new ArrayList<>();
    private B pending;
    /** The buffer neither held nor being decoded into: null exactly when a block is held. */
    private B spare;
    private double pendingStart;
    private boolean chainBroken;
    private double rateHz;
    private double firstTime = Double.NaN;
    private double lastTime = Double.NaN;
    private long count;
    private int gaps;

    /**
     * @param blockName how the format calls a block ({@code block}, {@code page}), for messages
     * @param spare     the second buffer (the caller decodes into the first)
     */
    BlockChain(AccelSink sink, Emitter<B> emitter, double nominalRateHz, String blockName, B spare) {
        this.sink = sink;
        this.emitter = emitter;
        this.spare = spare;
        this.nominalRateHz = nominalRateHz;
        this.rateHz = nominalRateHz;
        this.blockName = blockName;
    }

    /** A block that could not be read, at its byte offset: the chain of consecutive blocks breaks. */
    void skip(long offset, String problem) {
        skipped.add(new SkippedBlock(offset, problem));
        chainBroken = true;
    }

    /**
     * Takes the next block with samples.
     *
     * @param follows whether its sequence number is the next after the block held (the reader's rule)
     * @return the buffer to decode the next block into: {@code block} itself when it was skipped
     *         (timed before the previous sample), else the other buffer
     */
    B add(B block, double startSeconds, boolean follows, long offset) {
        boolean continues = false;
        if (pending != null) {
            double measuredRate = pending.sampleCount() / (startSeconds - pendingStart);
            continues = !chainBroken && follows && startSeconds > pendingStart
                    && Math.abs(measuredRate / nominalRateHz - 1) <= RATE_TOLERANCE;
            if (continues) {
                rateHz = measuredRate;
            }
            emitPending();
        }
        if (count > 0 && startSeconds <= lastTime) {
            skip(offset, String.format(Locale.ROOT, "%s starts at %.3f s, not after the previous sample at %.3f s "
                    + "(device clock set back?)", blockName, startSeconds, lastTime));
            return block;
        }
        if (count > 0 && !continues) {
            sink.gap(lastTime, startSeconds);
            gaps++;
        }
        B next = spare;
        spare = null;
        pending = block;
        pendingStart = startSeconds;
        chainBroken = false;
        return next;
    }

    /** Emits the block held, ends the sink and reports what was read. */
    ReadReport end(long truncatedBytes) {
        if (pending != null) {
            emitPending();
        }
        sink.end();
        return new ReadReport(count, firstTime, lastTime, gaps, skipped, truncatedBytes);
    }

    private void emitPending() {
        emitter.emit(pending, sink, pendingStart, 1.0 / rateHz);
        if (count == 0) {
            firstTime = pendingStart;
        }
        count += pending.sampleCount();
        lastTime = pendingStart + (pending.sampleCount() - 1) / rateHz;
        spare = pending;
        pending = null;
    }
}
