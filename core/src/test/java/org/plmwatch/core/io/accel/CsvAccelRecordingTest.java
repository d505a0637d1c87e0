package org.plmwatch.core.io.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmwatch.core.io.InputFormatException;
import org.plmwatch.core.model.Leg;

class CsvAccelRecordingTest {

    @TempDir
    Path temp;

    private Path write(String name, String content) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static CollectingSink read(Path file) throws IOException, InputFormatException {
        CollectingSink sink = new CollectingSink();
        AccelReaders.open(file).stream(sink);
        return sink;
    }

    /**
     * ankle-imu-bursts.csv (ihl396/emory-plm): header TimeStamp,AccX,AccY,AccZ,GyroX,GyroY,GyroZ, times
     * "2016-05-02 02:20:48.494", ~8 Hz with jitter, g. Expected figures are worked out here from the
     * text with java.time, independently of the reader.
     */
    @Test
    void ankleImuExportReadsEveryRowWithItsOwnJitteryTimes() throws Exception {
        Path dir = Path.of(System.getProperty("plmwatch.shared.data", "../shared/data"), "accel");
        Assumptions.assumeTrue(Files.isDirectory(dir), "shared data not present");
        Path file = dir.resolve("ankle-imu-bursts.csv");
        List<String> rows = Files.readAllLines(file).stream().skip(1).filter(l -> !l.isBlank())
                .collect(Collectors.toList());
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
        LocalDateTime first = LocalDateTime.parse(rows.get(0).split(",")[0], format);
        LocalDateTime last = LocalDateTime.parse(rows.get(rows.size() - 1).split(",")[0], format);
        double expectedDuration = java.time.Duration.between(first, last).toNanos() * 1e-9;

        AccelRecording recording = AccelReaders.open(file);
        AccelRecordingInfo info = recording.info();
        assertEquals("csv", info.format());
        assertEquals(Optional.of(first), info.start());
        assertEquals(AccelUnits.G, info.units());
        assertTrue(info.unitsEvidence().startsWith("detected"), info.unitsEvidence());
        assertTrue(info.description().contains("'AccX', 'AccY', 'AccZ'"), info.description());

        CollectingSink sink = new CollectingSink();
        ReadReport report = recording.stream(sink);
        assertEquals(446, rows.size());
        assertEquals(rows.size(), sink.count);
        assertEquals(rows.size(), report.sampleCount());
        assertEquals(expectedDuration, report.durationSeconds(), 1e-9);
        assertEquals(53.4, report.durationSeconds(), 0.5);
        assertTrue(report.meanRateHz() > 7.5 && report.meanRateHz() < 9.0, "rate " + report.meanRateHz());
        // Jitter passes through: every time is the row's own, not a resampled grid.
        for (int i = 0; i < rows.size(); i += 37) {
            LocalDateTime t = LocalDateTime.parse(rows.get(i).split(",")[0], format);
            assertEquals(java.time.Duration.between(first, t).toNanos() * 1e-9, sink.t[i], 1e-9);
        }
        // Acceleration, not gyro: the first row's AccX..AccZ.
        String[] firstRow = rows.get(0).split(",");
        assertEquals(Double.parseDouble(firstRow[1]), sink.x[0]);
        assertEquals(Double.parseDouble(firstRow[2]), sink.y[0]);
        assertEquals(Double.parseDouble(firstRow[3]), sink.z[0]);
        double median = sink.medianMagnitude();
        assertTrue(median > 0.9 && median < 1.1, "median |a| " + median);
    }

    @Test
    void ownFormatPassesTimesThroughAndReadsStartAndLeg() throws Exception {
        StringBuilder s = new StringBuilder("# start: 2026-11-20T22:00:00\n# leg: left\n# rate: 50\nt,x,y,z\n");
        for (int i = 0; i < 100; i++) {
            s.append(String.format(Locale.ROOT, "%.2f,%.3f,%.3f,%.3f%n", 5 + i * 0.02, 0.01, -0.02, 0.99));
        }
        Path file = write("night.csv", s.toString());
        AccelRecording recording = AccelReaders.open(file);
        AccelRecordingInfo info = recording.info();
        assertEquals("plmwatch-csv", info.format());
        assertEquals(Optional.of(LocalDateTime.of(2026, 11, 20, 22, 0)), info.start());
        assertEquals(Optional.of(Leg.LEFT), info.leg());
        assertEquals(50.0, info.nominalRateHz().getAsDouble());
        assertTrue(info.unitsEvidence().startsWith("declared by the plmwatch CSV format"));
        CollectingSink sink = new CollectingSink();
        recording.stream(sink);
        assertEquals(100, sink.count);
        assertEquals(5.0, sink.t[0]);
        assertEquals(6.98, sink.t[99], 1e-12);
        assertEquals(0.99, sink.z[50]);
    }

    @Test
    void semicolonMetresPerSecondSquaredAndDateTimeColumn() throws Exception {
        // A phone-style export: ';' separated, ISO date-times with T and microseconds, m/s², a gyro
        // column before the acceleration and an extra column after.
        Random random = new Random(7);
        StringBuilder s = new StringBuilder("Zeitstempel;time;gyro_x;acc_x;acc_y;acc_z;battery\n");
        LocalDateTime t0 = LocalDateTime.of(2024, 3, 1, 23, 59, 58, 123_456_000);
        double[] expectedZ = new double[400];
        for (int i = 0; i < 400; i++) {
            LocalDateTime t = t0.plusNanos(i * 20_000_000L + (i == 0 ? 0 : random.nextInt(3_000_000)));
            expectedZ[i] = 9.80665 + random.nextGaussian() * 0.05;
            s.append(i).append(';').append(t).append(";0.5;0.10;-0.20;")
                    .append(String.format(Locale.ROOT, "%.5f", expectedZ[i])).append(";87\n");
        }
        Path file = write("phone.csv", s.toString());
        AccelRecording recording = AccelReaders.open(file);
        assertEquals(AccelUnits.METERS_PER_SECOND_SQUARED, recording.info().units());
        assertEquals(Optional.of(t0), recording.info().start());
        CollectingSink sink = new CollectingSink();
        recording.stream(sink);
        assertEquals(400, sink.count);
        assertEquals(0.0, sink.t[0]);
        assertTrue(sink.t[399] > 7.98 && sink.t[399] < 7.985, "crosses midnight: " + sink.t[399]);
        assertEquals(0.10 / 9.80665, sink.x[0], 1e-12);
        assertEquals(Double.parseDouble(String.format(Locale.ROOT, "%.5f", expectedZ[3])) / 9.80665, sink.z[3], 1e-12);
        assertEquals(1.0, sink.medianMagnitude(), 0.01);
    }

    @Test
    void tabSeparatedWithDecimalCommasAndUnitsInTheNames() throws Exception {
        String content = "Time (s)\tAccel X (g)\tAccel Y (g)\tAccel Z (g)\tGyro X (deg/s)\n"
                + "0,00\t0,01\t-0,02\t0,98\t1,5\n"
                + "0,01\t0,02\t-0,03\t0,99\t1,6\n";
        CollectingSink sink = read(write("tabs.tsv", content));
        assertEquals(2, sink.count);
        assertEquals(0.01, sink.t[1]);
        assertEquals(-0.03, sink.y[1]);
        assertEquals(0.99, sink.z[1]);
    }

    @Test
    void epochMillisecondColumnCountsFromTheFirstRow() throws Exception {
        StringBuilder s = new StringBuilder("epoch_ms,ax,ay,az\n");
        for (int i = 0; i < 50; i++) {
            s.append(1_700_000_000_000L + i * 10L + (i % 3)).append(",0,0,1\n");
        }
        AccelRecording recording = AccelReaders.open(write("epochms.csv", s.toString()));
        assertEquals(Optional.of(LocalDateTime.of(2023, 11, 14, 22, 13, 20)), recording.info().start());
        CollectingSink sink = new CollectingSink();
        recording.stream(sink);
        assertEquals(0.0, sink.t[0]);
        assertEquals(0.011, sink.t[1], 1e-12);
        assertEquals(0.491, sink.t[49], 1e-12); // 49 × 10 ms + 49 mod 3
    }

    @Test
    void epochSecondsAndUnnamedMillisecondsAreToldApartByMagnitude() throws Exception {
        CollectingSink seconds = read(write("epochs.csv", "timestamp,x,y,z\n1700000000.25,0,0,1\n1700000000.5,0,0,1\n"));
        assertEquals(0.25, seconds.t[1], 1e-9);
        CollectingSink millis = read(write("epochms2.csv", "timestamp,x,y,z\n1700000000250,0,0,1\n1700000000500,0,0,1\n"));
        assertEquals(0.25, millis.t[1], 1e-9);
        CollectingSink relative = read(write("relms.csv", "time_ms,x,y,z\n1000,0,0,1\n1250,0,0,1\n"));
        assertEquals(1.0, relative.t[0], 1e-12);
        assertEquals(1.25, relative.t[1], 1e-12);
    }

    @Test
    void aBadNumberNamesTheFileLineAndColumn() throws IOException {
        Path file = write("bad.csv", "t,x,y,z\n0,0,0,1\n0.1,0,0,1\n\n0.2,0,zero,1\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> read(file));
        assertEquals("line 5", e.where());
        assertTrue(e.getMessage().startsWith(file.toString() + ":line 5:"), e.getMessage());
        assertTrue(e.getMessage().contains("'zero' in column 'y'"), e.getMessage());
    }

    @Test
    void aBadNumberFarIntoTheFileIsFoundWhileStreaming() throws Exception {
        StringBuilder s = new StringBuilder("t,x,y,z\n");
        for (int i = 0; i < 1000; i++) {
            s.append(i * 0.01).append(i == 700 ? ",0,0,1.2.3\n" : ",0,0,1\n");
        }
        Path file = write("late.csv", s.toString());
        AccelRecording recording = AccelReaders.open(file);
        InputFormatException e = assertThrows(InputFormatException.class, () -> recording.stream(new CollectingSink()));
        assertEquals("line 702", e.where());
    }

    @Test
    void aMissingZColumnNamesTheColumnsFound() throws IOException {
        Path file = write("noz.csv", "time,ax,ay,gz\n0,0,0,1\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> read(file));
        assertEquals("line 1", e.where());
        assertTrue(e.getMessage().contains("no column for z acceleration"), e.getMessage());
        assertTrue(e.getMessage().contains("'time', 'ax', 'ay', 'gz'"), e.getMessage());
    }

    @Test
    void timeGoingBackIsAnErrorAtThatLine() throws IOException {
        Path file = write("back.csv", "t,x,y,z\n0,0,0,1\n0.1,0,0,1\n0.1,0,0,1\n0.05,0,0,1\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> read(file));
        assertEquals("line 5", e.where());
        assertTrue(e.getMessage().contains("time goes back"), e.getMessage());
    }

    @Test
    void unitsThatAreNeitherGNorSiNeedAnOverride() throws Exception {
        // Milli-g: a resting sensor reads ~1000.
        Path file = write("millig.csv", "t,x,y,z\n0,0,0,1000\n0.1,0,0,1001\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> AccelReaders.open(file));
        assertTrue(e.getMessage().contains("neither ≈1 (g) nor ≈9.81 (m/s²)"), e.getMessage());
        CollectingSink sink = new CollectingSink();
        AccelRecording forced = AccelReaders.open(file, AccelUnits.G);
        assertTrue(forced.info().unitsEvidence().startsWith("given by the caller"));
        forced.stream(sink);
        assertEquals(1001.0, sink.z[1]);
    }

    @Test
    void declaredUnitsThatTheMagnitudeContradictsAreAnError() throws IOException {
        Path file = write("slip.csv", "t,Accel X (g),Accel Y (g),Accel Z (g)\n0,0,0,9.81\n0.1,0,0,9.80\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> AccelReaders.open(file));
        assertTrue(e.getMessage().contains("declare g"), e.getMessage());
    }

    @Test
    void twoColumnsForOneAxisAreAmbiguous() throws IOException {
        Path file = write("twice.csv", "t,ax,ay,az,acc_x\n0,0,0,1,0\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> AccelReaders.open(file));
        assertTrue(e.getMessage().contains("'ax' and 'acc_x'"), e.getMessage());
    }

    @Test
    void aFileWithoutHeaderSaysSo() throws IOException {
        Path file = write("noheader.csv", "0,0,0,1\n0.1,0,0,1\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> AccelReaders.open(file));
        assertTrue(e.getMessage().contains("holds numbers, not column names"), e.getMessage());
    }

    @Test
    void aRowCutShortNamesTheMissingColumn() throws IOException {
        Path file = write("short.csv", "t,x,y,z\n0,0,0,1\n0.1,0,0\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> read(file));
        assertEquals("line 3", e.where());
        assertTrue(e.getMessage().contains("column 'z'"), e.getMessage());
    }

    @Test
    void crLfQuotesBomAndPreambleAreHandled() throws Exception {
        String content = "\uFEFFExported by SomeLogger v1.2\r\n\r\n\"timestamp\",\"accelerometer_x\",\"accelerometer_y\","
                + "\"accelerometer_z\"\r\n\"2020-01-01 00:00:00\",\"0.5\",\"0.5\",\"0.7\"\r\n"
                + "\"2020-01-01 00:00:00.5\",\"0.5\",\"0.5\",\"0.71\"\r\n";
        CollectingSink sink = read(write("quoted.csv", content));
        assertEquals(2, sink.count);
        assertEquals(0.5, sink.t[1]);
        assertEquals(0.71, sink.z[1]);
    }
}
