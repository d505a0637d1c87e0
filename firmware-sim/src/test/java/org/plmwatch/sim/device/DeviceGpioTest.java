package org.plmwatch.sim.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import java.util.ArrayList;
import java.util.List;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device's button, low-battery line and LED pins on Pi4J 2.8.0's mock GPIO. */
class DeviceGpioTest {

    private Context pi4j;

    @BeforeEach
    void context() {
        pi4j = Pi4J.newContextBuilder().noAutoDetect()
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
    }

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    @Test
    void aPressCountsOnceUntilTheButtonIsReleased() {
        MockDigitalInput button = (MockDigitalInput) DeviceGpio.button(pi4j, MockDigitalInputProvider.ID);
        button.mockState(DigitalState.HIGH);   // pull-up: released reads high
        long[] now = {1_000_000};
        List<Long> presses = new ArrayList<>();
        DeviceGpio.onPress(button, () -> now[0], presses::add);
        button.mockState(DigitalState.LOW);    // pressed
        now[0] = 1_100_000;
        button.mockState(DigitalState.HIGH);   // released
        now[0] = 5_000_000;
        button.mockState(DigitalState.LOW);    // second press
        assertEquals(List.of(1_000_000L, 5_000_000L), presses);
        assertEquals(27, DeviceGpio.BUTTON_BCM);
    }

    @Test
    void theLowBatteryLineMustStayLowTenSecondsBeforeTheNightCloses() {
        MockDigitalInput lbo = (MockDigitalInput) DeviceGpio.lowBatteryLine(pi4j, MockDigitalInputProvider.ID);
        BatteryMonitor battery = DeviceGpio.battery(lbo);
        lbo.mockState(DigitalState.HIGH);
        assertEquals(BatteryMonitor.State.OK, battery.state(0));
        lbo.mockState(DigitalState.LOW);
        assertEquals(BatteryMonitor.State.LOW, battery.state(1_000_000));
        assertEquals(BatteryMonitor.State.LOW, battery.state(10_999_999));
        lbo.mockState(DigitalState.HIGH);       // a load spike, then recovery: the 10 s start again
        assertEquals(BatteryMonitor.State.OK, battery.state(11_000_000));
        lbo.mockState(DigitalState.LOW);
        assertEquals(BatteryMonitor.State.LOW, battery.state(12_000_000));
        assertEquals(BatteryMonitor.State.CRITICAL, battery.state(22_000_000));
    }

    @Test
    void theLedPinIsOffAfterClose() {
        DigitalOutput pin = DeviceGpio.led(pi4j, MockDigitalOutputProvider.ID);
        GpioStatusLed led = new GpioStatusLed(pin);
        led.show(LedPattern.FAULT);
        led.acknowledge();
        led.close();
        assertFalse(pin.isHigh());
    }

    /**
     * The patient must see a fault for as long as the program runs after it, e.g. while the link is
     * still served so the clinician can download: run() returning must not darken the LED; only the
     * program's end (close) does, and it releases the LED's thread. The LED's steps are held in test
     * time once run() has returned, so the pattern is read step by step without sleeping.
     */
    @Test
    void afterAStartFailureTheLedBlinksTheFaultUntilTheProgramEnds(@TempDir Path tmp) throws Exception {
        DigitalOutput pin = DeviceGpio.led(pi4j, MockDigitalOutputProvider.ID);
        AtomicBoolean runReturned = new AtomicBoolean();
        List<DigitalState> states = new ArrayList<>();   // written by the LED's player only, read after the latch
        List<Long> heldMillis = new ArrayList<>();
        CountDownLatch twentySteps = new CountDownLatch(1);
        GpioStatusLed led = new GpioStatusLed(pin, (lock, millis) -> {
            if (!runReturned.get()) {
                lock.wait(millis);   // real time until the program's run() has returned
            } else if (states.size() < 20) {
                states.add(pin.state());
                heldMillis.add(millis);
            } else {
                twentySteps.countDown();
                lock.wait();         // park until close() wakes the player
            }
        });
        Path garbage = tmp.resolve("garbage.csv");
        Files.writeString(garbage, "this is not a recording\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DeviceProgram program = new DeviceProgram(DeviceOptions.synthetic(tmp.resolve("data"), 9, 0.25).withReplay(garbage),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8))
                .withSimulatorLed(led);

        assertEquals(ExitCodes.BAD_INPUT, program.run(), out.toString(StandardCharsets.UTF_8));
        runReturned.set(true);
        assertTrue(twentySteps.await(10, TimeUnit.SECONDS), "the LED kept no pattern after run() returned");
        assertEquals(List.of(100L), heldMillis.stream().distinct().toList(), "fault: 100 ms steps (5 Hz)");
        for (int i = 1; i < states.size(); i++) {
            assertNotEquals(states.get(i - 1), states.get(i), "the fault pattern toggles every step: " + states);
        }
        assertTrue(states.contains(DigitalState.HIGH), "lit half of the time: " + states);
        assertTrue(led.playing());

        program.close();
        assertEquals(DigitalState.LOW, pin.state(), "off once the program ends");
        assertFalse(led.playing(), "the LED's thread is released");
        program.close();   // a second close (main and the SIGTERM hook may both close) is harmless
        assertEquals(DigitalState.LOW, pin.state());
    }
}
