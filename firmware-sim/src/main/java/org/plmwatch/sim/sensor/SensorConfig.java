package org.plmwatch.sim.sensor;

/**
 * What the device asks of either accelerometer. Defaults suit leg movements of 0.5–10 s
 * (docs/device-notes: 50 Hz, ±4 g, FIFO stream mode, drain about every 0.5 s).
 *
 * @param outputDataRateHz  one of 25, 50, 100, 200, 400: the rates both chips offer over I2C
 * @param rangeG            full scale ±2, ±4, ±8 or ±16 g
 * @param watermarkSamples  FIFO level, 1–31 samples, at which the chip raises its INT1 pin (LIS3DH
 *                          FTH: WTM when the FIFO holds FTH or more; ADXL345 samples bits: when the
 *                          entries equal it)
 */
public record SensorConfig(int outputDataRateHz, int rangeG, int watermarkSamples) {

    /** 50 Hz, ±4 g, watermark 25 samples: the interrupt comes every 0.5 s. */
    public static final SensorConfig DEFAULT = new SensorConfig(50, 4, 25);

    public SensorConfig {
        if (outputDataRateHz != 25 && outputDataRateHz != 50 && outputDataRateHz != 100
                && outputDataRateHz != 200 && outputDataRateHz != 400) {
            throw new IllegalArgumentException("output data rate " + outputDataRateHz
                    + " Hz is not offered by both LIS3DH and ADXL345; use 25, 50, 100, 200 or 400 Hz");
        }
        if (rangeG != 2 && rangeG != 4 && rangeG != 8 && rangeG != 16) {
            throw new IllegalArgumentException("range ±" + rangeG + " g is not offered; use 2, 4, 8 or 16");
        }
        if (watermarkSamples < 1 || watermarkSamples > 31) {
            // 5-bit field on both chips (LIS3DH FTH[4:0], ADXL345 FIFO_CTL samples); 32 never fires.
            throw new IllegalArgumentException("FIFO watermark " + watermarkSamples
                    + " samples is outside 1–31 (5-bit register field); use e.g. 25 for 0.5 s at 50 Hz");
        }
    }
}
