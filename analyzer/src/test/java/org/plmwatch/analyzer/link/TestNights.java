package org.plmwatch.analyzer.link;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import org.plmwatch.core.accel.AccelSink;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.nightfile.BlockRef;
import org.plmwatch.core.nightfile.BlockScanner;
import org.plmwatch.core.nightfile.NightFileWriter;
import org.plmwatch.core.nightfile.NightHeader;
import org.plmwatch.core.nightfile.WornOn;
import org.plmwatch.sim.synth.SyntheticNight;
import org.plmwatch.sim.synth.SyntheticNightConfig;

/**
 * Night files as the device writes them: the synthetic generator's left ankle at 50 Hz (LIS3DH
 * ±4 g, 0.002 g/count), drained in 25-sample batches into core's NightFileWriter. Cached per
 * (seed, hours): generating costs more than the tests that use them.
 */
public final class TestNights {

    static final double SCALE_G_PER_COUNT = 0.002;
    /** 2026-01-15 21:30 UTC. */
    public static final long DEFAULT_START_MICROS = 1_768_512_600_000_000L;
    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private TestNights() {
    }

    /** The bytes of a night file of {@code hours} (≥ 0.25) generated from {@code seed}. */
    public static byte[] night(long seed, double hours) {
        return night(seed, hours, WornOn.LEFT, DEFAULT_START_MICROS);
    }

    /** Like {@link #night(long, double)}, the generator's {@code leg} ankle (left when unknown), started at {@code startUnixMicros}. */
    public static byte[] night(long seed, double hours, WornOn leg, long startUnixMicros) {
        return CACHE.computeIfAbsent(seed + "/" + hours + "/" + leg + "/" + startUnixMicros,
                k -> generate(seed, hours, leg, startUnixMicros)).clone();
    }

    /** Writes night {@code nightId} into {@code dir} as the device names it. */
    public static Path write(Path dir, int nightId, long seed, double hours) throws IOException {
        Files.createDirectories(dir);
        return Files.write(dir.resolve(String.format("night-%06d.night", nightId)), night(seed, hours));
    }

    /** The concatenation of a file's intact blocks: what the link serves and the host must store. */
    public static byte[] intactBlocks(byte[] file) {
        List<BlockRef> blocks = BlockScanner.scan(ByteBuffer.wrap(file)).blocks();
        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length);
        for (BlockRef b : blocks) {
            out.write(file, (int) b.offset(), b.lengthBytes());
        }
        return out.toByteArray();
    }

    private static byte[] generate(long seed, double hours, WornOn leg, long startUnixMicros) {
        SyntheticNightConfig cfg = SyntheticNightConfig.defaults(seed);
        if (hours < 1) {
            cfg = cfg.withTiming(60, 60, 60); // short test nights: lights-off and -on close to the ends
        }
        cfg = cfg.withRecordingHours(hours);
        SyntheticNight night = SyntheticNight.generate(cfg);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            NightHeader header = NightHeader.of("plmw-test", "0.1.0", "synthetic", 50, 4, SCALE_G_PER_COUNT,
                    leg, OptionalLong.of(startUnixMicros));
            NightFileWriter w = NightFileWriter.create(bytes, header);
            short[] batch = new short[3 * 25];
            night.stream(leg == WornOn.RIGHT ? Leg.RIGHT : Leg.LEFT, new AccelSink() {
                int n;
                long firstMicros;

                @Override
                public void sample(double t, double x, double y, double z) {
                    if (n == 0) {
                        firstMicros = Math.round(t * 1e6);
                    }
                    batch[3 * n] = counts(x);
                    batch[3 * n + 1] = counts(y);
                    batch[3 * n + 2] = counts(z);
                    if (++n == 25) {
                        flush();
                    }
                }

                @Override
                public void end() {
                    if (n > 0) {
                        flush();
                    }
                }

                private void flush() {
                    try {
                        w.writeSamples(firstMicros, batch, 0, n);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    n = 0;
                }
            });
            w.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static short counts(double g) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(g / SCALE_G_PER_COUNT)));
    }
}
