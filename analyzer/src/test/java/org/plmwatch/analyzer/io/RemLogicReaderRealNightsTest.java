package org.plmwatch.analyzer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.Night;
import org.plmwatch.core.model.SleepSource;
import org.plmwatch.core.model.TimedEvent;

/**
 * The two expert-scored nights of /work/shared/data/psg (RemLogic exports from the rlslabgit/MATPLM
 * repository). Expected figures were counted in the files with grep/awk, not with this reader.
 */
class RemLogicReaderRealNightsTest {

    private static Path night(String name) {
        String dir = System.getProperty("plmwatch.shared.data");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "psg")), "shared data absent");
        Path file = Path.of(dir, "psg", name);
        Assumptions.assumeTrue(Files.isRegularFile(file), name + " absent");
        return file;
    }

    private static long count(List<LegMovement> lms, Leg leg) {
        return lms.stream().filter(m -> m.leg() == leg).count();
    }

    @Test
    void night1HasEpochsMovementsApneasAndArousals() throws Exception {
        PsgEvents events = RemLogicReader.read(night("night1.remlogic.txt"), EventLabels.defaults());
        Night n = events.night();

        assertEquals("remlogic", events.format());
        assertEquals(LocalDateTime.of(2001, 1, 1, 22, 50, 57), n.start());
        assertEquals(SleepSource.PSG_HYPNOGRAM, n.sleepSource());
        assertTrue(n.bothLegs());
        // 959 contiguous 30-s epochs from 22:50:57 to 06:50:27 next day.
        assertEquals(959, n.hypnogram().epochs().size());
        assertEquals(0.0, n.hypnogram().startSeconds());
        assertEquals(959 * 30.0, n.hypnogram().endSeconds(), 1e-6);
        assertEquals(959 * 30.0, n.hypnogram().tibSeconds(), 1e-6);

        List<LegMovement> lms = n.legMovements();
        assertEquals(122, lms.size());
        assertEquals(81, count(lms, Leg.LEFT));
        assertEquals(41, count(lms, Leg.RIGHT));
        // The data README says every duration reads 5.00 s; the file has 117 of 5.00 and five
        // longer or shorter left-leg movements (8.30, 1.46, 4.39, 10.69, 9.37).
        assertEquals(117, lms.stream().filter(m -> m.durationSeconds() == 5.0).count());
        assertEquals(619.21, lms.stream().mapToDouble(LegMovement::durationSeconds).sum(), 1e-6);
        // Last PLM-LM at 2001-01-02T06:44:37.374801, microseconds kept.
        assertEquals(7 * 3600 + 53 * 60 + 40.374801, lms.get(lms.size() - 1).onsetSeconds(), 1e-9);

        // 2 APNEA-CENTRAL + 2 APNEA-MIXED + 2 APNEA-OBSTRUCTIVE + 105 HYPOPNEA.
        assertEquals(111, n.respiratoryEvents().size());
        assertEquals(3008.85, n.respiratoryEvents().stream().mapToDouble(TimedEvent::durationSeconds).sum(), 1e-6);
        // 13 AROUSAL-LM + 67 AROUSAL-RESP + 55 AROUSAL-SPONT.
        assertEquals(135, n.arousals().size());

        assertEquals(Map.of("DESAT", 109, "RESP-MOVEMENT-STOP", 6), events.ignoredEvents());
    }

    @Test
    void night2HasNoRespiratoryScoring() throws Exception {
        PsgEvents events = RemLogicReader.read(night("night2.remlogic.txt"), EventLabels.defaults());
        Night n = events.night();

        assertEquals(LocalDateTime.of(2002, 2, 2, 21, 50, 22), n.start());
        assertEquals(960, n.hypnogram().epochs().size());
        assertEquals(960 * 30.0, n.hypnogram().endSeconds(), 1e-6);
        List<LegMovement> lms = n.legMovements();
        assertEquals(133, lms.size());
        assertEquals(61, count(lms, Leg.LEFT));
        assertEquals(72, count(lms, Leg.RIGHT));
        // Real durations 0.514 .. 48.468 s, summing to 1217.644 s.
        assertEquals(0.514, lms.stream().mapToDouble(LegMovement::durationSeconds).min().orElseThrow(), 1e-9);
        assertEquals(48.468, lms.stream().mapToDouble(LegMovement::durationSeconds).max().orElseThrow(), 1e-9);
        assertEquals(1217.644, lms.stream().mapToDouble(LegMovement::durationSeconds).sum(), 1e-6);
        // First LM: 21:50:26.666 on the right leg.
        assertEquals(Leg.RIGHT, lms.get(0).leg());
        assertEquals(4.666, lms.get(0).onsetSeconds(), 1e-9);
        assertEquals(58, n.arousals().size());
        assertNull(n.respiratoryEvents(), "night 2 has no respiratory scoring");
        assertEquals(Map.of(), events.ignoredEvents());
    }

    @Test
    void psgReadersPicksTheTextReader() throws Exception {
        PsgEvents events = PsgReaders.read(night("night2.remlogic.txt"), EventLabels.defaults());
        assertEquals("remlogic", events.format());
        assertEquals(960, events.night().hypnogram().epochs().size());
    }
}
