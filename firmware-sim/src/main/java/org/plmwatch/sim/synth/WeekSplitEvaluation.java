package org.plmwatch.sim.synth;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.sleep.ActigraphySleep;
import org.plmwatch.core.sleep.NightSplitConfig;
import org.plmwatch.core.sleep.NightSplitter;
import org.plmwatch.core.sleep.SleepConfig;

/**
 * Splits a synthetic week of both ankles into nights and prints each night against the truth,
 * the time taken and the peak heap (the largest used heap any pool reached, summed, after a GC
 * and a peak reset at the start). Run with a small heap to show memory does not grow with the
 * recording, e.g. {@code -Xmx64m}:
 * <pre>
 * java -Xmx64m -cp core/target/classes:firmware-sim/target/classes org.plmwatch.sim.synth.WeekSplitEvaluation [nights=7] [rateHz=25] [seed=3]
 * </pre>
 */
public final class WeekSplitEvaluation {

    private WeekSplitEvaluation() {
    }

    public static void main(String[] args) {
        int nights = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 25;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 3;
        SyntheticWeek.Config c = SyntheticWeek.Config.week(seed).withNights(nights);
        SyntheticWeek week = SyntheticWeek.generate(new SyntheticWeek.Config(c.seed(), c.start(), nights, rate,
                c.sensor(), c.plmsPerHour(), c.napProbability()));
        System.gc();
        List<MemoryPoolMXBean> heap = new ArrayList<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
                heap.add(p);
            }
        }
        long before = 0;
        for (MemoryPoolMXBean p : heap) {
            before += p.getUsage().getUsed();
        }
        long t0 = System.nanoTime();
        List<NightSplitter> splitters = new ArrayList<>();
        for (Leg leg : Leg.values()) {
            NightSplitter s = new NightSplitter(SleepConfig.DEFAULTS, NightSplitConfig.DEFAULTS, leg, 0);
            week.stream(leg, s);
            splitters.add(s);
        }
        List<ActigraphySleep> found = NightSplitter.nights(splitters);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean p : heap) {
            peak += p.getPeakUsage().getUsed();
        }
        System.out.printf(Locale.ROOT, "%d nights, %.1f h recorded per leg at %.1f Hz (%d samples per leg), naps %d%n",
                nights, week.recordingSeconds() / 3600, rate, (long) (week.recordingSeconds() * rate), week.naps().size());
        List<SyntheticWeek.Span> truth = week.nights();
        for (int i = 0; i < Math.max(found.size(), truth.size()); i++) {
            String t = i < truth.size() ? String.format(Locale.ROOT, "true %8.0f–%8.0f s", truth.get(i).fromSeconds(),
                    truth.get(i).toSeconds()) : "true –";
            String f = i < found.size() ? String.format(Locale.ROOT, "found %8.0f–%8.0f s  TIB %.2f h TST %.2f h",
                    found.get(i).lightsOffSeconds(), found.get(i).lightsOnSeconds(),
                    found.get(i).hypnogram().tibSeconds() / 3600, found.get(i).hypnogram().tstSeconds() / 3600) : "found –";
            System.out.println("  night " + (i + 1) + ": " + t + "   " + f);
        }
        System.out.printf(Locale.ROOT, "both legs generated, detected and split in %.1f s; peak heap %.1f MB, of which "
                + "%.1f MB in use before streaming (the generator's planned nights); max heap %.0f MB%n",
                seconds, peak / 1e6, before / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
    }
}
