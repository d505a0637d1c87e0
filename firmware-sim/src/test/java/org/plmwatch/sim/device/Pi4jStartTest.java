package org.plmwatch.sim.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.pi4j.boardinfo.util.BoardInfoHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.core.model.Leg;
import org.plmwatch.sim.sensor.Pi4jContexts;
import org.plmwatch.sim.sensor.SensorException;

/**
 * How the device starts Pi4J on a computer that is not a Raspberry Pi (this one): the native
 * libraries are refused with their name and the reason, a GPIO failure names /dev/gpiochip0, and a
 * missing I2C bus is what the user reads first. The same start on ARM, where the libraries do load,
 * is hardware/check-on-arm.sh.
 */
class Pi4jStartTest {

    @TempDir
    Path tmp;

    private static void assumeNotAPi() {
        assumeFalse(BoardInfoHelper.runningOnRaspberryPi(), "this computer is a Raspberry Pi");
    }

    @Test
    void nativeLibrariesOnAComputerPi4jDoesNotRecogniseFailWithTheLibraryAndTheReason() {
        assumeNotAPi();
        SensorException e = assertThrows(SensorException.class, Pi4jContexts::loadNativeLibraries);
        String m = e.getMessage();
        assertTrue(m.contains("libgpiod.so and libpi4j-gpiod.so"), m);
        assertTrue(m.contains("os.arch " + System.getProperty("os.arch")), m);
        assertTrue(m.contains("board UNKNOWN"), m);
        assertTrue(m.contains("hardware/check-on-arm.sh"), m);
        // a second attempt (the class is now in its failed state) is still a SensorException
        assertThrows(SensorException.class, Pi4jContexts::loadNativeLibraries);
    }

    @Test
    void aGpioFailureWithoutAGpioChipNamesTheChipAndTheCause() {
        assumeFalse(Files.exists(DeviceGpio.GPIO_CHIP), "this computer has a GPIO chip");
        StartFailure f = DeviceGpio.unusable(new IllegalStateException("provider missing",
                new IllegalStateException("Couldn't identify gpiochip!")));
        assertEquals(ExitCodes.SELF_TEST_FAILED, f.exitCode());
        assertTrue(f.getMessage().startsWith("self-test failed: no GPIO chip /dev/gpiochip0"), f.getMessage());
        assertTrue(f.getMessage().contains("Couldn't identify gpiochip!"), f.getMessage());
    }

    @Test
    void withoutI2cNorPi4jTheMissingBusIsToldFirstAndTheNativeCauseAfterIt() {
        assumeFalse(Files.exists(Path.of("/dev/i2c-1")), "this computer has an I2C bus");
        assumeNotAPi();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DeviceOptions o = DeviceOptions.synthetic(tmp.resolve("pc"), 1, 1);
        o = new DeviceOptions("lis3dh", Optional.empty(), Leg.LEFT, o.dataDir(), 1, 2, 1, 8, List.of(), o.minFreeBytes(),
                false, o.lowBatteryAtSeconds());
        int code = new DeviceProgram(o, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run();
        assertEquals(ExitCodes.SELF_TEST_FAILED, code);
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.startsWith("plmwatch-device: self-test failed: no I2C bus /dev/i2c-1"), e);
        assertTrue(e.indexOf(". Also Pi4J's native libgpiod.so") > e.indexOf("use --sensor synthetic"), e);
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("pi4j native libraries loaded"));
    }
}
