package org.plmwatch.sim.synth;

/**
 * Noise and quantisation of an accelerometer chip as configured on the device.
 *
 * @param name                    label for tables
 * @param lsbG                    one count, g (0: no quantisation)
 * @param noiseDensityGPerRootHz  white-noise density per axis, g/√Hz
 * @param rangeG                  full scale, ± g (readings clip there)
 */
public record SensorModel(String name, double lsbG, double noiseDensityGPerRootHz, double rangeG) {

    /**
     * ST LIS3DH, ±4 g, high-resolution (12-bit) mode: 2 mg/digit; noise density 220 µg/√Hz
     * (LIS3DH datasheet DocID17530, table 4, normal mode; high-resolution is not worse).
     */
    public static final SensorModel LIS3DH_4G_HIGHRES = new SensorModel("LIS3DH ±4g 12-bit", 0.002, 220e-6, 4);

    /**
     * Analog Devices ADXL345, ±4 g, 10-bit (fixed) resolution: 7.8 mg/LSB; noise about
     * 1.1 LSB rms (z axis, worst) of 3.9 mg at 100 Hz output rate, i.e. ≈ 4.3 mg rms over a
     * 50 Hz bandwidth ≈ 600 µg/√Hz (ADXL345 datasheet rev. E, specifications table).
     */
    public static final SensorModel ADXL345_4G_10BIT = new SensorModel("ADXL345 ±4g 10-bit", 0.0078, 600e-6, 4);

    public SensorModel {
        if (!(lsbG >= 0) || !(noiseDensityGPerRootHz >= 0) || !(rangeG > 1)) {
            throw new IllegalArgumentException("sensor model needs lsb >= 0, noise density >= 0 and range > 1 g, was "
                    + lsbG + ", " + noiseDensityGPerRootHz + ", " + rangeG);
        }
    }

    /** Per-axis rms noise at an output rate, with the bandwidth at half the rate. */
    public double noiseRmsG(double rateHz) {
        return noiseDensityGPerRootHz * Math.sqrt(rateHz / 2);
    }

    /** The same chip with a different white-noise level (rms per axis at the given rate). */
    public SensorModel withNoiseRmsG(double rmsG, double rateHz) {
        return new SensorModel(name, lsbG, rmsG / Math.sqrt(rateHz / 2), rangeG);
    }
}
