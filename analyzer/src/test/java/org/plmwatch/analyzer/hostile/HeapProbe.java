package org.plmwatch.analyzer.hostile;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;

import org.plmwatch.analyzer.cli.Main;

/**
 * Runs the CLI in a JVM of its own (started by {@link HostileFilesTest} with {@code -Xmx256m}) and
 * prints the peak heap it used as the last line of standard error: {@code peak-heap-bytes=N}, the
 * sum of every heap pool's peak (an upper bound of the true peak, since pools peak at different
 * moments).
 */
public final class HeapProbe {

    private HeapProbe() {
    }

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code;
        try {
            code = Main.run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8), err);
        } catch (OutOfMemoryError e) {
            code = 99;
            err.println("OutOfMemoryError: " + e.getMessage());
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        err.println("peak-heap-bytes=" + peak);
        err.flush();
        System.exit(code);
    }
}
