package org.plmwatch.sim.sensor;

/**
 * Running totals kept by a driver since it was constructed.
 *
 * @param samplesRead   samples handed to a sink
 * @param i2cRetries    I2C transfers that failed and were tried again
 * @param i2cFailures   I2C transfers that still failed after the last attempt
 * @param fifoOverruns  drains that found the FIFO full, i.e. samples possibly overwritten
 */
public record DriverCounters(long samplesRead, long i2cRetries, long i2cFailures, long fifoOverruns) {
}
