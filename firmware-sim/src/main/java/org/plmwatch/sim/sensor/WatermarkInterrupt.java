package org.plmwatch.sim.sensor;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;

/**
 * Calls back when the accelerometer's INT1 line, wired to a Pi GPIO input, goes high (both chips
 * are configured active high). The callback runs on Pi4J's event thread, so it should only signal
 * the drain loop, never touch I2C itself. {@link #close()} detaches the listener; the caller owns
 * the input.
 */
public final class WatermarkInterrupt implements AutoCloseable {

    private final DigitalInput line;
    private final DigitalStateChangeListener listener;

    public WatermarkInterrupt(DigitalInput line, Runnable onWatermark) {
        if (line == null || onWatermark == null) {
            throw new IllegalArgumentException("watermark interrupt needs a GPIO input and a callback");
        }
        this.line = line;
        this.listener = event -> {
            if (event.state() == DigitalState.HIGH) {
                onWatermark.run();
            }
        };
        line.addListener(listener);
    }

    /** The line is high now, e.g. the watermark was reached before the listener was attached. */
    public boolean isAsserted() {
        return line.isHigh();
    }

    @Override
    public void close() {
        line.removeListener(listener);
    }
}
