package org.plmwatch.sim.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
}
