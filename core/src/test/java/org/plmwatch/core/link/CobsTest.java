package org.plmwatch.core.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CobsTest {

    private static byte[] encode(byte[] payload) {
        byte[] out = new byte[Cobs.maxEncodedBytes(payload.length)];
        int n = Cobs.encode(payload, 0, payload.length, out, 0);
        return Arrays.copyOf(out, n);
    }

    private static byte[] decode(byte[] encoded) {
        byte[] buf = encoded.clone();
        int n = Cobs.decodeInPlace(buf, 0, buf.length);
        return n < 0 ? null : Arrays.copyOf(buf, n);
    }

    private static byte[] range(int from, int toInclusive) {
        byte[] b = new byte[toInclusive - from + 1];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Short examples 1–6 of the Wikipedia COBS article (from Cheshire &amp; Baker), delimiter omitted. */
    @ParameterizedTest
    @CsvSource({
        "00, 0101",
        "0000, 010101",
        "001100, 01021101",
        "11220033, 03112202 33",
        "11223344, 0511223344",
        "11000000, 02110101 01",
    })
    void shortGoldenVectors(String payloadHex, String encodedHex) {
        HexFormat hex = HexFormat.of();
        byte[] payload = hex.parseHex(payloadHex.replace(" ", ""));
        byte[] encoded = hex.parseHex(encodedHex.replace(" ", ""));
        assertArrayEquals(encoded, encode(payload));
        assertArrayEquals(payload, decode(encoded));
    }

    /** Examples 7–11 of the same article: the 254/255-byte group boundaries. */
    @Test
    void boundaryGoldenVectors() {
        byte[] ff = {(byte) 0xFF};
        // 7: 01..FE (254 non-zero bytes) -> FF 01..FE, no trailing code byte
        assertArrayEquals(concat(ff, range(1, 254)), encode(range(1, 254)));
        // 8: 00 01..FE -> 01 FF 01..FE
        assertArrayEquals(concat(new byte[] {1}, ff, range(1, 254)), encode(concat(new byte[] {0}, range(1, 254))));
        // 9: 01..FF (255 non-zero) -> FF 01..FE 02 FF
        assertArrayEquals(concat(ff, range(1, 254), new byte[] {2, (byte) 0xFF}), encode(range(1, 255)));
        // 10: 02..FF 00 -> FF 02..FF 01 01
        assertArrayEquals(concat(ff, range(2, 255), new byte[] {1, 1}), encode(concat(range(2, 255), new byte[] {0})));
        // 11: 03..FF 00 01 -> FE 03..FF 02 01
        assertArrayEquals(concat(new byte[] {(byte) 0xFE}, range(3, 255), new byte[] {2, 1}),
                encode(concat(range(3, 255), new byte[] {0, 1})));
        for (byte[] p : new byte[][] {range(1, 254), range(1, 255), concat(range(2, 255), new byte[] {0})}) {
            assertArrayEquals(p, decode(encode(p)));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 253, 254, 255, 256, 507, 508, 509, 4238})
    void allZeroAndAllNonZeroRunsRoundTrip(int length) {
        byte[] zeros = new byte[length];
        byte[] ones = new byte[length];
        Arrays.fill(ones, (byte) 0x5A);
        for (byte[] p : new byte[][] {zeros, ones}) {
            byte[] e = encode(p);
            assertTrue(e.length <= Cobs.maxEncodedBytes(length));
            assertNoZero(e);
            assertArrayEquals(p, decode(e));
        }
        // no zero at all is the worst case: exactly the bound
        assertEquals(Cobs.maxEncodedBytes(length), encode(ones).length);
    }

    @Test
    void randomPayloadsRoundTripWithinBound() {
        Random rnd = new Random(20261121L);
        for (int trial = 0; trial < 3000; trial++) {
            int length = rnd.nextInt(1200);
            byte[] p = new byte[length];
            int zeroPercent = rnd.nextInt(101); // from no zeros to all zeros
            for (int i = 0; i < length; i++) {
                p[i] = rnd.nextInt(100) < zeroPercent ? 0 : (byte) (1 + rnd.nextInt(255));
            }
            byte[] e = encode(p);
            assertTrue(e.length <= Cobs.maxEncodedBytes(length), "length " + length);
            assertNoZero(e);
            assertArrayEquals(p, decode(e), "trial " + trial);
        }
    }

    @Test
    void invalidInputIsRejected() {
        // code byte 05 promises 4 data bytes, only 2 follow
        assertEquals(-1, Cobs.decodeInPlace(new byte[] {5, 1, 2}, 0, 3));
        // a zero inside a frame is never valid COBS
        assertEquals(-1, Cobs.decodeInPlace(new byte[] {3, 0, 2}, 0, 3));
        assertEquals(-1, Cobs.decodeInPlace(new byte[] {0}, 0, 1));
        assertNotEquals(-1, Cobs.decodeInPlace(new byte[] {3, 1, 2}, 0, 3));
    }

    @Test
    void maxEncodedBytesMatchesTheFrameBound() {
        assertEquals(1, Cobs.maxEncodedBytes(0));
        assertEquals(255, Cobs.maxEncodedBytes(254));
        assertEquals(257, Cobs.maxEncodedBytes(255));
        assertEquals(4238 + 17, FrameFormat.MAX_ENCODED_BYTES);
    }

    private static void assertNoZero(byte[] e) {
        for (int i = 0; i < e.length; i++) {
            assertNotEquals(0, e[i], "zero at " + i);
        }
    }
}
