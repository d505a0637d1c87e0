package org.plmwatch.sim.synth;

/**
 * Noise and quantisation of an accelerometer chip as configured on the device.
 *
 * @param name                    label for tables
 * @param lsbG                    one count, g (0: no quantisation)
 * @param noiseDensityGPerRootHz  white-noise density per axis, g/√Hz
 * @param minBandwidthHz          the noise bandwidth never falls below this, whatever the rate
 * @param rangeG                  full scale, ± g (readings clip there)
 */
public record SensorModel(String name, double lsbG, double noiseDensityGPerRootHz, double minBandwidthHz,
                          double rangeG) {

    /**
     * ST LIS3DH, ±4 g, high-resolution (12-bit) mode: 2 mg/digit; noise density 220 µg/√Hz
     * (LIS3DH datasheet DocID17530, mechanical characteristics); bandwidth = half the output rate,
     * so 1.1 mg rms at 50 Hz.
     */
    public static final SensorModel LIS3DH_4G_HIGHRES = new SensorModel("LIS3DH ±4g 12-bit", 0.002, 220e-6, 0, 4);

    /**
     * Analog Devices ADXL345, ±4 g, full resolution (DATA_FORMAT FULL_RES, as the device's driver
     * sets it): 3.9 mg/LSB at every range; noise as {@link #ADXL345_4G_10BIT} (the datasheet gives
     * noise in g, not counts: it does not change with the resolution).
     */
    public static final SensorModel ADXL345_4G_FULLRES = new SensorModel("ADXL345 ±4g full-res", 0.0039, 430e-6, 50, 4);

    /**
     * Analog Devices ADXL345, ±4 g, fixed 10-bit resolution (FULL_RES clear; not what the device
     * configures, kept as the coarsest grid a chip here can give): 7.8 mg/LSB; noise density 290 µg/√Hz
     * (x, y) and 430 µg/√Hz (z), the worse one used for all axes; below 100 Hz output rate the
     * noise stays at its 100-Hz level (datasheet rev. E, "Noise performance"): 3.0 mg rms.
     */
    public static final SensorModel ADXL345_4G_10BIT = new SensorModel("ADXL345 ±4g 10-bit", 0.0078, 430e-6, 50, 4);

    public SensorModel {
        if (!(lsbG >= 0) || !(noiseDensityGPerRootHz >= 0) || !(minBandwidthHz >= 0) || !(rangeG > 1)) {
            throw new IllegalArgumentException("sensor model needs lsb >= 0, noise density >= 0 and range > 1 g, was "
                    + lsbG + ", " + noiseDensityGPerRootHz + ", " + rangeG);
        }
    }

    /** Per-axis rms noise at an output rate (bandwidth half the rate, at least minBandwidthHz). */
    public double noiseRmsG(double rateHz) {
        return noiseDensityGPerRootHz * Math.sqrt(Math.max(rateHz / 2, minBandwidthHz));
    }

    /** A sensor on the same count grid with a different white-noise level (rms per axis at any rate). */
    public SensorModel withNoiseRmsG(double rmsG, double rateHz) {
        return new SensorModel(String.format(java.util.Locale.ROOT, "%.1f mg grid, noisier", lsbG * 1000),
                lsbG, rmsG / Math.sqrt(Math.max(rateHz / 2, minBandwidthHz)), minBandwidthHz, rangeG);
    }
}
