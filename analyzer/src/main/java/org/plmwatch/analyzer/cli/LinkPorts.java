package org.plmwatch.analyzer.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.plmwatch.analyzer.link.HostTransport;
import org.plmwatch.analyzer.link.JsscTransport;
import org.plmwatch.analyzer.link.LinkClient;
import org.plmwatch.analyzer.link.LinkException;
import org.plmwatch.analyzer.link.LinkTimeouts;
import org.plmwatch.analyzer.report.TerminalText;
import org.plmwatch.core.link.DeviceInfo;

/** Finding and probing devices for the link commands; their extra exit code. */
final class LinkPorts {

    /** No device answers, or the link failed: exit code of devices, download and live. */
    static final int NO_DEVICE = 5;
    /** A probe is one HELLO with this timeout: a port without a device costs a third of a second. */
    static final long PROBE_MILLIS = 300;
    /**
     * The timeouts and outer bounds download and live use: {@link LinkTimeouts#DEFAULT} (docs/LINK.md
     * §6). Tests shorten them to end a hostile device's scenario in a second.
     */
    static volatile LinkTimeouts timeouts = LinkTimeouts.DEFAULT;

    private LinkPorts() {
    }

    /** A port that answered a HELLO, and what the device said. */
    record Answer(String port, DeviceInfo info) {
    }

    /** One HELLO on {@code port}; empty when nothing answers or the port cannot be opened. */
    static Optional<DeviceInfo> probe(String port) {
        try (LinkClient c = new LinkClient(HostTransport.open(port), LinkTimeouts.DEFAULT.probe(PROBE_MILLIS))) {
            return Optional.of(c.hello());
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** The serial ports (never ptys: they may be someone's terminal) where a plmwatch device answers. */
    static List<Answer> answering() {
        List<Answer> found = new ArrayList<>();
        for (String port : JsscTransport.portNames(false)) {
            probe(port).ifPresent(info -> found.add(new Answer(port, info)));
        }
        return found;
    }

    /**
     * The port to use: {@code given}, or the one serial port where a device answers.
     *
     * @throws LinkException           when none answers (exit {@link #NO_DEVICE})
     * @throws IllegalArgumentException when several answer (a usage error: choose with --port)
     */
    static String choose(String given, PrintWriter err) throws LinkException {
        if (given != null) {
            return given;
        }
        List<Answer> found = answering();
        if (found.isEmpty()) {
            throw new LinkException("no plmwatch device answers on any serial port (tried "
                    + JsscTransport.portNames(false) + "): plug the device in and switch it on, or give --port "
                    + "(the simulator prints its port: plmwatch-device --link pty)");
        }
        if (found.size() > 1) {
            StringBuilder b = new StringBuilder("several plmwatch devices answer; choose one with --port:");
            for (Answer a : found) {
                b.append(' ').append(a.port()).append(" (").append(TerminalText.escape(a.info().deviceId())).append(')');
            }
            throw new IllegalArgumentException(b.toString());
        }
        err.println("plmwatch: device " + TerminalText.escape(found.get(0).info().deviceId()) + " on "
                + TerminalText.escape(found.get(0).port()));
        return found.get(0).port();
    }

    /** What a device says about itself, for a terminal (its strings escaped: they come from the device). */
    static String describe(DeviceInfo info) {
        StringBuilder legs = new StringBuilder();
        info.legs().stream().sorted().forEach(l -> legs.append(legs.length() == 0 ? "" : "+").append(l.label()));
        return TerminalText.escape("plmwatch device " + info.deviceId() + " (firmware " + info.firmwareVersion() + ", "
                + info.sensor() + ", " + (legs.length() == 0 ? "leg not set" : legs + " leg") + ", clock "
                + (info.clock().set() ? "set" : "unset") + ")");
    }
}
