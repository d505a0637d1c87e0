package org.plmwatch.sim.device;

/**
 * The status LED. On the device a GPIO output blinking the pattern ({@link GpioStatusLed}); on a PC a
 * log line when the pattern changes ({@link LoggingStatusLed}), never one per blink.
 */
public interface StatusLed extends AutoCloseable {

    /** Shows {@code pattern} from now on (no effect when it is already shown). */
    void show(LedPattern pattern);

    /** One 0.5 s flash: a button press (lights-off / lights-on mark) was taken. */
    void acknowledge();

    /** Turns the LED off and releases it. */
    @Override
    void close();
}
