package org.plmwatch.sim.sensor;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import com.pi4j.Pi4J;
import com.pi4j.boardinfo.util.BoardInfoHelper;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import com.pi4j.library.linuxfs.LinuxFile;
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

    /**
     * Loads the three Pi4J native libraries the device's providers use (libgpiod.so and
     * libpi4j-gpiod.so for GPIO, libpi4j-linuxfs.so for I2C) and calls one function of each, so a
     * library that does not link on this processor (wrong architecture, a missing C-library symbol)
     * stops the start-up with its name instead of an {@link UnsatisfiedLinkError} later in the
     * night: Pi4J loads them lazily, the I2C one only when the bus is first opened, and JNI binds a
     * native method only when it is first called. Pi4J 2.8.0 loads nothing on a board it does not
     * recognise as a Raspberry Pi (it only logs "board model is unknown"), which is reported here too.
     *
     * @return what was loaded, e.g. {@code "libgpiod 1.6.5, libpi4j-gpiod.so, libpi4j-linuxfs.so"}
     */
    public static String loadNativeLibraries() throws SensorException {
        String gpiodVersion;
        try {
            // The class initialiser loads libgpiod.so then libpi4j-gpiod.so; getVersion() calls
            // through both (gpiod_version_string).
            Class<?> gpiod = Class.forName("com.pi4j.library.gpiod.internal.GpioD");
            Method version = gpiod.getDeclaredMethod("getVersion");
            version.setAccessible(true);
            gpiodVersion = String.valueOf(version.invoke(null));
        } catch (InvocationTargetException e) {
            throw nativeFailure("libgpiod.so and libpi4j-gpiod.so", e.getCause());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw nativeFailure("libgpiod.so and libpi4j-gpiod.so", e);
        }
        // The constructor asks libpi4j-linuxfs.so for the file's descriptor, as LinuxFsI2CBus does.
        try {
            new LinuxFile("/dev/null", "r").close();
        } catch (IOException | LinkageError | RuntimeException e) {
            throw nativeFailure("libpi4j-linuxfs.so", e);
        }
        return "libgpiod " + gpiodVersion + ", libpi4j-gpiod.so, libpi4j-linuxfs.so";
    }

    private static SensorException nativeFailure(String library, Throwable e) {
        String board;
        try {
            board = BoardInfoHelper.current().getBoardModel().name();
        } catch (RuntimeException | LinkageError unknown) {
            board = "unknown";
        }
        return new SensorException("Pi4J's native " + library + " cannot be used on this computer (os.arch "
                + System.getProperty("os.arch") + ", " + System.getProperty("sun.arch.data.model") + "-bit JVM, board "
                + board + "; Pi4J loads its libraries only on a board it recognises as a Raspberry Pi): " + e
                + (e.getCause() != null && e.getCause() != e ? " (" + e.getCause() + ")" : "")
                + ". Fix: run the device on a Raspberry Pi with Raspberry Pi OS (arm64 or armhf) and the device "
                + "build's lib/ (hardware/pi-os/install.sh), or check it with hardware/check-on-arm.sh", e);
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
