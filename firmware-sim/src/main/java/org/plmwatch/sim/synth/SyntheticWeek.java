package org.plmwatch.sim.synth;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.model.Leg;

/**
 * A seeded multi-day recording of both ankles: days of walking, standing and sitting (with an
 * optional nap lying on a sofa) and, between them, nights that are whole {@link SyntheticNight}s
 * (each with its own walking before lights-off and after lights-on). Nights are composed, not
 * re-implemented: each is streamed by its own generator with its times shifted onto the week's
 * clock. Days are drawn here with a deliberately simple model, since they matter for telling
 * nights apart (the shank is upright or, in a nap, lying for less than a night), not for leg
 * movements. Samples are computed on the fly; memory holds only the nights' planned movements.
 *
 * <p>Day model (per leg; both legs share the day's plan): bouts of walking (1–10 min; shank
 * upright, 0.3–0.8 g swinging at the 0.9 Hz stride, 0.5 s apart between the legs), standing
 * (1–5 min, upright, still) and sitting (10–90 min; shank 10–40° from vertical, so still upright by
 * the 45° rule, with a 1–5 s fidget of 0.05–0.3 g about every 2 min). On days picked with
 * {@code napProbability}, one nap of 20–75 min lying (shank horizontal) in the afternoon.
 */
public final class SyntheticWeek {

    /** Where a night or a nap lies on the week's clock (seconds from {@link #start()}). */
    public record Span(double fromSeconds, double toSeconds) {
        public double hours() {
            return (toSeconds - fromSeconds) / 3600;
        }
    }

    /**
     * @param seed           every random choice follows from it
     * @param start          local date-time of time zero (the first day's afternoon)
     * @param nights         number of nights (1–28)
     * @param rateHz         sample rate (use 25 Hz for fast tests)
     * @param sensor         noise and quantisation, as for the nights
     * @param plmsPerHour    PLMs per hour of sleep in each night
     * @param napProbability chance that a day (not the first) holds a nap
     */
    public record Config(long seed, LocalDateTime start, int nights, double rateHz, SensorModel sensor,
                         double plmsPerHour, double napProbability) {
        public Config {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(sensor, "sensor");
            if (nights < 1 || nights > 28) {
                throw new IllegalArgumentException("nights must be 1..28, was " + nights);
            }
            if (!(rateHz >= 4 && rateHz <= 400)) {
                throw new IllegalArgumentException("rateHz must be 4..400, was " + rateHz);
            }
            if (!(napProbability >= 0 && napProbability <= 1) || !(plmsPerHour >= 0 && plmsPerHour <= 200)) {
                throw new IllegalArgumentException("napProbability must be 0..1 and plmsPerHour 0..200");
            }
        }

        /** Seven nights at 25 Hz on a LIS3DH, 30 PLMS/h, a nap on about half the days. */
        public static Config week(long seed) {
            return new Config(seed, LocalDateTime.of(2026, 3, 2, 14, 0), 7, 25, SensorModel.LIS3DH_4G_HIGHRES, 30, 0.5);
        }

        public Config withNights(int n) {
            return new Config(seed, start, n, rateHz, sensor, plmsPerHour, napProbability);
        }
    }

    private enum Activity { WALK, STAND, SIT, NAP }

    /** One stretch of a day, on the week's clock. */
    private record Bout(Activity activity, double from, double to, double tilt, double roll) {
    }

    private final Config config;
    private final List<SyntheticNight> nights = new ArrayList<>();
    private final List<Double> nightOffsets = new ArrayList<>();
    private final List<List<Bout>> days = new ArrayList<>();
    private final List<Span> trueNights = new ArrayList<>();
    private final List<Span> naps = new ArrayList<>();
    private final double recordingSeconds;

    private SyntheticWeek(Config config) {
        this.config = config;
        SplittableRandom rng = new SplittableRandom(config.seed());
        double t = 0;
        for (int d = 0; d <= config.nights(); d++) {
            // A day: from t until bedtime (about 22:00–23:30 on the clock, starting 14:00), the last one an hour.
            double dayEnd = d == config.nights() ? t + 3600
                    : grid(t + (d == 0 ? 8 * 3600 : 14.5 * 3600) + rng.nextDouble() * 5400);
            days.add(planDay(t, dayEnd, d > 0 && rng.nextDouble() < config.napProbability(), rng));
            t = dayEnd;
            if (d == config.nights()) {
                break;
            }
            double hours = grid((7.5 + 1.5 * rng.nextDouble()) * 3600) / 3600;
            SyntheticNightConfig nc = SyntheticNightConfig.defaults(config.seed() * 1009 + d)
                    .withRecordingHours(hours)
                    .withSampling(config.rateHz(), 0, config.sensor())
                    .withPlmsPerHour(config.plmsPerHour());
            SyntheticNight night = SyntheticNight.generate(nc);
            nights.add(night);
            nightOffsets.add(t);
            trueNights.add(new Span(t + night.lightsOffSeconds(), t + night.lightsOnSeconds()));
            t += night.recordingSeconds();
        }
        recordingSeconds = t;
    }

    public static SyntheticWeek generate(Config config) {
        return new SyntheticWeek(Objects.requireNonNull(config, "config"));
    }

    private List<Bout> planDay(double from, double to, boolean nap, SplittableRandom rng) {
        List<Bout> bouts = new ArrayList<>();
        double napAt = nap ? from + (to - from) * (0.2 + 0.3 * rng.nextDouble()) : Double.NaN;
        double t = from;
        while (t < to) {
            Activity a;
            double len;
            if (!Double.isNaN(napAt) && t >= napAt) {
                a = Activity.NAP;
                len = 1200 + 3300 * rng.nextDouble();
                napAt = Double.NaN;
            } else {
                double p = rng.nextDouble();
                a = p < 0.4 ? Activity.WALK : p < 0.6 ? Activity.STAND : Activity.SIT;
                len = a == Activity.WALK ? 60 + 540 * rng.nextDouble()
                        : a == Activity.STAND ? 60 + 240 * rng.nextDouble() : 600 + 4800 * rng.nextDouble();
            }
            double end = Math.min(to, t + len);
            bouts.add(new Bout(a, t, end, Math.toRadians(10 + 30 * rng.nextDouble()), rng.nextDouble() - 0.5));
            if (a == Activity.NAP) {
                naps.add(new Span(t, end));
            }
            t = end;
        }
        return bouts;
    }

    /**
     * Streams one leg's samples over the whole recording, then calls {@code end()} once. Seeded
     * per leg: the same week streams the same samples every time.
     */
    public void stream(Leg leg, AccelSink sink) {
        SplittableRandom rng = new SplittableRandom(config.seed() * 37 + (leg == Leg.LEFT ? 3 : 5));
        double sigma = config.sensor().noiseRmsG(config.rateHz());
        double lsb = config.sensor().lsbG();
        double range = config.sensor().rangeG();
        double legDelay = leg == Leg.LEFT ? 0 : 0.5;
        for (int d = 0; d < days.size(); d++) {
            for (Bout b : days.get(d)) {
                streamBout(b, legDelay, sigma, lsb, range, rng, sink);
            }
            if (d < nights.size()) {
                double offset = nightOffsets.get(d);
                nights.get(d).stream(leg, new AccelSink() {
                    @Override
                    public void sample(double timeSeconds, double xG, double yG, double zG) {
                        sink.sample(timeSeconds + offset, xG, yG, zG);
                    }

                    @Override
                    public void gap(double fromSeconds, double toSeconds) {
                        sink.gap(fromSeconds + offset, toSeconds + offset);
                    }

                    @Override
                    public void end() {
                        // the week goes on: one end() after the last day
                    }
                });
            }
        }
        sink.end();
    }

    private void streamBout(Bout b, double legDelay, double sigma, double lsb, double range, SplittableRandom rng,
                            AccelSink sink) {
        double rate = config.rateHz();
        long k0 = (long) Math.ceil(b.from() * rate);
        long k1 = (long) Math.ceil(b.to() * rate);
        double gx;
        double gy;
        double gz;
        if (b.activity() == Activity.NAP) {
            gx = 0.08;
            gy = Math.sin(b.roll());
            gz = Math.cos(b.roll());
        } else {
            double tilt = b.activity() == Activity.SIT ? b.tilt() : 0.05;
            gx = Math.cos(tilt);
            gy = Math.sin(tilt) * Math.cos(b.roll());
            gz = Math.sin(tilt) * Math.sin(b.roll());
        }
        double n = Math.sqrt(gx * gx + gy * gy + gz * gz);
        gx /= n;
        gy /= n;
        gz /= n;
        double amp = 0.3 + 0.5 * rng.nextDouble();
        double nextFidget = b.from() + 120 * rng.nextDouble();
        double fidgetEnd = Double.NEGATIVE_INFINITY;
        double fidgetAmp = 0;
        for (long k = k0; k < k1; k++) {
            double t = k / rate;
            double dx = 0;
            double dy = 0;
            if (b.activity() == Activity.WALK && t - b.from() > legDelay && b.to() - t > 1) {
                double ph = 2 * Math.PI * 0.9 * (t - legDelay);
                dx = amp * 0.6 * Math.sin(2 * ph);
                dy = amp * Math.sin(ph);
            } else if (b.activity() == Activity.SIT || b.activity() == Activity.NAP) {
                if (t >= nextFidget) {
                    fidgetEnd = t + 1 + 4 * rng.nextDouble();
                    fidgetAmp = 0.05 + 0.25 * rng.nextDouble();
                    nextFidget = t + 120 * (0.5 + rng.nextDouble());
                }
                if (t < fidgetEnd) {
                    dy = fidgetAmp * Math.sin(2 * Math.PI * 1.7 * t);
                }
            }
            sink.sample(t, quantise(gx + dx + sigma * rng.nextGaussian(), lsb, range),
                    quantise(gy + dy + sigma * rng.nextGaussian(), lsb, range),
                    quantise(gz + sigma * rng.nextGaussian(), lsb, range));
        }
    }

    private static double quantise(double v, double lsb, double range) {
        double q = lsb > 0 ? Math.rint(v / lsb) * lsb : v;
        return Math.max(-range, Math.min(range, q));
    }

    private static double grid(double seconds) {
        return Math.round(seconds / SyntheticNight.EPOCH_SECONDS) * SyntheticNight.EPOCH_SECONDS;
    }

    public Config config() {
        return config;
    }

    public LocalDateTime start() {
        return config.start();
    }

    /** True lights-off and lights-on of every night, in time order. */
    public List<Span> nights() {
        return List.copyOf(trueNights);
    }

    /** The naps (lying in the day, shorter than a night), in time order. */
    public List<Span> naps() {
        return List.copyOf(naps);
    }

    /** The night generators, in time order (their truth is on each night's own clock). */
    public List<SyntheticNight> nightGenerators() {
        return List.copyOf(nights);
    }

    /** Where night {@code i} (0-based) starts on the week's clock. */
    public double nightOffsetSeconds(int i) {
        return nightOffsets.get(i);
    }

    public double recordingSeconds() {
        return recordingSeconds;
    }
}
