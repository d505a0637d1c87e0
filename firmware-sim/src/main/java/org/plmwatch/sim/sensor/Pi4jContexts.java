package org.plmwatch.sim.sensor;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;

/**
 * Pi4J 2.8.0 set-up for the device. The context is built with exactly the providers we use and no
 * auto-detection: {@code Pi4J.newAutoContext()} silently picks mock providers whenever the mock
 * plugin is on the class path (docs/device-notes).
 */
public final class Pi4jContexts {

    private Pi4jContexts() {
    }

    /** Linux /dev/i2c-N for I2C and libgpiod for the interrupt input; nothing else. */
    public static Context forDevice() {
        return Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(LinuxFsI2CProvider.newInstance(), GpioDDigitalInputProvider.newInstance())
                .build();
    }

    /** The accelerometer's I2C device through the linuxfs provider. */
    public static I2C openI2c(Context context, SensorWiring wiring) {
        return context.create(I2C.newConfigBuilder(context)
                .id("accelerometer-i2c")
                .name("accelerometer at " + wiring.location())
                .bus(wiring.i2cBus())
                .device(wiring.i2cAddress())
                .provider(LinuxFsI2CProvider.ID)
                .build());
    }

    /**
     * The INT1 line. Pulled down so an unwired line reads low instead of floating into spurious
     * interrupts; the drain loop's timer then keeps sampling.
     */
    public static DigitalInput openInterruptLine(Context context, SensorWiring wiring, String providerId) {
        return context.create(DigitalInput.newConfigBuilder(context)
                .id("accelerometer-int1")
                .name("accelerometer INT1 on GPIO" + wiring.interruptBcm())
                .address(wiring.interruptBcm())
                .pull(PullResistance.PULL_DOWN)
                .provider(providerId)
                .build());
    }

    /** {@link #openInterruptLine(Context, SensorWiring, String)} with libgpiod, as on the device. */
    public static DigitalInput openInterruptLine(Context context, SensorWiring wiring) {
        return openInterruptLine(context, wiring, GpioDDigitalInputProvider.ID);
    }
}
