package org.plmwatch.analyzer.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.plmwatch.analyzer.link.JsscTransport;
import org.plmwatch.analyzer.report.TerminalText;
import org.plmwatch.core.link.DeviceInfo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plmwatch devices}: serial ports and the plmwatch devices that answer on them. */
@Command(name = "devices", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List serial ports and ask each (one HELLO, 0.3 s) whether a plmwatch device answers.",
            "Pseudo-terminals (simulator links) are listed with --all but probed only when named with --port: "
                + "a pty may be someone's terminal."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:a device answered (or --no-probe)", "1:internal error", "2:usage error",
            "5:no plmwatch device answers (ptys listed by --all but not probed do not count)"})
final class DevicesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--all", description = "Also list pseudo-terminals /dev/pts/N (the simulator's --link pty).")
    boolean all;

    @Option(names = "--port", paramLabel = "P", description = "Probe only this port (repeatable); a pty, "
            + "a serial port or tcp:PORT.")
    List<String> ports = new ArrayList<>();

    @Option(names = "--no-probe", description = "Only list the ports; send nothing.")
    boolean noProbe;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> serial = ports.isEmpty() ? JsscTransport.portNames(false) : ports;
        List<String> ptys = ports.isEmpty() && all ? ptysOnly() : List.of();
        if (serial.isEmpty() && ptys.isEmpty()) {
            spec.commandLine().getErr().println("plmwatch: no serial ports found: plug the device in"
                    + (all ? "" : " (a simulator's pty: plmwatch devices --all)"));
            return noProbe ? ExitCode.OK : LinkPorts.NO_DEVICE;
        }
        int answered = 0;
        int width = 14;
        for (String p : serial) {
            width = Math.max(width, p.length() + 2);
        }
        for (String p : ptys) {
            width = Math.max(width, p.length() + 2);
        }
        String row = "%-" + width + "s%s%n";
        for (String p : serial) {
            if (noProbe) {
                out.printf(row, p, "serial port");
                continue;
            }
            Optional<DeviceInfo> info = LinkPorts.probe(p);
            if (info.isPresent()) {
                answered++;
            }
            out.printf(row, TerminalText.escape(p), info.map(LinkPorts::describe).orElse("no plmwatch device answers"));
        }
        for (String p : ptys) {
            out.printf(row, TerminalText.escape(p), "pty, not probed (plmwatch devices --port " + TerminalText.escape(p) + ")");
        }
        out.flush();
        // ptys listed by --all are not probed, so they do not count as an answer
        if (answered > 0 || noProbe) {
            return ExitCode.OK;
        }
        spec.commandLine().getErr().println("plmwatch: no plmwatch device answers"
                + (ptys.isEmpty() ? "" : "; a pty is probed only when named: plmwatch devices --port PTY"));
        return LinkPorts.NO_DEVICE;
    }

    private static List<String> ptysOnly() {
        List<String> withPtys = new ArrayList<>(JsscTransport.portNames(true));
        withPtys.removeAll(JsscTransport.portNames(false));
        return withPtys;
    }
}
