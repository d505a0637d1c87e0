package org.plmwatch.core.io.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CsvColumnsTest {

    private static CsvColumns.Match match(String... names) throws CsvColumns.NoMatch {
        return CsvColumns.match(List.of(names));
    }

    @Test
    void findsAccelerationUnderManySpellings() throws Exception {
        String[][] spellings = {
            {"x", "y", "z"}, {"ax", "ay", "az"}, {"acc_x", "acc_y", "acc_z"}, {"accX", "accY", "accZ"},
            {"AccX", "AccY", "AccZ"}, {"ACCEL_X", "ACCEL_Y", "ACCEL_Z"}, {"Accel X (g)", "Accel Y (g)", "Accel Z (g)"},
            {"accelerometer_x", "accelerometer_y", "accelerometer_z"}, {"Accelerometer X", "Accelerometer Y",
                "Accelerometer Z"}, {"acceleration x-axis", "acceleration y-axis", "acceleration z-axis"},
            {"x_acc", "y_acc", "z_acc"}, {"aX [m/s^2]", "aY [m/s^2]", "aZ [m/s^2]"}, {"acc_x_g", "acc_y_g", "acc_z_g"},
        };
        for (String[] axes : spellings) {
            CsvColumns.Match m = match("gyro_x", "time", axes[0], "gx", axes[1], "mag_x", axes[2], "gz");
            assertEquals(1, m.time(), axes[0]);
            assertEquals(2, m.x(), axes[0]);
            assertEquals(4, m.y(), axes[0]);
            assertEquals(6, m.z(), axes[0]);
        }
    }

    @Test
    void neverTakesGyroMagnetometerOrLinearAcceleration() {
        for (String prefix : new String[] {"g", "gyro_", "Gyro", "gyroscope ", "m", "mag_", "linear_acceleration_",
                "angular_velocity_"}) {
            CsvColumns.NoMatch e = assertThrows(CsvColumns.NoMatch.class,
                    () -> match("t", prefix + "x", prefix + "y", prefix + "z"), prefix);
            assertTrue(e.getMessage().contains("no column for x acceleration"), e.getMessage());
        }
    }

    @Test
    void findsTimeUnderManySpellingsAndReadsItsUnit() throws Exception {
        for (String name : new String[] {"t", "time", "Time", "TimeStamp", "timestamp", "date_time", "DateTime",
                "epoch", "unix_time", "Time (s)", "seconds", "elapsed_time", "timestamp_utc"}) {
            CsvColumns.Match m = match(name, "x", "y", "z");
            assertEquals(0, m.time(), name);
            assertEquals(false, m.timeInMilliseconds(), name);
        }
        for (String name : new String[] {"time_ms", "Time (ms)", "timestamp [ms]", "ms", "epoch_ms", "millis"}) {
            assertTrue(match(name, "x", "y", "z").timeInMilliseconds(), name);
        }
    }

    @Test
    void readsUnitsDeclaredInNames() throws Exception {
        assertEquals(Optional.of(AccelUnits.G), match("t", "Accel X (g)", "Accel Y (g)", "Accel Z (g)").declaredUnits());
        assertEquals(Optional.of(AccelUnits.METERS_PER_SECOND_SQUARED),
                match("t", "ax (m/s²)", "ay (m/s²)", "az (m/s²)").declaredUnits());
        assertEquals(Optional.of(AccelUnits.METERS_PER_SECOND_SQUARED),
                match("t", "acc_x_mps2", "acc_y_mps2", "acc_z_mps2").declaredUnits());
        assertEquals(Optional.empty(), match("t", "x", "y", "z").declaredUnits());
        assertThrows(CsvColumns.NoMatch.class, () -> match("t", "ax (g)", "ay (m/s^2)", "az"));
    }

    @Test
    void twoTimeColumnsAreAmbiguous() {
        CsvColumns.NoMatch e = assertThrows(CsvColumns.NoMatch.class, () -> match("time", "timestamp", "x", "y", "z"));
        assertTrue(e.getMessage().contains("'time' and 'timestamp'"), e.getMessage());
    }
}
