package org.plmwatch.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/** One bar for downloads (bytes) and batches (items), redrawn on one line. */
class TerminalProgressTest {

    @Test
    void countsItemsForABatchAndBytesForADownload() {
        StringWriter s = new StringWriter();
        TerminalProgress items = new TerminalProgress(new PrintWriter(s), "inputs");
        items.start("batch", 48, 0);
        for (int i = 0; i < 48; i++) {
            items.advance(1);
        }
        items.end();
        String drawn = s.toString();
        assertTrue(drawn.startsWith("\rbatch [" + ".".repeat(30) + "] 0 / 48 inputs"), drawn);
        assertTrue(drawn.contains("\rbatch [" + "#".repeat(30) + "] 48 / 48 inputs"), drawn);
        assertTrue(drawn.endsWith("\n"), drawn);

        StringWriter b = new StringWriter();
        TerminalProgress bytes = new TerminalProgress(new PrintWriter(b));
        bytes.start(7, 2_000_000, 500_000);
        bytes.end();
        assertTrue(b.toString().contains("night 7 [" + "#".repeat(8) + ".".repeat(22) + "] 0.5 MB / 2.0 MB"), b.toString());
    }
}
