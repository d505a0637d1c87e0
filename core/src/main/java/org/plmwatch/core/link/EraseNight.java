package org.plmwatch.core.link;

import java.util.Arrays;

/**
 * ERASE_NIGHT (0x07), host → device: erase a night the host has stored and verified. The host sends
 * the SHA-256 it computed over its own copy of the whole night file; the device erases only if that
 * equals the SHA-256 of the file on its card and the night is no longer recording, and answers
 * {@link Ack}, else {@link ErrorReply} (ERASE_REFUSED_CHECKSUM_MISMATCH, ERASE_REFUSED_RECORDING,
 * UNKNOWN_NIGHT). A night is therefore never erased unless a verified copy exists.
 */
public record EraseNight(int nightId, byte[] verifiedSha256) implements Message {

    public EraseNight {
        Fields.nonNegative("nightId", nightId);
        verifiedSha256 = Fields.sha256("verifiedSha256", verifiedSha256);
    }

    /** A copy: the record stays immutable. */
    @Override
    public byte[] verifiedSha256() {
        return verifiedSha256.clone();
    }

    @Override
    public MessageType type() {
        return MessageType.ERASE_NIGHT;
    }

    @Override
    public void encodeBody(BodyWriter w) {
        w.u32(nightId);
        w.bytes(verifiedSha256);
    }

    public static EraseNight decodeBody(BodyReader r) {
        return new EraseNight(r.index("nightId"), r.bytes(Fields.SHA256_BYTES, "verifiedSha256"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EraseNight e && e.nightId == nightId
                && Arrays.equals(e.verifiedSha256, verifiedSha256);
    }

    @Override
    public int hashCode() {
        return 31 * nightId + Arrays.hashCode(verifiedSha256);
    }

    @Override
    public String toString() {
        return "EraseNight[nightId=" + nightId + ", verifiedSha256=" + Fields.hex(verifiedSha256) + "]";
    }
}
