package org.plmwatch.analyzer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.plmwatch.analyzer.io.EventLabels.Kind;
import org.plmwatch.analyzer.io.EventLabels.Meaning;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.Stage;

class EventLabelsTest {

    private final EventLabels defaults = EventLabels.defaults();

    @Test
    void remLogicAndEdfPlusDefaults() {
        assertEquals(new Meaning(Kind.STAGE, Stage.N2, null), defaults.classify("SLEEP-S2"));
        assertEquals(new Meaning(Kind.STAGE, Stage.N3, null), defaults.classify("SLEEP-S4"));
        assertEquals(new Meaning(Kind.STAGE, Stage.REM, null), defaults.classify("sleep stage r"));
        assertEquals(new Meaning(Kind.LEG_MOVEMENT, null, null), defaults.classify("PLM-LM"));
        assertEquals(new Meaning(Kind.LEG_MOVEMENT, null, Leg.LEFT), defaults.classify(" left-LM "));
        assertEquals(new Meaning(Kind.LEG_MOVEMENT, null, Leg.RIGHT), defaults.classify("Limb movement right"));
        assertEquals(Kind.RESPIRATORY, defaults.classify("HYPOPNEA-OBSTRUCTIVE").kind());
        assertEquals(Kind.RESPIRATORY, defaults.classify("Obstructive apnoea").kind());
        assertEquals(Kind.UNKNOWN, defaults.classify("DESAT").kind());
        assertEquals(Kind.UNKNOWN, defaults.classify("RESP-MOVEMENT-STOP").kind());
    }

    @Test
    void arousalLabelsNamingMovementsOrApneasAreArousals() {
        assertEquals(Kind.AROUSAL, defaults.classify("AROUSAL-LM").kind());
        assertEquals(Kind.AROUSAL, defaults.classify("AROUSAL-PLM").kind());
        assertEquals(Kind.AROUSAL, defaults.classify("AROUSAL-APNEA").kind());
    }

    @Test
    void globsMatchWholeLabelsOnly() {
        EventLabels labels = EventLabels.builder().leftLegMovement("Bein*links").build();
        assertEquals(Leg.LEFT, labels.classify("Bein (Tibialis) links").leg());
        assertEquals(Kind.UNKNOWN, labels.classify("Bein rechts").kind());
        assertEquals(Kind.UNKNOWN, labels.classify("xBein links").kind());
        // Regex characters in a label are literal.
        EventLabels dotted = EventLabels.builder().arousal("A.R").build();
        assertEquals(Kind.AROUSAL, dotted.classify("a.r").kind());
        assertEquals(Kind.UNKNOWN, dotted.classify("AXR").kind());
    }

    @Test
    void userLabelsOverrideDefaults() {
        EventLabels labels = EventLabels.builder().stage("SLEEP-S0", Stage.N1).legMovement("AROUSAL-LM").build();
        assertEquals(Stage.N1, labels.classify("SLEEP-S0").stage());
        assertEquals(Kind.LEG_MOVEMENT, labels.classify("AROUSAL-LM").kind());
        assertEquals(Kind.AROUSAL, labels.classify("AROUSAL-SPONT").kind());
    }

    @Test
    void legFromLocationText() {
        assertEquals(Leg.LEFT, EventLabels.legFromText("EMG.Tibialis-Leg.Left"));
        assertEquals(Leg.RIGHT, EventLabels.legFromText("EMG.Tibialis-Leg.Right"));
        assertNull(EventLabels.legFromText("EMG.Tibialis"));
        assertNull(EventLabels.legFromText("Left and right"));
        assertNull(EventLabels.legFromText(null));
    }
}
