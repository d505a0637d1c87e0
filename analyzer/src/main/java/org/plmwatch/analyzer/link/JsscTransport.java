package org.plmwatch.analyzer.link;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

import jssc.SerialPort;
import jssc.SerialPortException;
import jssc.SerialPortList;

/**
 * A serial port through jssc 2.10.2: the device's USB gadget ({@code /dev/ttyACM0}) or a pty of the
 * simulator. The three rules of docs/LINK.md (and device-notes): {@code setParams} is always
 * called and its {@code false} on a pty ignored; reads never ask for more than
 * {@code getInputBufferBytesCount()} (whose count stops at 4095), so jssc's own timed read, which
 * fails for larger counts, is never used; and opening is never taken as proof that no one else has
 * the port (as root a second open succeeds).
 *
 * <p>Reads poll the buffer count, backing off from 0.1 to 2 ms while nothing arrives: the polling
 * costs little, a frame waits at most 2 ms, and a stream of frames is read without pauses.
 */
public final class JsscTransport implements HostTransport {

    private static final long MIN_POLL_NANOS = 100_000;
    private static final long MAX_POLL_NANOS = 2_000_000;

    private final SerialPort port;

    private JsscTransport(SerialPort port) {
        this.port = port;
    }

    /** Opens a port at 115200 8N1 (on USB CDC and ptys the rate is nominal; raw mode is what matters). */
    public static JsscTransport open(String name) throws LinkException {
        SerialPort p = new SerialPort(name);
        try {
            p.openPort();
        } catch (SerialPortException e) {
            throw new LinkException("cannot open " + name + ": " + e.getExceptionType()
                    + fixFor(e.getExceptionType()), e);
        }
        try {
            // Rule 1: on a pty this returns false after raw mode is set (no modem lines): not an error.
            p.setParams(SerialPort.BAUDRATE_115200, SerialPort.DATABITS_8, SerialPort.STOPBITS_1,
                    SerialPort.PARITY_NONE);
        } catch (SerialPortException e) {
            closeQuietly(p);
            throw new LinkException("cannot set " + name + " to 115200 8N1 raw: " + e.getExceptionType(), e);
        }
        return new JsscTransport(p);
    }

    private static String fixFor(String type) {
        if (SerialPortException.TYPE_PORT_NOT_FOUND.equals(type)) {
            return " (is the device plugged in? 'plmwatch devices' lists the ports)";
        }
        if (SerialPortException.TYPE_PERMISSION_DENIED.equals(type)) {
            return " (add yourself to the dialout group: sudo usermod -aG dialout $USER, then log in again)";
        }
        if (SerialPortException.TYPE_PORT_BUSY.equals(type)) {
            return " (another program has it open: close it)";
        }
        return "";
    }

    /** Serial ports of this machine; with {@code includePtys} also {@code /dev/pts/N} (simulator links). */
    public static List<String> portNames(boolean includePtys) {
        List<String> names = new ArrayList<>(Arrays.asList(SerialPortList.getPortNames()));
        if (includePtys) {
            names.addAll(Arrays.asList(SerialPortList.getPortNames("/dev/pts/", Pattern.compile("[0-9]+"))));
        }
        return names;
    }

    @Override
    public void write(byte[] buf, int offset, int length) throws IOException {
        byte[] b = offset == 0 && length == buf.length ? buf : Arrays.copyOfRange(buf, offset, offset + length);
        try {
            if (!port.writeBytes(b)) {
                throw new LinkException("writing to " + port.getPortName() + " failed: is the device still connected?");
            }
        } catch (SerialPortException e) {
            throw new LinkException("writing to " + port.getPortName() + " failed: " + e.getExceptionType(), e);
        }
    }

    @Override
    public int read(byte[] buf, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        long pause = MIN_POLL_NANOS;
        try {
            while (true) {
                int available = port.getInputBufferBytesCount();   // rule 2: read only what is there
                if (available < 0) {
                    throw new LinkException(port.getPortName() + " is gone: was the device unplugged?");
                }
                if (available > 0) {
                    byte[] got = port.readBytes(Math.min(available, buf.length));
                    System.arraycopy(got, 0, buf, 0, got.length);
                    return got.length;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return 0;
                }
                LockSupport.parkNanos(Math.min(pause, left));
                pause = Math.min(MAX_POLL_NANOS, pause * 2);
            }
        } catch (SerialPortException e) {
            throw new LinkException("reading " + port.getPortName() + " failed: " + e.getExceptionType(), e);
        }
    }

    @Override
    public String portName() {
        return port.getPortName();
    }

    @Override
    public void close() {
        closeQuietly(port);
    }

    private static void closeQuietly(SerialPort p) {
        try {
            if (p.isOpened()) {
                p.closePort();
            }
        } catch (SerialPortException e) {
            // closing a port that vanished: nothing left to release
        }
    }
}
