package org.plmwatch.sim.device;

import org.plmwatch.sim.sensor.RawSampleSink;

/** Collects one FIFO drain as interleaved counts (preallocated: a drain holds at most 33 samples). */
final class BatchBuffer implements RawSampleSink {

    static final int CAPACITY = 64;

    final short[] xyz = new short[3 * CAPACITY];
    int count;
    boolean lost;

    void clear() {
        count = 0;
        lost = false;
    }

    @Override
    public void sample(short x, short y, short z) {
        if (count == CAPACITY) {
            throw new IllegalStateException("a FIFO drain gave more than " + CAPACITY + " samples");
        }
        int k = 3 * count++;
        xyz[k] = x;
        xyz[k + 1] = y;
        xyz[k + 2] = z;
    }

    @Override
    public void samplesLost() {
        lost = true;
    }
}
