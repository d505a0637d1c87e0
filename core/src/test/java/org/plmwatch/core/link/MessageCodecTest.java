package org.plmwatch.core.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;

class MessageCodecTest {

    @Test
    void everyMessageTypeRoundTripsThroughEncoderAndDecoder() throws IOException {
        List<Message> sent = SampleMessages.oneOfEach(new Random(1));
        assertEquals(EnumSet.allOf(MessageType.class), SampleMessages.typesOf(sent), "a sample per type");

        // start just below 2^32 so the run crosses the sequence wrap
        FrameEncoder enc = new FrameEncoder(-3);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 0; i < sent.size(); i++) {
            enc.write(1000 + i, sent.get(i), wire);
        }
        Recorder rec = new Recorder();
        FrameDecoder dec = new FrameDecoder(rec);
        dec.accept(wire.toByteArray());

        assertEquals(sent, rec.messages());
        for (int i = 0; i < sent.size(); i++) {
            assertEquals(-3 + i, rec.frames.get(i).sequence());
            assertEquals(1000 + i, rec.frames.get(i).requestId());
        }
        LinkStats s = dec.stats();
        assertEquals(sent.size(), s.framesAccepted());
        assertEquals(0, s.rejectedTotal());
        assertEquals(0, s.gaps());
        assertEquals(wire.size(), s.bytesReceived());
    }

    @Test
    void bodyOfEachTypeDecodesExactlyWithItsOwnDecoder() {
        BodyWriter w = new BodyWriter();
        byte[] buf = new byte[FrameFormat.MAX_PAYLOAD_BYTES];
        for (Message m : SampleMessages.oneOfEach(new Random(2))) {
            w.reset(buf, 0, m.type().name());
            m.encodeBody(w);
            byte[] body = Arrays.copyOf(buf, w.bodyBytes());
            assertEquals(m, m.type().decodeBody(BodyReader.over(body)), m.type().name());
            if (body.length > 0) {
                // one byte short is always caught, never read past the end
                byte[] cut = Arrays.copyOf(body, body.length - 1);
                assertThrows(MalformedMessageException.class, () -> m.type().decodeBody(BodyReader.over(cut)),
                        m.type().name());
            }
            byte[] longer = Arrays.copyOf(body, body.length + 1);
            assertThrows(MalformedMessageException.class, () -> m.type().decodeBody(BodyReader.over(longer)),
                    m.type().name() + " with a trailing byte");
        }
    }

    /** Header byte positions as in docs/LINK.md, checked against a hand-built payload. */
    @Test
    void frameLayoutIsAsDocumented() {
        byte[] frame = new FrameEncoder(0x04030201).encode(0x08070605, new ListNights(0x0C0B0A09));
        assertEquals(0, frame[0], "leading delimiter");
        assertEquals(0, frame[frame.length - 1], "trailing delimiter");
        byte[] payload = Arrays.copyOfRange(frame, 1, frame.length - 1);
        int n = Cobs.decodeInPlace(payload, 0, payload.length);
        byte[] decoded = Arrays.copyOf(payload, n);
        assertEquals("01" + "02" + "01020304" + "05060708" + "090a0b0c",
                HexFormat.of().formatHex(Arrays.copyOf(decoded, 14)));
        CRC32C crc = new CRC32C();
        crc.update(decoded, 0, 14);
        assertEquals((int) crc.getValue(), FrameEncoder.getU32(decoded, 14), "CRC32C little-endian after the body");
        assertEquals(18, n);
        assertArrayEquals(RawFrames.wire(1, 0x02, 0x04030201, 0x08070605, new byte[] {9, 10, 11, 12}), frame);
    }

    /** The CRC-32C check value of RFC 3720 (iSCSI), appendix B.4: "123456789" gives 0xE3069283. */
    @Test
    void crc32cIsCastagnoli() {
        CRC32C crc = new CRC32C();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0xE3069283L, crc.getValue());
    }

    @Test
    void aFourKibibyteNightBlockFitsOneFrameAndTwoDoNot() {
        Random rnd = new Random(3);
        FrameEncoder enc = new FrameEncoder(0);
        byte[] one = enc.encode(1, new Blocks(1, 0, List.of(SampleMessages.randomBytes(rnd, 4096))));
        assertTrue(one.length <= FrameFormat.MAX_WIRE_BYTES);
        enc.encode(1, new Blocks(1, 0, List.of(new byte[Blocks.MAX_BLOCK_BYTES])));
        int before = enc.nextSequence();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> enc.encode(1,
                new Blocks(1, 0, List.of(new byte[4096], new byte[4096]))));
        assertTrue(e.getMessage().contains("BLOCKS") && e.getMessage().contains("fewer"), e.getMessage());
        assertEquals(before, enc.nextSequence(), "a refused message uses no sequence number");
        assertEquals(Blocks.bodyBytes(2, 8192), 10 + 4 + 8192);
        assertThrows(IllegalArgumentException.class, () -> enc.encode(1,
                new Blocks(1, 0, List.of(new byte[Blocks.MAX_BLOCK_BYTES + 1]))));
    }

    @Test
    void listAndSampleLimitsFitOneFrame() {
        FrameEncoder enc = new FrameEncoder(0);
        List<Message> all = SampleMessages.oneOfEach(new Random(4));
        NightList full = (NightList) all.get(MessageType.NIGHT_LIST.ordinal());
        assertEquals(NightList.MAX_ENTRIES, full.entries().size());
        enc.encode(1, full);
        enc.encode(1, new LiveSamples(Leg.LEFT, 0, 20_000, 0.002, new short[3 * LiveSamples.MAX_SAMPLES]));
        List<NightEntry> tooMany = new ArrayList<>(full.entries());
        tooMany.add(new NightEntry(10_000, 0, 0, 0, false, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new NightList(tooMany, true));
    }

    /** A resting sensor tilted in the x–z plane reads |a| = 1 g after the trip over the link. */
    @Test
    void restingSensorSamplesStillReadOneG() {
        double scale = 0.002; // g per count: LIS3DH ±4 g high-resolution, right-justified (FORMATS.md)
        short[] xyz = new short[3 * 25];
        for (int i = 0; i < 25; i++) {
            double tilt = Math.toRadians(3.6 * i);
            xyz[3 * i] = (short) Math.round(Math.sin(tilt) / scale);
            xyz[3 * i + 1] = 0;
            xyz[3 * i + 2] = (short) Math.round(Math.cos(tilt) / scale);
        }
        Recorder rec = new Recorder();
        new FrameDecoder(rec).accept(new FrameEncoder(0).encode(7,
                new LiveSamples(Leg.LEFT, 1_000_000, 20_000, scale, xyz)));
        LiveSamples got = (LiveSamples) rec.frames.get(0).message();
        assertEquals(25, got.sampleCount());
        for (int i = 0; i < 25; i++) {
            double g = Math.sqrt(got.xG(i) * got.xG(i) + got.yG(i) * got.yG(i) + got.zG(i) * got.zG(i));
            assertEquals(1.0, g, scale, "sample " + i);
        }
        assertEquals(1_000_000 + 24 * 20_000, got.sampleMonotonicMicros(24));
    }

    @Test
    void liveMovementBecomesACoreLegMovement() {
        LegMovement m = new LiveMovement(Leg.RIGHT, 12_500_000, 2_480_000, 0.377).toLegMovement(2_500_000);
        assertEquals(Leg.RIGHT, m.leg());
        assertEquals(10.0, m.onsetSeconds(), 1e-9);
        assertEquals(2.48, m.durationSeconds(), 1e-9);
        assertEquals(0.377, m.peakG(), 0);
    }

    @Test
    void deviceClockMapsMonotonicToWallClockOnlyWhenSet() {
        DeviceClock c = new DeviceClock(true, 1_763_704_800_000L, 5_000_000, 9_000_000);
        assertEquals(1_763_704_800_000L + 3_600_000, c.epochMillisAt(3_605_000_000L).getAsLong());
        assertFalse(DeviceClock.unset(9_000_000).epochMillisAt(1).isPresent());
        assertThrows(IllegalArgumentException.class, () -> new DeviceClock(false, 1, 0, 0));
    }

    @Test
    void unknownErrorCodeFromANewerDeviceReadsAsOther() {
        byte[] body = {0x34, 0x12, 2, 0, 'h', 'i'};
        ErrorReply e = (ErrorReply) MessageType.ERROR.decodeBody(BodyReader.over(body));
        assertEquals(ErrorCode.OTHER, e.code());
        assertEquals("hi", e.text());
        for (ErrorCode c : ErrorCode.values()) {
            assertEquals(c, ErrorCode.fromCode(c.code()));
        }
    }

    @Test
    void recordsCopyTheirArrays() {
        byte[] digest = new byte[32];
        EraseNight e = new EraseNight(1, digest);
        digest[0] = 1;
        e.verifiedSha256()[1] = 1;
        assertArrayEquals(new byte[32], e.verifiedSha256());
        byte[] block = {1, 2, 3};
        Blocks b = new Blocks(1, 0, List.of(block));
        block[0] = 9;
        b.blocks().get(0)[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, b.block(0));
        assertThrows(IllegalArgumentException.class, () -> new EraseNight(1, new byte[31]));
    }

    @Test
    void everyTypeCodeIsUniqueAndDirectionFollowsTheHighBit() {
        for (MessageType t : MessageType.values()) {
            assertEquals(t, MessageType.fromCode(t.code()).orElseThrow());
            assertEquals(t.name().matches("HELLO|LIST_NIGHTS|GET_BLOCKS|LIVE_START|LIVE_STOP|SET_TIME|ERASE_NIGHT"),
                    t.isRequest(), t.name());
        }
        assertFalse(MessageType.fromCode(0x00).isPresent());
        assertFalse(MessageType.fromCode(0x7E).isPresent());
    }
}
