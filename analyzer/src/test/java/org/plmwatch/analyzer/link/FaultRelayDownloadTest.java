package org.plmwatch.analyzer.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.sim.link.LinkServers;
import org.plmwatch.sim.link.SocatPty;

/**
 * Downloads through a bad cable: device link server — socat pty pair — {@link FaultyRelay} — socat
 * pty pair — jssc. 20 seeded runs, each with dropped, damaged, repeated and delayed bytes, one cut
 * of the link (both ends re-opened afterwards) and, in every other run, the device's link server
 * restarted mid-transfer. Every run must end with the night stored byte-identical.
 */
class FaultRelayDownloadTest {

    private static final int RUNS = 20;
    /** Short timeouts, so the faults cost tenths of seconds, not the §6 seconds. */
    private static final LinkTimeouts FAST = new LinkTimeouts(150, 150, 150, 2000, 3);
    private static final FaultyRelay.Faults FAULTS = new FaultyRelay.Faults(0.01, 0.01, 0.01, 0.01, 0.01);

    @TempDir
    static Path tmp;

    private static SocatPty devicePair;
    private static SocatPty hostPair;

    @BeforeAll
    static void ptys() throws IOException {
        Assumptions.assumeTrue(SocatPty.available(), "socat is not installed (Debian package socat)");
        devicePair = SocatPty.start();
        hostPair = SocatPty.start();
    }

    @AfterAll
    static void closePtys() {
        if (devicePair != null) {
            devicePair.close();
        }
        if (hostPair != null) {
            hostPair.close();
        }
    }

    @Test
    void twentySeededRunsThroughABadCableEndByteIdentical() {
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            Path nights = tmp.resolve("nights");
            byte[] night = Files.readAllBytes(TestNights.write(nights, 4, 21, 0.25));
            long faults = 0;
            long rejected = 0;
            long retries = 0;
            int restarts = 0;
            long started = System.nanoTime();
            for (int run = 0; run < RUNS; run++) {
                long seed = 1000 + run;
                TestDevice device = new TestDevice("plmw-relay", nights);
                AtomicReference<LinkServers.Handle> server = new AtomicReference<>(
                        LinkServers.open(devicePair.first().toString(), device));
                boolean restart = run % 2 == 1;
                AtomicBoolean restarted = new AtomicBoolean();
                long restartAt = night.length * (3 + run % 4) / 10;
                long cutAt = night.length * (2 + run % 5) / 10;
                Archive archive = new Archive(tmp.resolve("archive-" + run));
                DownloadSummary s;
                try (FaultyRelay relay = new FaultyRelay(devicePair.second(), hostPair.first(), seed, FAULTS, cutAt, 150,
                        bytes -> {
                            if (restart && bytes >= restartAt && restarted.compareAndSet(false, true)) {
                                Thread t = new Thread(() -> {
                                    try {
                                        server.get().close();
                                        server.set(LinkServers.open(devicePair.first().toString(), device));
                                    } catch (IOException e) {
                                        throw new IllegalStateException(e);
                                    }
                                });
                                t.start();
                            }
                        });
                        LinkClient client = new LinkClient(JsscTransport.open(hostPair.second().toString()), FAST)) {
                    s = new Downloader(client, archive, Downloader.Options.DEFAULT, DownloadProgress.NONE,
                            Clock.systemUTC()).run();
                    faults += relay.chunksDropped.get() + relay.bytesDropped.get() + relay.bitsFlipped.get()
                            + relay.chunksRepeated.get() + relay.delays.get() + relay.cuts.get();
                } finally {
                    server.get().close();
                }
                assertEquals(NightOutcome.Status.DOWNLOADED, s.nights().get(0).status(),
                        "seed " + seed + ": " + s.nights().get(0).message());
                assertArrayEquals(night, Files.readAllBytes(archive.nightFile("plmw-relay", 4)), "seed " + seed);
                rejected += s.link().received().rejectedTotal();
                retries += s.link().retries() + s.link().reRequests();
                restarts += restarted.get() ? 1 : 0;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("fault relay: %d runs of a %d-byte night in %.1f s; %d faults injected, %d frames "
                    + "rejected by the host, %d retries/re-requests, %d server restarts; all byte-identical%n",
                    RUNS, night.length, seconds, faults, rejected, retries, restarts);
            assertTrue(faults > RUNS * 3, "the relay injected faults: " + faults);
            assertTrue(rejected > 0, "damaged frames reached the host and were rejected");
            assertTrue(restarts >= RUNS / 2 - 1, "device restarted mid-transfer in most odd runs: " + restarts);
        });
    }

}
