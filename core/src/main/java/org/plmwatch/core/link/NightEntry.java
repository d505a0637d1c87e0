package org.plmwatch.core.link;

import java.util.Arrays;

/**
 * One night in a {@link NightList}. 57 bytes on the wire.
 *
 * @param nightId          the device's id for the night, increasing with recording order
 * @param startEpochMillis wall-clock start as the device knew it (0 when its clock was unset; the
 *                         night file's own header is authoritative)
 * @param sizeBytes        bytes of the night's intact blocks together, as the link serves them (on
 *                         an undamaged file, the file size)
 * @param blockCount       number of intact blocks; GET_BLOCKS indices run from 0 to blockCount − 1
 * @param recording        the night is still being recorded: it grows, and cannot be erased
 * @param sha256           SHA-256 over those {@code sizeBytes} bytes: what the host computes over
 *                         its downloaded copy
 */
public record NightEntry(int nightId, long startEpochMillis, long sizeBytes, int blockCount,
        boolean recording, byte[] sha256) {

    static final int WIRE_BYTES = 4 + 8 + 8 + 4 + 1 + Fields.SHA256_BYTES;

    public NightEntry {
        Fields.nonNegative("nightId", nightId);
        Fields.nonNegative("startEpochMillis", startEpochMillis);
        Fields.nonNegative("sizeBytes", sizeBytes);
        Fields.nonNegative("blockCount", blockCount);
        sha256 = Fields.sha256("sha256", sha256);
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /** Whether {@code digest} equals this night's SHA-256 (the host's check before ERASE_NIGHT). */
    public boolean sha256Matches(byte[] digest) {
        return Arrays.equals(sha256, digest);
    }

    void encode(BodyWriter w) {
        w.u32(nightId);
        w.i64(startEpochMillis);
        w.i64(sizeBytes);
        w.u32(blockCount);
        w.u8(recording ? 1 : 0);
        w.bytes(sha256);
    }

    static NightEntry decode(BodyReader r) {
        int id = r.index("nightId");
        long start = r.i64("startEpochMillis");
        long size = r.i64("sizeBytes");
        int blocks = r.index("blockCount");
        int flags = r.u8("nightFlags");
        if ((flags & ~1) != 0) {
            throw new MalformedMessageException("night " + id + " flags 0x" + Integer.toHexString(flags)
                    + " has bits other than bit 0 (recording)");
        }
        return new NightEntry(id, start, size, blocks, flags == 1, r.bytes(Fields.SHA256_BYTES, "sha256"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NightEntry e && e.nightId == nightId && e.startEpochMillis == startEpochMillis
                && e.sizeBytes == sizeBytes && e.blockCount == blockCount && e.recording == recording
                && Arrays.equals(e.sha256, sha256);
    }

    @Override
    public int hashCode() {
        return ((nightId * 31 + Long.hashCode(sizeBytes)) * 31 + blockCount) * 31 + Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return "NightEntry[nightId=" + nightId + ", startEpochMillis=" + startEpochMillis + ", sizeBytes="
                + sizeBytes + ", blockCount=" + blockCount + ", recording=" + recording + ", sha256="
                + Fields.hex(sha256) + "]";
    }
}
