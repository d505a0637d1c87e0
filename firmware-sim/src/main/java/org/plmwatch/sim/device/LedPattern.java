package org.plmwatch.sim.device;

/**
 * The status LED patterns of hardware/README.md ("LED patterns: the firmware's contract"). Each is
 * a repeating list of on/off durations starting with "on"; {@link #DARK} has none. The button
 * acknowledgement (one 0.5 s flash) is not a state but an event: {@link StatusLed#acknowledge()}.
 * "USB connected" (steady on) belongs to the link and is not driven here.
 */
public enum LedPattern {
    /** Off or shut down (also when the night is closed for a low battery). */
    DARK(new int[0]),
    /** One 50 ms blink every 5 s: all well. */
    RECORDING(new int[] {50, 4950}),
    /** Double blink (2 × 100 ms, 200 ms apart) every 2 s: no more nights fit. */
    STORAGE_FULL(new int[] {100, 200, 100, 1600}),
    /** Fast blink, 5 Hz: sensor missing, I2C failing or data cannot be written. */
    FAULT(new int[] {100, 100});

    private final int[] onOffMillis;

    LedPattern(int[] onOffMillis) {
        this.onOffMillis = onOffMillis;
    }

    /** On/off durations in ms, starting with on (a copy). */
    public int[] onOffMillis() {
        return onOffMillis.clone();
    }

    /** Length of one cycle in ms; 0 for {@link #DARK}. */
    public int cycleMillis() {
        int n = 0;
        for (int d : onOffMillis) {
            n += d;
        }
        return n;
    }

    /** Whether the LED is lit {@code millis} into the pattern (patterns repeat). */
    public boolean litAt(long millis) {
        int cycle = cycleMillis();
        if (cycle == 0) {
            return false;
        }
        long t = Math.floorMod(millis, cycle);
        for (int i = 0; i < onOffMillis.length; i++) {
            if (t < onOffMillis[i]) {
                return i % 2 == 0;
            }
            t -= onOffMillis[i];
        }
        return false;
    }

    /** The pattern the contract's priorities give: fault &gt; storage full &gt; recording; dark when not recording. */
    public static LedPattern select(boolean recording, boolean fault, boolean storageFull) {
        if (fault) {
            return FAULT;
        }
        if (storageFull) {
            return STORAGE_FULL;
        }
        return recording ? RECORDING : DARK;
    }

    /** Lower case, for log lines. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
