package org.plmwatch.core.link;

import java.util.Arrays;
import java.util.zip.CRC32C;

/** Builds frames by hand, independently of {@link FrameEncoder}, to test what it would never send. */
final class RawFrames {

    private RawFrames() {
    }

    /** The payload (header, body, CRC32C) before COBS. */
    static byte[] payload(int version, int typeCode, int sequence, int requestId, byte[] body) {
        byte[] p = new byte[10 + body.length + 4];
        p[0] = (byte) version;
        p[1] = (byte) typeCode;
        FrameEncoder.putU32(p, 2, sequence);
        FrameEncoder.putU32(p, 6, requestId);
        System.arraycopy(body, 0, p, 10, body.length);
        CRC32C crc = new CRC32C();
        crc.update(p, 0, 10 + body.length);
        FrameEncoder.putU32(p, 10 + body.length, (int) crc.getValue());
        return p;
    }

    /** 0x00, COBS(payload), 0x00. */
    static byte[] wire(byte[] payload) {
        byte[] out = new byte[Cobs.maxEncodedBytes(payload.length) + 2];
        int n = Cobs.encode(payload, 0, payload.length, out, 1);
        return Arrays.copyOf(out, n + 2);
    }

    static byte[] wire(int version, int typeCode, int sequence, int requestId, byte[] body) {
        return wire(payload(version, typeCode, sequence, requestId, body));
    }
}
