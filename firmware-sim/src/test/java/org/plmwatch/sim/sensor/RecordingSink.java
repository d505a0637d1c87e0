package org.plmwatch.sim.sensor;

import java.util.ArrayList;
import java.util.List;

/** Keeps what a driver hands over, in order; a loss marker is an event of its own. */
final class RecordingSink implements RawSampleSink {

    record Event(boolean lost, short x, short y, short z) {
        static Event sample(int x, int y, int z) {
            return new Event(false, (short) x, (short) y, (short) z);
        }

        static Event loss() {
            return new Event(true, (short) 0, (short) 0, (short) 0);
        }
    }

    final List<Event> events = new ArrayList<>();

    @Override
    public void sample(short xCounts, short yCounts, short zCounts) {
        events.add(new Event(false, xCounts, yCounts, zCounts));
    }

    @Override
    public void samplesLost() {
        events.add(Event.loss());
    }

    List<Event> samples() {
        return events.stream().filter(e -> !e.lost()).toList();
    }

    long losses() {
        return events.stream().filter(Event::lost).count();
    }
}
