package org.plmwatch.sim.device;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import org.plmwatch.sim.sensor.Pi4jContexts;
import org.plmwatch.sim.sensor.SensorException;

/**
 * The device's own GPIO besides the sensor (hardware/README.md): status LED on GPIO22 (output,
 * active high), lights button on GPIO27 (input, pull-up, pressed = low, 30 ms debounce) and the
 * PowerBoost low-battery line on GPIO23 (input, pull-up, low = battery low). The Pi4J context is
 * built with exactly the providers used, never by auto-detection (docs/device-notes).
 */
final class DeviceGpio {

    static final int LED_BCM = 22;
    static final int BUTTON_BCM = 27;
    static final int LOW_BATTERY_BCM = 23;
    static final long DEBOUNCE_MICROS = 30_000;
    /** The GPIO character device libgpiod opens (Pi4J picks the chip labelled pinctrl-…). */
    static final Path GPIO_CHIP = Path.of("/dev/gpiochip0");

    private DeviceGpio() {
    }

    /** I2C (linuxfs) and GPIO in and out (libgpiod): everything the device uses. */
    static Context context() {
        return Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(LinuxFsI2CProvider.newInstance(), GpioDDigitalInputProvider.newInstance(),
                        GpioDDigitalOutputProvider.newInstance())
                .build();
    }

    /**
     * {@link #context()} after {@link Pi4jContexts#loadNativeLibraries()}: a native library that
     * does not load, or GPIO that cannot be used, is a self-test failure naming the cause (exit 4,
     * fault LED where it can still light), never an {@link UnsatisfiedLinkError} or a stack trace.
     * Prints one line saying what was loaded (the journal shows it on the Pi).
     */
    static Context openContext(PrintStream out) throws StartFailure {
        try {
            out.println("pi4j native libraries loaded: " + Pi4jContexts.loadNativeLibraries());
        } catch (SensorException e) {
            throw StartFailure.selfTest(e.getMessage());
        }
        try {
            return context();
        } catch (RuntimeException e) {
            throw unusable(e);
        }
    }

    /** A Pi4J failure while building the context or opening a line, said the way a user can act on. */
    static StartFailure unusable(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String cause = root == e ? e.toString() : e + " (" + root + ")";
        if (!Files.exists(GPIO_CHIP)) {
            return StartFailure.selfTest("no GPIO chip " + GPIO_CHIP + " on this computer, so the LED, button and "
                    + "sensor interrupt cannot be reached: " + cause + ". Fix: on a PC use --sensor synthetic or "
                    + "--sensor replay:FILE; on the Pi use Raspberry Pi OS (Bookworm), whose kernel provides it");
        }
        return StartFailure.selfTest("the Pi's GPIO (" + GPIO_CHIP + ") cannot be used: " + cause + ". Fix: the "
                + "plmwatch user must be in the gpio group and no other program may hold GPIO17, 22, 23 or 27 "
                + "(hardware/pi-os/install.sh sets up the user; `gpioinfo` shows who holds a line)");
    }

    static DigitalOutput led(Context context, String providerId) {
        return context.create(DigitalOutput.newConfigBuilder(context)
                .id("status-led").name("status LED on GPIO" + LED_BCM).address(LED_BCM)
                .initial(DigitalState.LOW).shutdown(DigitalState.LOW)
                .provider(providerId).build());
    }

    static DigitalInput button(Context context, String providerId) {
        return context.create(DigitalInput.newConfigBuilder(context)
                .id("lights-button").name("lights-off/on button on GPIO" + BUTTON_BCM).address(BUTTON_BCM)
                .pull(PullResistance.PULL_UP).debounce(DEBOUNCE_MICROS)
                .provider(providerId).build());
    }

    static DigitalInput lowBatteryLine(Context context, String providerId) {
        return context.create(DigitalInput.newConfigBuilder(context)
                .id("low-battery").name("PowerBoost LBO on GPIO" + LOW_BATTERY_BCM).address(LOW_BATTERY_BCM)
                .pull(PullResistance.PULL_UP)
                .provider(providerId).build());
    }

    /**
     * Reports each press (the falling edge; Pi4J applies the 30 ms debounce) at the device clock's
     * time; a new press counts only after the button was released.
     */
    static void onPress(DigitalInput button, MonotonicClock clock, LongConsumer pressedAtMicros) {
        boolean[] released = {button.isHigh()};
        button.addListener(event -> {
            if (event.state() == DigitalState.LOW) {
                if (released[0]) {
                    released[0] = false;
                    pressedAtMicros.accept(clock.nowMicros());
                }
            } else if (event.state() == DigitalState.HIGH) {
                released[0] = true;
            }
        });
    }

    /** LBO low for 10 s = critical (hardware/power.md); read once per drain on the device loop. */
    static BatteryMonitor battery(DigitalInput lbo) {
        long[] lowSince = {Long.MIN_VALUE};
        return now -> {
            if (!lbo.isLow()) {
                lowSince[0] = Long.MIN_VALUE;
                return BatteryMonitor.State.OK;
            }
            if (lowSince[0] == Long.MIN_VALUE) {
                lowSince[0] = now;
            }
            return now - lowSince[0] >= BatteryMonitor.CRITICAL_AFTER_MICROS ? BatteryMonitor.State.CRITICAL
                    : BatteryMonitor.State.LOW;
        };
    }
}
