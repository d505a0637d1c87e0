package org.plmwatch.core.link;

import java.util.Objects;

import org.plmwatch.core.model.Leg;

/** Field checks and codes shared by the message records. */
final class Fields {

    static final int SHA256_BYTES = 32;

    private Fields() {
    }

    static int nonNegative(String name, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + v);
        }
        return v;
    }

    static long nonNegative(String name, long v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + v);
        }
        return v;
    }

    static byte[] sha256(String name, byte[] digest) {
        Objects.requireNonNull(digest, name);
        if (digest.length != SHA256_BYTES) {
            throw new IllegalArgumentException(name + " must be a 32-byte SHA-256 digest, was "
                    + digest.length + " bytes");
        }
        return digest.clone();
    }

    static String text(String name, String s) {
        Objects.requireNonNull(s, name);
        return s;
    }

    static int legCode(Leg leg) {
        return leg == Leg.LEFT ? 0 : 1;
    }

    static Leg leg(int code) {
        switch (code) {
            case 0:
                return Leg.LEFT;
            case 1:
                return Leg.RIGHT;
            default:
                throw new IllegalArgumentException("leg code must be 0 (left) or 1 (right), was " + code);
        }
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return sb.toString();
    }
}
