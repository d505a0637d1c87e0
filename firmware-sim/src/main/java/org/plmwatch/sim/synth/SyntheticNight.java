package org.plmwatch.sim.synth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.model.Epoch;
import org.plmwatch.core.model.Hypnogram;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.Stage;

/**
 * A seeded synthetic night for both ankles with its ground truth: the night's structure (walking
 * before lights-off, wake in bed, sleep with wake bouts, getting up) and every leg movement are
 * drawn up front; samples are computed on the fly by {@link #stream(Leg, AccelSink)}, so a night
 * of any length costs memory only for its movements. The movement model and its sources are in
 * docs/DETECTION.md.
 */
public final class SyntheticNight {

    static final double EPOCH_SECONDS = 30;
    /** Movements of one leg keep at least this far apart, so the truth never needs rule 1. */
    static final double MIN_SEPARATION_SECONDS = 2.0;

    enum Kind { PLM, ISOLATED, FIDGET, POSTURE, WALK }

    /** How a posture change moves the shank (its gravity vector). */
    enum Posture { NONE, LIE_DOWN, ROLL, GET_UP }

    record Interval(double fromSeconds, double toSeconds) {
        double length() {
            return toSeconds - fromSeconds;
        }
    }

    /** One movement of one leg, with everything needed to synthesise its samples. */
    static final class Motion {
        final Leg leg;
        final Kind kind;
        final double onset;
        final double duration;
        final double amplitudeG;
        final double[] e1;
        final double[] e2;
        final double rotHz;
        final double phase0;
        final double modDepth;
        final double modHz;
        final double ramp;
        final Posture posture;
        final double rollRadians;
        /** The foot tilts by this much (about e2) with the envelope, holds, and comes back. */
        final double tiltRadians;
        /** 1: the shake turns in its plane (constant magnitude); 0: a linear shake through zero. */
        double ellipticity = 1;
        /** Held tilt: the tilt rises over this long with a shake, then the foot holds still. */
        double riseSeconds;
        /** Held tilt: the return takes this long, with a shake. */
        double fallSeconds;
        /** The tilt stays: the foot settles in a new orientation (gTo) and keeps still. */
        boolean settles;
        /** The movement belongs to the night's {@link MovementClass} under test. */
        boolean counted;
        /** A tiny movement of the TINY class (0.3–1.5°, 3–15 mg). */
        boolean tiny;
        double[] gFrom;
        double[] gTo;
        double truthPeakG;

        Motion(Leg leg, Kind kind, double onset, double duration, double amplitudeG, SplittableRandom rng,
               Posture posture, double rollRadians) {
            this(leg, kind, onset, duration, amplitudeG, rng, posture, rollRadians, 0);
        }

        Motion(Leg leg, Kind kind, double onset, double duration, double amplitudeG, SplittableRandom rng,
               Posture posture, double rollRadians, double tiltRadians) {
            this.leg = leg;
            this.kind = kind;
            this.onset = onset;
            this.duration = duration;
            this.amplitudeG = amplitudeG;
            this.e1 = unit(rng);
            double[] v = unit(rng);
            double dot = v[0] * e1[0] + v[1] * e1[1] + v[2] * e1[2];
            double[] w = {v[0] - dot * e1[0], v[1] - dot * e1[1], v[2] - dot * e1[2]};
            this.e2 = normalize(w);
            this.rotHz = kind == Kind.WALK ? 0.9 : 0.5 + 2.0 * rng.nextDouble();
            this.phase0 = 2 * Math.PI * rng.nextDouble();
            this.modDepth = kind == Kind.WALK ? 0.6 : 0.6 * rng.nextDouble();
            this.modHz = kind == Kind.WALK ? 1.8 : 0.5 + 2.5 * rng.nextDouble();
            this.ramp = Math.min(0.2, duration / 4);
            this.posture = posture;
            this.rollRadians = rollRadians;
            this.tiltRadians = tiltRadians;
        }

        double offset() {
            return onset + duration;
        }

        /** Adds gravity (during a posture change) and the dynamic part at time t to acc. */
        void addSignal(double t, double[] gravityNow, double[] acc) {
            double u = t - onset;
            if (posture != Posture.NONE) {
                double s = smoothstep((u - 0.25 * duration) / (0.5 * duration));
                double gx = gFrom[0] + s * (gTo[0] - gFrom[0]);
                double gy = gFrom[1] + s * (gTo[1] - gFrom[1]);
                double gz = gFrom[2] + s * (gTo[2] - gFrom[2]);
                double n = Math.sqrt(gx * gx + gy * gy + gz * gz);
                acc[0] += gx / n;
                acc[1] += gy / n;
                acc[2] += gz / n;
            }
            if (riseSeconds > 0) {
                addHeld(u, gravityNow, acc);
                return;
            }
            double w = u < 0 || u > duration ? 0
                    : u < ramp ? 0.5 * (1 - Math.cos(Math.PI * u / ramp))
                    : u > duration - ramp ? 0.5 * (1 - Math.cos(Math.PI * (duration - u) / ramp)) : 1;
            if (posture == Posture.NONE) {
                // A settling foot keeps its tilt once it has risen: it ends still, elsewhere.
                addTilted(gravityNow, tiltRadians * (settles && u >= ramp ? 1 : w), acc);
            }
            if (w == 0) {
                return;
            }
            double m = 1 - modDepth * 0.5 * (1 - Math.cos(2 * Math.PI * modHz * (u - duration / 2)));
            addShake(u, amplitudeG * w * m, acc);
        }

        private void addShake(double u, double a, double[] acc) {
            double psi = phase0 + 2 * Math.PI * rotHz * u;
            double c = Math.cos(psi);
            double sn = ellipticity * Math.sin(psi);
            acc[0] += a * (c * e1[0] + sn * e2[0]);
            acc[1] += a * (c * e1[1] + sn * e2[1]);
            acc[2] += a * (c * e1[2] + sn * e2[2]);
        }

        /**
         * Held tilt: a shake while the tilt rises, the foot perfectly still at full tilt, and a
         * shake while it returns. The movement is all of it (the muscle stays active).
         */
        private void addHeld(double u, double[] g, double[] acc) {
            double s = u < 0 || u > duration ? 0 : u < riseSeconds ? smoothstep(u / riseSeconds)
                    : u > duration - fallSeconds ? smoothstep((duration - u) / fallSeconds) : 1;
            addTilted(g, tiltRadians * s, acc);
            double w = u >= 0 && u < riseSeconds ? Math.sin(Math.PI * u / riseSeconds)
                    : u > duration - fallSeconds && u <= duration ? Math.sin(Math.PI * (duration - u) / fallSeconds) : 0;
            if (w > 0) {
                addShake(u, amplitudeG * w, acc);
            }
        }

        /** Rodrigues' rotation of g by angle about the unit axis e2, added to acc. */
        private void addTilted(double[] g, double angle, double[] acc) {
            rotate(g, e2, angle, acc);
        }

        LegMovement toLegMovement() {
            return new LegMovement(leg, onset, duration, truthPeakG);
        }
    }

    private final SyntheticNightConfig config;
    private final double recordingSeconds;
    private final double lightsOffSeconds;
    private final double lightsOnSeconds;
    private final List<Interval> sleep = new ArrayList<>();
    private final List<Interval> wakeInBed = new ArrayList<>();
    private final Map<Leg, TreeMap<Double, Motion>> motions = new EnumMap<>(Leg.class);
    private final Map<Leg, double[]> upright = new EnumMap<>(Leg.class);
    private final Map<Leg, Double> initialRoll = new EnumMap<>(Leg.class);
    private final Map<Leg, List<Motion>> sorted = new EnumMap<>(Leg.class);
    private final Hypnogram hypnogram;
    private int plannedPlms;

    private SyntheticNight(SyntheticNightConfig config) {
        this.config = config;
        SplittableRandom rng = new SplittableRandom(config.seed());
        recordingSeconds = grid(config.recordingHours() * 3600);
        lightsOffSeconds = grid(config.lightsOffSeconds());
        lightsOnSeconds = grid(recordingSeconds - config.lightsOnBeforeEndSeconds());
        for (Leg leg : Leg.values()) {
            motions.put(leg, new TreeMap<>());
            upright.put(leg, normalize(new double[] {1, 0.2 * rng.nextDouble() - 0.1, 0.2 * rng.nextDouble() - 0.1}));
            initialRoll.put(leg, rng.nextDouble() - 0.5);
        }
        planStructure(rng);
        planWalking(rng);
        planSleepEvents(rng);
        planWakeEvents(rng);
        finish();
        hypnogram = buildHypnogram();
    }

    public static SyntheticNight generate(SyntheticNightConfig config) {
        return new SyntheticNight(Objects.requireNonNull(config, "config"));
    }

    // ---------------------------------------------------------------- structure

    private void planStructure(SplittableRandom rng) {
        double inBed = lightsOnSeconds - lightsOffSeconds;
        double sol = grid(Math.min(config.sleepOnsetLatencySeconds() * (0.5 + rng.nextDouble()), inBed / 4));
        double sleepOnset = lightsOffSeconds + Math.max(EPOCH_SECONDS, sol);
        double finalWake = lightsOnSeconds - grid(Math.min(120 + 480 * rng.nextDouble(), inBed / 4));
        if (finalWake <= sleepOnset) {
            finalWake = sleepOnset + EPOCH_SECONDS;
        }
        List<Interval> bouts = new ArrayList<>();
        int n = (int) Math.round(config.wakeBoutsPerHour() * (finalWake - sleepOnset) / 3600);
        for (int attempt = 0; bouts.size() < n && attempt < 100 * (n + 1); attempt++) {
            double len = grid(60 + 540 * rng.nextDouble());
            double from = grid(sleepOnset + 300 + rng.nextDouble() * (finalWake - sleepOnset - 600 - len));
            Interval b = new Interval(from, from + len);
            if (from < sleepOnset + 300 || b.toSeconds() > finalWake - 300) {
                continue;
            }
            boolean clash = false;
            for (Interval o : bouts) {
                clash |= b.fromSeconds() < o.toSeconds() + 600 && o.fromSeconds() < b.toSeconds() + 600;
            }
            if (!clash) {
                bouts.add(b);
            }
        }
        bouts.sort(Comparator.comparingDouble(Interval::fromSeconds));
        wakeInBed.add(new Interval(lightsOffSeconds, sleepOnset));
        double t = sleepOnset;
        for (Interval b : bouts) {
            sleep.add(new Interval(t, b.fromSeconds()));
            wakeInBed.add(b);
            t = b.toSeconds();
        }
        sleep.add(new Interval(t, finalWake));
        wakeInBed.add(new Interval(finalWake, lightsOnSeconds));
    }

    private void planWalking(SplittableRandom rng) {
        place(List.of(posture(Leg.LEFT, lightsOffSeconds - 5, rng, Posture.LIE_DOWN, 0),
                posture(Leg.RIGHT, lightsOffSeconds - 4.6, rng, Posture.LIE_DOWN, 0)));
        place(List.of(posture(Leg.LEFT, lightsOnSeconds + 1, rng, Posture.GET_UP, 0),
                posture(Leg.RIGHT, lightsOnSeconds + 1.4, rng, Posture.GET_UP, 0)));
        walk(new Interval(5, lightsOffSeconds - 8), rng);
        walk(new Interval(lightsOnSeconds + 8, recordingSeconds - 3), rng);
    }

    private void walk(Interval span, SplittableRandom rng) {
        double t = span.fromSeconds() + 5 * rng.nextDouble();
        while (true) {
            double len = 10 + 30 * rng.nextDouble();
            if (t + len > span.toSeconds()) {
                return;
            }
            double start = t;
            place(List.of(new Motion(Leg.LEFT, Kind.WALK, start, len, 0.3 + 0.5 * rng.nextDouble(), rng, Posture.NONE, 0),
                    new Motion(Leg.RIGHT, Kind.WALK, start + 0.5, len, 0.3 + 0.5 * rng.nextDouble(), rng, Posture.NONE, 0)));
            t += len + 5 + 25 * rng.nextDouble();
        }
    }

    private void planSleepEvents(SplittableRandom rng) {
        for (double t : poisson(sleep, config.turnoversPerHour(), rng)) {
            double roll = (rng.nextBoolean() ? 1 : -1) * (0.5 + 1.5 * rng.nextDouble());
            place(List.of(posture(Leg.LEFT, t, rng, Posture.ROLL, roll),
                    posture(Leg.RIGHT, t + 0.6 * rng.nextDouble() - 0.3, rng, Posture.ROLL, roll * (0.7 + 0.6 * rng.nextDouble()))));
        }
        planPlmEpisodes(rng);
        for (double t : poisson(sleep, config.isolatedPerHour(), rng)) {
            double dur = config.movementClass() == MovementClass.HELD ? logUniform(rng, 1.5, 25) : logUniform(rng, 0.5, 15);
            placeMovement(rng, Kind.ISOLATED, t, dur, 0.1);
        }
    }

    /**
     * PLM episodes: runs of 8–60 movements whose inter-movement intervals are log-normal with
     * median 28 s (mode ≈ 25 s), kept within 10–90 s; durations log-normal, median 2 s, 0.5–10 s.
     */
    private void planPlmEpisodes(SplittableRandom rng) {
        double sleepSeconds = 0;
        for (Interval i : sleep) {
            sleepSeconds += i.length();
        }
        int target = (int) Math.round(config.plmsPerHour() * sleepSeconds / 3600);
        for (int attempt = 0; plannedPlms < target && attempt < 10_000; attempt++) {
            double pick = rng.nextDouble() * sleepSeconds;
            Interval in = sleep.get(0);
            for (Interval i : sleep) {
                in = i;
                if (pick < i.length()) {
                    break;
                }
                pick -= i.length();
            }
            double t = in.fromSeconds() + pick;
            int n = 8 + rng.nextInt(53);
            for (int k = 0; k < n && plannedPlms < target; k++) {
                double dur = config.movementClass() == MovementClass.HELD ? boundedLogNormal(rng, 3.0, 0.5, 1.0, 10)
                        : boundedLogNormal(rng, 2.0, 0.5, 0.5, 10);
                if (t + dur > in.toSeconds()) {
                    break;
                }
                if (placeMovement(rng, Kind.PLM, t, dur, config.bilateralFraction())) {
                    plannedPlms++;
                }
                t += boundedLogNormal(rng, 28, 0.35, 10, 90);
            }
        }
    }

    private void planWakeEvents(SplittableRandom rng) {
        for (double t : poisson(wakeInBed, config.fidgetsPerHour(), rng)) {
            if (rng.nextDouble() < 0.15) {
                double roll = (rng.nextBoolean() ? 1 : -1) * (0.15 + 0.45 * rng.nextDouble());
                Leg leg = rng.nextBoolean() ? Leg.LEFT : Leg.RIGHT;
                place(List.of(posture(leg, t, rng, Posture.ROLL, roll)));
            } else {
                placeOnLegs(rng, Kind.FIDGET, t, logUniform(rng, 1, 20), 0.3);
            }
        }
    }

    private Motion posture(Leg leg, double t, SplittableRandom rng, Posture kind, double roll) {
        double dur = 2 + 3 * rng.nextDouble();
        double amp = Math.max(0.2, Math.min(config.maxPeakG(), logUniform(rng, 0.2, 1.2)));
        return new Motion(leg, Kind.POSTURE, t, dur, amp, rng, kind, roll);
    }

    /** One movement on one leg, or (with probability {@code both}) on both, nearly together. */
    private boolean placeOnLegs(SplittableRandom rng, Kind kind, double t, double dur, double both) {
        Leg leg = rng.nextBoolean() ? Leg.LEFT : Leg.RIGHT;
        Motion first = new Motion(leg, kind, t, dur, peak(rng), rng, Posture.NONE, 0, tilt(rng));
        if (rng.nextDouble() < both) {
            double dur2 = Math.max(0.5, Math.min(10, dur * (0.7 + 0.6 * rng.nextDouble())));
            Motion second = new Motion(leg.other(), kind, t + 0.8 * rng.nextDouble() - 0.4, dur2, peak(rng), rng,
                    Posture.NONE, 0, tilt(rng));
            return place(List.of(first, second));
        }
        return place(List.of(first));
    }

    /** A PLM or isolated movement in the style of the night's class. */
    private boolean placeMovement(SplittableRandom rng, Kind kind, double t, double dur, double both) {
        MovementClass cls = config.movementClass();
        if (cls.isDisturbance() || cls == MovementClass.STANDARD) {
            return placeOnLegs(rng, kind, t, dur, both);
        }
        Leg leg = rng.nextBoolean() ? Leg.LEFT : Leg.RIGHT;
        switch (cls) {
            case HELD, TINY -> {
                boolean tiny = cls == MovementClass.TINY && rng.nextDouble() < TINY_SHARE;
                Motion first = styled(rng, leg, kind, t, dur, tiny);
                if (rng.nextDouble() < both) {
                    double dur2 = Math.max(cls == MovementClass.HELD ? 1 : 0.5, Math.min(10, dur * (0.7 + 0.6 * rng.nextDouble())));
                    boolean tiny2 = cls == MovementClass.TINY && rng.nextDouble() < TINY_SHARE;
                    return place(List.of(first, styled(rng, leg.other(), kind, t + 0.8 * rng.nextDouble() - 0.4, dur2, tiny2)));
                }
                return place(List.of(first));
            }
            case SETTLE_THEN_MOVE, SHORT_GAP -> {
                Motion first = styled(rng, leg, kind, t, dur, false);
                double gap = cls == MovementClass.SHORT_GAP ? 0.5 + 0.5 * rng.nextDouble() : 0.5 + 2.5 * rng.nextDouble();
                if (cls == MovementClass.SETTLE_THEN_MOVE) {
                    first.settles = true;
                }
                Motion next = styled(rng, leg, Kind.ISOLATED, first.offset() + gap, logUniform(rng, 0.5, 3), false);
                return place(List.of(first, next));
            }
            default -> throw new IllegalStateException("unhandled class " + cls);
        }
    }

    /** Share of the TINY class's movements that are tiny; the rest are ordinary. */
    static final double TINY_SHARE = 0.3;
    /** Gravity turned by 0.5° (2 sin 0.25°): the smallest counted tilt of a tiny movement. */
    static final double TINY_COUNTED_TILT_G = 2 * Math.sin(Math.toRadians(0.25));
    /** The smallest counted shake of a tiny movement. */
    static final double TINY_COUNTED_SHAKE_G = 0.008;

    /** One movement of a movement class, with a shake anywhere from linear (through zero) to turning. */
    private Motion styled(SplittableRandom rng, Leg leg, Kind kind, double t, double dur, boolean tiny) {
        MovementClass cls = config.movementClass();
        double amp;
        double tiltRad;
        if (tiny) {
            amp = logUniform(rng, 0.003, 0.015);
            tiltRad = Math.toRadians(logUniform(rng, 0.3, 1.5));
        } else if (cls == MovementClass.HELD) {
            amp = peak(rng);
            tiltRad = Math.toRadians(3 + 12 * rng.nextDouble());
        } else if (cls == MovementClass.SETTLE_THEN_MOVE && kind != Kind.ISOLATED) {
            amp = peak(rng);
            tiltRad = Math.toRadians(3 + 17 * rng.nextDouble());
        } else {
            amp = peak(rng);
            tiltRad = tilt(rng);
        }
        Motion m = new Motion(leg, kind, t, dur, amp, rng, Posture.NONE, 0, tiltRad);
        m.ellipticity = rng.nextDouble();
        m.counted = cls != MovementClass.TINY || tiny;
        m.tiny = tiny;
        if (cls == MovementClass.HELD) {
            m.riseSeconds = Math.min(dur / 3, 0.2 + 0.3 * rng.nextDouble());
            m.fallSeconds = Math.min(dur / 3, 0.2 + 0.3 * rng.nextDouble());
        }
        return m;
    }

    /** Tilt of the foot during a movement: uniform 0..maxTiltDegrees. */
    private double tilt(SplittableRandom rng) {
        return Math.toRadians(config.maxTiltDegrees() * rng.nextDouble());
    }

    private double peak(SplittableRandom rng) {
        return logUniform(rng, config.minPeakG(), config.maxPeakG());
    }

    /** Adds all the motions, or none if any would come too close to one already on its leg. */
    private boolean place(List<Motion> group) {
        for (Motion m : group) {
            if (m.onset < 0 || m.offset() > recordingSeconds || !free(m)) {
                return false;
            }
        }
        for (Motion m : group) {
            motions.get(m.leg).put(m.onset, m);
        }
        return true;
    }

    private boolean free(Motion m) {
        TreeMap<Double, Motion> leg = motions.get(m.leg);
        Map.Entry<Double, Motion> before = leg.floorEntry(m.onset);
        Map.Entry<Double, Motion> after = leg.ceilingEntry(m.onset);
        return (before == null || before.getValue().offset() + MIN_SEPARATION_SECONDS <= m.onset)
                && (after == null || m.offset() + MIN_SEPARATION_SECONDS <= after.getValue().onset);
    }

    /** Sets the gravity vectors of posture changes in time order and the true peaks. */
    private void finish() {
        for (Leg leg : Leg.values()) {
            List<Motion> list = new ArrayList<>(motions.get(leg).values());
            double[] g = upright.get(leg);
            double roll = initialRoll.get(leg);
            double[] acc = new double[3];
            for (Motion m : list) {
                if (m.posture != Posture.NONE) {
                    m.gFrom = g;
                    if (m.posture == Posture.GET_UP) {
                        m.gTo = upright.get(leg);
                    } else {
                        if (m.posture == Posture.ROLL) {
                            roll += m.rollRadians;
                        }
                        m.gTo = normalize(new double[] {0.08, Math.sin(roll), Math.cos(roll)});
                    }
                    g = m.gTo;
                } else if (m.settles) {
                    m.gFrom = g;
                    double[] to = new double[3];
                    rotate(g, m.e2, m.tiltRadians, to);
                    m.gTo = to;
                    g = to;
                }
                // The peak includes gravity that turned or tilted: find it on a 5-ms grid.
                double[] before = m.gFrom != null ? m.gFrom : g;
                int steps = Math.max(400, (int) (m.duration * 200));
                double peak = 0;
                for (int i = 0; i <= steps; i++) {
                    double t = m.onset + m.duration * i / steps;
                    acc[0] = acc[1] = acc[2] = 0;
                    m.addSignal(t, before, acc);
                    double dx = acc[0] - before[0];
                    double dy = acc[1] - before[1];
                    double dz = acc[2] - before[2];
                    peak = Math.max(peak, Math.sqrt(dx * dx + dy * dy + dz * dz));
                }
                m.truthPeakG = peak;
                if (m.tiny) {
                    // Issue 11's target is on tiny movements down to 0.5° / 8 mg: one that neither
                    // turns gravity by 0.5° (the tilt about an axis near gravity turns it less)
                    // nor shakes by 8 mg is below it, and optional in the comparison.
                    double[] tilted = new double[3];
                    rotate(before, m.e2, m.tiltRadians, tilted);
                    double tiltG = Math.sqrt(sq(tilted[0] - before[0]) + sq(tilted[1] - before[1]) + sq(tilted[2] - before[2]));
                    m.counted = tiltG >= TINY_COUNTED_TILT_G || m.amplitudeG >= TINY_COUNTED_SHAKE_G;
                }
            }
            sorted.put(leg, List.copyOf(list));
        }
    }

    private Hypnogram buildHypnogram() {
        List<Epoch> epochs = new ArrayList<>();
        for (double t = lightsOffSeconds; t + EPOCH_SECONDS <= lightsOnSeconds + 1e-9; t += EPOCH_SECONDS) {
            epochs.add(new Epoch(t, EPOCH_SECONDS, asleep(t + EPOCH_SECONDS / 2) ? Stage.SLEEP : Stage.WAKE));
        }
        return new Hypnogram(epochs);
    }

    private boolean asleep(double t) {
        for (Interval i : sleep) {
            if (t >= i.fromSeconds() && t < i.toSeconds()) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- samples

    /**
     * Streams the samples of one leg to a sink, then calls {@code end()}. Noise, bias and jitter are
     * seeded per leg, so the same night streams the same samples every time.
     */
    public void stream(Leg leg, AccelSink sink) {
        SensorModel sensor = config.sensor();
        double rate = config.rateHz();
        double sigma = sensor.noiseRmsG(rate);
        double lsb = sensor.lsbG();
        double range = sensor.rangeG();
        double maxJitter = 0.45 / rate;
        SplittableRandom rng = new SplittableRandom(config.seed() * 31 + (leg == Leg.LEFT ? 17 : 29));
        double biasX = 0.04 * rng.nextDouble() - 0.02;
        double biasY = 0.04 * rng.nextDouble() - 0.02;
        double biasZ = 0.04 * rng.nextDouble() - 0.02;
        List<Motion> list = sorted.get(leg);
        int idx = 0;
        double[] g = upright.get(leg);
        double[] acc = new double[3];
        Disturbance disturbance = config.movementClass().isDisturbance()
                ? new Disturbance(config.movementClass(), config.seed(), leg == Leg.LEFT ? 1.0 : 0.5 + 0.5 * legScale(leg),
                        upright.get(leg), lightsOffSeconds, lightsOnSeconds, recordingSeconds)
                : null;
        long n = (long) Math.floor(recordingSeconds * rate);
        for (long k = 0; k < n; k++) {
            double jitter = config.jitterSeconds() == 0 ? 0
                    : Math.max(-maxJitter, Math.min(maxJitter, rng.nextGaussian() * config.jitterSeconds()));
            double t = k / rate + jitter;
            while (idx < list.size() && list.get(idx).offset() <= t) {
                Motion done = list.get(idx);
                if (done.gTo != null) {
                    g = done.gTo;
                }
                idx++;
            }
            acc[0] = acc[1] = acc[2] = 0;
            if (idx < list.size() && list.get(idx).onset <= t) {
                list.get(idx).addSignal(t, g, acc);
            } else {
                acc[0] = g[0];
                acc[1] = g[1];
                acc[2] = g[2];
            }
            if (disturbance != null) {
                disturbance.add(t, g, acc);
            }
            sink.sample(Math.max(0, t),
                    reading(acc[0] + biasX + sigma * rng.nextGaussian(), lsb, range),
                    reading(acc[1] + biasY + sigma * rng.nextGaussian(), lsb, range),
                    reading(acc[2] + biasZ + sigma * rng.nextGaussian(), lsb, range));
        }
        sink.end();
    }

    /** The right leg feels the mattress less or more than the left: a fixed share per seed. */
    private double legScale(Leg leg) {
        return new SplittableRandom(config.seed() * 613 + leg.ordinal()).nextDouble();
    }

    private static double reading(double v, double lsb, double range) {
        double q = lsb > 0 ? Math.rint(v / lsb) * lsb : v;
        return Math.max(-range, Math.min(range, q));
    }

    // ---------------------------------------------------------------- truth

    public SyntheticNightConfig config() {
        return config;
    }

    /** The true movements of one leg, in onset order (walking bouts and posture changes included). */
    public List<LegMovement> truth(Leg leg) {
        List<LegMovement> out = new ArrayList<>();
        for (Motion m : sorted.get(leg)) {
            out.add(m.toLegMovement());
        }
        return List.copyOf(out);
    }

    /**
     * The true movements of one leg that belong to the night's {@link MovementClass} (for
     * STANDARD and the disturbance classes: all of them), in onset order.
     */
    public List<LegMovement> classTruth(Leg leg) {
        MovementClass cls = config.movementClass();
        if (cls == MovementClass.STANDARD || cls.isDisturbance()) {
            return truth(leg);
        }
        List<LegMovement> out = new ArrayList<>();
        for (Motion m : sorted.get(leg)) {
            if (m.counted) {
                out.add(m.toLegMovement());
            }
        }
        return List.copyOf(out);
    }

    /** True sleep/wake, 30-s epochs from lights-off to lights-on. */
    public Hypnogram hypnogram() {
        return hypnogram;
    }

    public double recordingSeconds() {
        return recordingSeconds;
    }

    public double lightsOffSeconds() {
        return lightsOffSeconds;
    }

    public double lightsOnSeconds() {
        return lightsOnSeconds;
    }

    /** PLMs placed by the episode generator (a bilateral one counts once). */
    public int plannedPlmCount() {
        return plannedPlms;
    }

    // ---------------------------------------------------------------- helpers

    /** Rodrigues' rotation of g by angle about the unit axis k, added to acc. */
    private static double sq(double v) {
        return v * v;
    }

    static void rotate(double[] g, double[] k, double angle, double[] acc) {
        if (angle == 0) {
            acc[0] += g[0];
            acc[1] += g[1];
            acc[2] += g[2];
            return;
        }
        double c = Math.cos(angle);
        double sn = Math.sin(angle);
        double kx = k[0];
        double ky = k[1];
        double kz = k[2];
        double dot = kx * g[0] + ky * g[1] + kz * g[2];
        acc[0] += g[0] * c + (ky * g[2] - kz * g[1]) * sn + kx * dot * (1 - c);
        acc[1] += g[1] * c + (kz * g[0] - kx * g[2]) * sn + ky * dot * (1 - c);
        acc[2] += g[2] * c + (kx * g[1] - ky * g[0]) * sn + kz * dot * (1 - c);
    }

    private static double grid(double seconds) {
        return Math.round(seconds / EPOCH_SECONDS) * EPOCH_SECONDS;
    }

    private static List<Double> poisson(List<Interval> spans, double perHour, SplittableRandom rng) {
        List<Double> out = new ArrayList<>();
        if (perHour <= 0) {
            return out;
        }
        double mean = 3600 / perHour;
        for (Interval s : spans) {
            double t = s.fromSeconds() - mean * Math.log(1 - rng.nextDouble());
            while (t < s.toSeconds() - 20) {
                out.add(t);
                t -= mean * Math.log(1 - rng.nextDouble());
            }
        }
        return out;
    }

    private static double logUniform(SplittableRandom rng, double lo, double hi) {
        return lo * Math.exp(rng.nextDouble() * Math.log(hi / lo));
    }

    private static double boundedLogNormal(SplittableRandom rng, double median, double sigmaLog, double lo, double hi) {
        while (true) {
            double v = median * Math.exp(sigmaLog * rng.nextGaussian());
            if (v >= lo && v <= hi) {
                return v;
            }
        }
    }

    private static double smoothstep(double x) {
        double c = Math.max(0, Math.min(1, x));
        return c * c * (3 - 2 * c);
    }

    private static double[] unit(SplittableRandom rng) {
        return normalize(new double[] {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()});
    }

    private static double[] normalize(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }
}
