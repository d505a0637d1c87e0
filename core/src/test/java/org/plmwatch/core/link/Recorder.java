package org.plmwatch.core.link;

import java.util.ArrayList;
import java.util.List;

/** Collects what a decoder reports. */
final class Recorder implements FrameListener {

    record Rejection(RejectReason reason, long streamOffset, String detail) {
    }

    final List<Frame> frames = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();

    @Override
    public void onFrame(Frame frame) {
        frames.add(frame);
    }

    @Override
    public void onRejected(RejectReason reason, long streamOffset, String detail) {
        rejections.add(new Rejection(reason, streamOffset, detail));
    }

    List<Message> messages() {
        List<Message> m = new ArrayList<>();
        for (Frame f : frames) {
            m.add(f.message());
        }
        return m;
    }
}
