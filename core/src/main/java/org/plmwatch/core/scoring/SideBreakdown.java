package org.plmwatch.core.scoring;

/** CLMs and PLMs of one side (left, right, bilateral), in sleep and over the whole time in bed. */
public record SideBreakdown(Side side, int clmCountSleep, int plmCountSleep, int clmCountTib, int plmCountTib) {
}
