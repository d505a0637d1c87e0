package org.plmwatch.sim.synth;

import java.util.SplittableRandom;

/**
 * A signal at the ankle that is not a leg movement and must not be detected: the disturbance
 * classes of {@link MovementClass}. Computed per sample from parameters drawn once (its own
 * random stream, so the night's movements are those of the same seed without it). Amplitudes and
 * their reasons are in docs/DETECTION.md ("Classes").
 */
final class Disturbance {

    private final MovementClass cls;
    private final double inBedFrom;
    private final double inBedTo;
    /** The shank (body) axis in the sensor frame: the ballistocardiogram acts along it. */
    private final double[] bodyAxis;
    /** A horizontal axis across the shank: breathing and the mattress rock the shank about it. */
    private final double[] rockAxis;

    // Cardiorespiratory
    private final double bcgG;
    private final double beatSeconds;
    private final double breathRadians;
    private final double breathHz;

    // Partner: events in time order, shared by both legs (one mattress), scaled per leg.
    private final double[] pOnset;
    private final double[] pDuration;
    private final double[] pAmpG;
    private final double[] pHz;
    private final double[] pRockRadians;
    private final double[][] pDir;
    private int pNext;

    // Drift: segments of slow rotation about rockAxis, cumulative; offset ramps per axis.
    private final double[] dFrom;
    private final double[] dTo;
    private final double[] dRadians;
    private final double[] offsetEndG;
    private final double recordingSeconds;

    Disturbance(MovementClass cls, long seed, double legScale, double[] upright, double inBedFrom, double inBedTo,
                double recordingSeconds) {
        this.cls = cls;
        this.inBedFrom = inBedFrom;
        this.inBedTo = inBedTo;
        this.recordingSeconds = recordingSeconds;
        SplittableRandom shared = new SplittableRandom(seed * 7919 + 104_729);
        SplittableRandom own = new SplittableRandom(seed * 7919 + 104_729 + Double.doubleToLongBits(legScale));
        bodyAxis = upright.clone();
        double[] across = {-upright[1], upright[0], 0};
        double n = Math.hypot(across[0], across[1]);
        rockAxis = new double[] {across[0] / n, across[1] / n, 0};

        bcgG = 0.0005 + 0.0015 * own.nextDouble();
        beatSeconds = 60 / (50 + 25 * shared.nextDouble());
        breathRadians = Math.toRadians(0.05 + 0.10 * own.nextDouble());
        breathHz = (12 + 8 * shared.nextDouble()) / 60;

        int events = cls == MovementClass.PARTNER ? (int) Math.round(12 * (inBedTo - inBedFrom) / 3600) : 0;
        pOnset = new double[events];
        pDuration = new double[events];
        pAmpG = new double[events];
        pHz = new double[events];
        pRockRadians = new double[events];
        pDir = new double[events][];
        double t = inBedFrom;
        double mean = events > 0 ? (inBedTo - inBedFrom) / events : 1;
        for (int i = 0; i < events; i++) {
            t += mean * (0.3 + 1.4 * shared.nextDouble());
            pOnset[i] = t;
            pDuration[i] = 1 + 7 * shared.nextDouble();
            pAmpG[i] = (0.001 + 0.002 * shared.nextDouble()) * legScale;
            pHz[i] = 1 + 4 * shared.nextDouble();
            pRockRadians[i] = Math.toRadians(0.03 + 0.07 * shared.nextDouble()) * legScale * (shared.nextBoolean() ? 1 : -1);
            double[] d = {shared.nextGaussian(), shared.nextGaussian(), shared.nextGaussian()};
            double dn = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            pDir[i] = new double[] {d[0] / dn, d[1] / dn, d[2] / dn};
            t += pDuration[i];
        }

        int segments = cls == MovementClass.DRIFT ? Math.max(1, (int) ((inBedTo - inBedFrom) / 3600 * 1.5)) : 0;
        dFrom = new double[segments];
        dTo = new double[segments];
        dRadians = new double[segments];
        double span = (inBedTo - inBedFrom) / Math.max(1, segments);
        for (int i = 0; i < segments; i++) {
            double len = Math.min(span * 0.9, 180 + 1020 * own.nextDouble());
            dFrom[i] = inBedFrom + i * span + (span - len) * own.nextDouble();
            dTo[i] = dFrom[i] + len;
            // Alternating sign keeps the accumulated drift within a few degrees.
            dRadians[i] = Math.toRadians(1 + 5 * own.nextDouble()) * (i % 2 == 0 ? 1 : -1);
        }
        offsetEndG = cls == MovementClass.DRIFT
                ? new double[] {0.006 * own.nextDouble() - 0.003, 0.006 * own.nextDouble() - 0.003, 0.006 * own.nextDouble() - 0.003}
                : new double[3];
    }

    /**
     * Adds the disturbance at time t (samples in time order) to acc, which already holds gravity
     * g (the shank's current orientation) plus any movement.
     */
    void add(double t, double[] g, double[] acc) {
        switch (cls) {
            case CARDIORESPIRATORY -> {
                if (t < inBedFrom || t > inBedTo) {
                    return;
                }
                // A beat: a damped 6-Hz wave along the body axis, as the heart's recoil moves the body.
                double phase = t / beatSeconds + 0.03 * Math.sin(2 * Math.PI * t / 15);
                double tau = (phase - Math.floor(phase)) * beatSeconds;
                double bcg = tau < 0.3 ? bcgG * Math.sin(2 * Math.PI * 6 * tau) * Math.exp(-tau / 0.06) : 0;
                acc[0] += bcg * bodyAxis[0];
                acc[1] += bcg * bodyAxis[1];
                acc[2] += bcg * bodyAxis[2];
                rock(breathRadians * Math.sin(2 * Math.PI * breathHz * t), g, acc);
            }
            case PARTNER -> {
                while (pNext < pOnset.length && pOnset[pNext] + pDuration[pNext] < t) {
                    pNext++;
                }
                if (pNext == pOnset.length || t < pOnset[pNext]) {
                    return;
                }
                double u = t - pOnset[pNext];
                double d = pDuration[pNext];
                double ramp = 0.3;
                double w = u < ramp ? 0.5 * (1 - Math.cos(Math.PI * u / ramp))
                        : u > d - ramp ? 0.5 * (1 - Math.cos(Math.PI * (d - u) / ramp)) : 1;
                double v = pAmpG[pNext] * w * Math.sin(2 * Math.PI * pHz[pNext] * u);
                double[] dir = pDir[pNext];
                acc[0] += v * dir[0];
                acc[1] += v * dir[1];
                acc[2] += v * dir[2];
                rock(pRockRadians[pNext] * w, g, acc);
            }
            case DRIFT -> {
                double angle = 0;
                for (int i = 0; i < dFrom.length; i++) {
                    if (t >= dTo[i]) {
                        angle += dRadians[i];
                    } else if (t > dFrom[i]) {
                        double s = (t - dFrom[i]) / (dTo[i] - dFrom[i]);
                        angle += dRadians[i] * s * s * (3 - 2 * s);
                    }
                }
                rock(angle, g, acc);
                double f = t / recordingSeconds;
                acc[0] += offsetEndG[0] * f;
                acc[1] += offsetEndG[1] * f;
                acc[2] += offsetEndG[2] * f;
            }
            default -> {
            }
        }
    }

    /** Turns the gravity part of acc by a small angle about the rock axis (exact rotation). */
    private final double[] tmp = new double[3];

    private void rock(double angle, double[] g, double[] acc) {
        if (angle == 0) {
            return;
        }
        tmp[0] = tmp[1] = tmp[2] = 0;
        SyntheticNight.rotate(g, rockAxis, angle, tmp);
        acc[0] += tmp[0] - g[0];
        acc[1] += tmp[1] - g[1];
        acc[2] += tmp[2] - g[2];
    }
}
