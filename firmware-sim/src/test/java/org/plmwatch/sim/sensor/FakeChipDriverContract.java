package org.plmwatch.sim.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.i2c.I2CRegisterDataReaderWriter;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;

/**
 * Behaviour only a fake can provoke: chosen sample values, a FIFO left to overflow, failing bus
 * transfers, the interrupt line. Subclasses give the chip's data-word encoding.
 */
abstract class FakeChipDriverContract extends AccelerometerDriverContract {

    protected RegisterMapFake fake;

    protected abstract RegisterMapFake newFake();

    /** The data-register word the chip shows for {@code counts} (LIS3DH shifts left by 4). */
    protected abstract short word(int counts);

    /** Counts for 1 g at ±4 g: LIS3DH 2 mg/count, ADXL345 3.9 mg/count (256 LSB/g). */
    protected abstract int countsPerG();

    /** Largest positive count at ±4 g: LIS3DH 12-bit 2047, ADXL345 full-res 11-bit 1023. */
    protected abstract int maxCounts();

    @Override
    protected Bench openBench() {
        fake = newFake();
        return new Bench() {
            @Override
            public I2CRegisterDataReaderWriter bus() {
                return fake;
            }

            @Override
            public void restFor(int samples) {
                for (int i = 0; i < samples; i++) {
                    produce(0, 0, countsPerG());
                }
            }

            @Override
            public long fallbackMillis() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
    }

    protected void produce(int x, int y, int z) {
        assertTrue(fake.produce(word(x), word(y), word(z)), "the fake chip is powered down");
    }

    @Test
    void drainDecodesLittleEndianSignedSamplesInOrder() throws Exception {
        try (AccelerometerDriver driver = newDriver(fake)) {
            driver.configure(SensorConfig.DEFAULT);
            int max = maxCounts();
            int[][] given = {{0, 0, 0}, {1, -1, 2}, {max, -max - 1, -300}, {-2, 255, 256}, {-256, 127, -128}};
            for (int[] s : given) {
                produce(s[0], s[1], s[2]);
            }
            RecordingSink sink = new RecordingSink();
            assertEquals(given.length, driver.drain(sink));
            List<RecordingSink.Event> expected = new ArrayList<>();
            for (int[] s : given) {
                expected.add(RecordingSink.Event.sample(s[0], s[1], s[2]));
            }
            assertEquals(expected, sink.events);
            assertEquals(0, fake.fifoLevel());
        }
    }

    @Test
    void seededRandomSamplesRoundTripAcrossSeveralDrains() throws Exception {
        try (AccelerometerDriver driver = newDriver(fake)) {
            driver.configure(SensorConfig.DEFAULT);
            Random random = new Random(20261121L);
            List<RecordingSink.Event> expected = new ArrayList<>();
            RecordingSink sink = new RecordingSink();
            for (int drain = 0; drain < 8; drain++) {
                int n = 1 + random.nextInt(31);
                for (int i = 0; i < n; i++) {
                    int x = random.nextInt(2 * maxCounts() + 2) - maxCounts() - 1;
                    int y = random.nextInt(2 * maxCounts() + 2) - maxCounts() - 1;
                    int z = random.nextInt(2 * maxCounts() + 2) - maxCounts() - 1;
                    produce(x, y, z);
                    expected.add(RecordingSink.Event.sample(x, y, z));
                }
                assertEquals(n, driver.drain(sink));
            }
            assertEquals(expected, sink.events);
            assertEquals(expected.size(), driver.counters().samplesRead());
        }
    }

    @Test
    void fifoOverflowIsRecordedAsLossBeforeTheSurvivingSamples() throws Exception {
        try (AccelerometerDriver driver = newDriver(fake)) {
            driver.configure(SensorConfig.DEFAULT);
            for (int i = 1; i <= 40; i++) {
                produce(i, -i, countsPerG());
            }
            assertEquals(8, fake.overwrittenSamples(), "stream mode keeps the newest 32 of 40");
            RecordingSink sink = new RecordingSink();
            assertEquals(32, driver.drain(sink));
            assertEquals(RecordingSink.Event.loss(), sink.events.get(0), "loss comes before the survivors");
            assertEquals(1, sink.losses());
            assertEquals(RecordingSink.Event.sample(9, -9, countsPerG()), sink.events.get(1));
            assertEquals(RecordingSink.Event.sample(40, -40, countsPerG()), sink.events.get(32));
            assertEquals(1, driver.counters().fifoOverruns());

            // The next drain, FIFO below full, reports no loss.
            produce(41, -41, countsPerG());
            RecordingSink next = new RecordingSink();
            assertEquals(1, driver.drain(next));
            assertEquals(List.of(RecordingSink.Event.sample(41, -41, countsPerG())), next.events);
            assertEquals(1, driver.counters().fifoOverruns());
        }
    }

    @Test
    void aFifoBelowFullReportsNoLoss() throws Exception {
        try (AccelerometerDriver driver = newDriver(fake)) {
            driver.configure(SensorConfig.DEFAULT);
            bench.restFor(31);
            RecordingSink sink = new RecordingSink();
            assertEquals(31, driver.drain(sink));
            assertEquals(0, sink.losses());
            assertEquals(0, driver.counters().fifoOverruns());
        }
    }

    @Test
    void aFailedTransferIsRetriedAndCounted() throws Exception {
        try (AccelerometerDriver driver = newDriver(fake)) {
            driver.configure(SensorConfig.DEFAULT);
            bench.restFor(3);
            fake.failAccesses(fake.accessCount() + 2, 1); // the first sample read fails once
            RecordingSink sink = new RecordingSink();
            assertEquals(3, driver.drain(sink));
            assertEquals(3, sink.samples().size());
            assertEquals(0, sink.losses());
            assertEquals(1, driver.counters().i2cRetries());
            assertEquals(0, driver.counters().i2cFailures());
        }
    }

    @Test
    void aTransferThatKeepsFailingIsCountedReportedAndMarksALoss() throws Exception {
        try (AccelerometerDriver driver = newDriver(fake)) {
            driver.configure(SensorConfig.DEFAULT);
            bench.restFor(3);
            fake.failAccesses(fake.accessCount() + 2, RetryingRegisters.MAX_ATTEMPTS);
            RecordingSink sink = new RecordingSink();
            SensorException e = assertThrows(SensorException.class, () -> driver.drain(sink));
            assertTrue(e.getMessage().contains("failed 3 times"), e.getMessage());
            assertTrue(e.getMessage().contains(chipName() + " at test bus"), e.getMessage());
            assertTrue(e.getMessage().contains("SDA GPIO2 pin 3"), e.getMessage());
            assertEquals(RetryingRegisters.MAX_ATTEMPTS - 1, driver.counters().i2cRetries());
            assertEquals(1, driver.counters().i2cFailures());

            RecordingSink after = new RecordingSink();
            driver.drain(after);
            assertEquals(RecordingSink.Event.loss(), after.events.get(0), "the failed read may have lost a sample");
            assertEquals(0, driver.counters().fifoOverruns(), "a bus failure is not a FIFO overrun");
        }
    }

    @Test
    void theWatermarkInterruptTriggersADrain() throws Exception {
        Context pi4j = Pi4J.newContextBuilder().noAutoDetect().add(MockDigitalInputProvider.newInstance()).build();
        try (AccelerometerDriver driver = newDriver(fake)) {
            SensorWiring wiring = SensorWiring.lis3dhDefault();
            DigitalInput line = Pi4jContexts.openInterruptLine(pi4j, wiring, MockDigitalInputProvider.ID);
            driver.configure(SensorConfig.DEFAULT);
            RecordingSink sink = new RecordingSink();
            DrainLoop loop = new DrainLoop(driver, sink);
            try (WatermarkInterrupt interrupt = new WatermarkInterrupt(line, loop::signalWatermark)) {
                bench.restFor(SensorConfig.DEFAULT.watermarkSamples() - 1);
                assertFalse(fake.int1High(), "INT1 stays low below the watermark");
                bench.restFor(1);
                assertTrue(fake.int1High(), "INT1 rises at the watermark");

                ((MockDigitalInput) line).mockState(DigitalState.HIGH); // the pin follows the chip
                DrainLoop.Drained drained = loop.awaitAndDrain(10_000);

                assertTrue(drained.byInterrupt());
                assertEquals(SensorConfig.DEFAULT.watermarkSamples(), drained.samples());
                assertFalse(fake.int1High(), "draining clears the watermark condition");
                assertTrue(interrupt.isAsserted(), "the mock line stays where the test put it");
            }
            // No edge: the fallback timer drains anyway.
            bench.restFor(3);
            DrainLoop.Drained byTimer = loop.awaitAndDrain(1);
            assertFalse(byTimer.byInterrupt());
            assertEquals(3, byTimer.samples());
        } finally {
            pi4j.shutdown();
        }
    }

    @Test
    void drainingAllocatesNothingPerSample() throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (AccelerometerDriver driver = newDriver(fake)) {
            driver.configure(SensorConfig.DEFAULT);
            long[] sum = new long[1];
            RawSampleSink counting = new RawSampleSink() {
                @Override
                public void sample(short x, short y, short z) {
                    sum[0] += x + y + z;
                }

                @Override
                public void samplesLost() {
                    sum[0]--;
                }
            };
            for (int round = 0; round < 3; round++) { // warm up class loading and the JIT
                bench.restFor(32);
                driver.drain(counting);
            }
            bench.restFor(32);
            long before = threads.getCurrentThreadAllocatedBytes();
            int drained = driver.drain(counting);
            long allocatedBytes = threads.getCurrentThreadAllocatedBytes() - before;
            assertEquals(32, drained);
            assertEquals(0, allocatedBytes, "bytes allocated while draining 32 samples");
            // 4 drains of 32 z = 1 g samples; each found the FIFO full and reported a possible loss (-1).
            assertEquals(4 * 32 * countsPerG() - 4, sum[0], "every sample and loss reached the sink");
        }
    }

    @Test
    void drainBeforeConfigureIsRefused() throws Exception {
        try (AccelerometerDriver driver = newDriver(fake)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> driver.drain(new RecordingSink()));
            assertTrue(e.getMessage().contains("configure"), e.getMessage());
        }
    }

    @Test
    void reconfiguringEmptiesTheFifo() throws Exception {
        try (AccelerometerDriver driver = newDriver(fake)) {
            driver.configure(SensorConfig.DEFAULT);
            bench.restFor(10);
            driver.configure(new SensorConfig(100, 4, 10));
            RecordingSink sink = new RecordingSink();
            assertEquals(0, driver.drain(sink));
            assertTrue(sink.events.isEmpty());
        }
    }

    @Test
    void aPoweredDownChipProducesNothing() throws Exception {
        AccelerometerDriver driver = newDriver(fake);
        assertFalse(fake.produce(word(1), word(2), word(3)), "not configured yet: powered down");
        driver.configure(SensorConfig.DEFAULT);
        assertTrue(fake.produce(word(1), word(2), word(3)));
        driver.close();
        assertFalse(fake.produce(word(1), word(2), word(3)));
    }
}
