package org.plmwatch.core.link;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.plmwatch.core.model.Leg;

/** Seeded messages of every type, with field values near their limits. */
final class SampleMessages {

    private SampleMessages() {
    }

    static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    /** One message of each type, in {@link MessageType} order. */
    static List<Message> oneOfEach(Random rnd) {
        List<Message> m = new ArrayList<>();
        m.add(new Hello("plmwatch-analyzer 0.1.0 (µ-test ✓)"));
        m.add(new ListNights(rnd.nextInt(Integer.MAX_VALUE)));
        m.add(new GetBlocks(7, 1234, 512));
        m.add(new LiveStart(rnd.nextBoolean()));
        m.add(new LiveStop());
        m.add(new SetTime(1_763_704_800_123L));
        m.add(new EraseNight(7, randomBytes(rnd, 32)));
        m.add(new DeviceInfo("pi-00000000a1b2c3d4", "0.1.0", "lis3dh", EnumSet.of(Leg.LEFT),
                12_345_678_901L, 31_914_983_424L,
                new DeviceClock(true, 1_763_704_800_000L, 5_000_000L, 3_605_000_000L)));
        List<NightEntry> nights = new ArrayList<>();
        for (int i = 0; i < NightList.MAX_ENTRIES; i++) {
            nights.add(new NightEntry(i * 3, 1_763_704_800_000L + i * 86_400_000L, 11_000_000L + i,
                    2700 + i, i == NightList.MAX_ENTRIES - 1, randomBytes(rnd, 32)));
        }
        m.add(new NightList(nights, true));
        m.add(new Blocks(7, 1234, List.of(randomBytes(rnd, 4096))));
        m.add(new BlocksEnd(7, 1746, true));
        short[] xyz = new short[3 * 25];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (short) (rnd.nextInt(65536) - 32768);
        }
        xyz[0] = Short.MIN_VALUE;
        xyz[1] = Short.MAX_VALUE;
        m.add(new LiveSamples(Leg.RIGHT, 3_600_000_000L, 20_000, 0.002, xyz));
        m.add(new LiveMovement(Leg.LEFT, 3_601_250_000L, 2_480_000L, 0.377));
        m.add(new TimeSet(1_763_704_800_123L, 3_605_001_234L));
        m.add(new Ack());
        m.add(new ErrorReply(ErrorCode.ERASE_REFUSED_CHECKSUM_MISMATCH,
                "night 7: host SHA-256 differs from the device's: download the night again"));
        return m;
    }

    /** A random mix of small messages (for stream tests). */
    static Message random(Random rnd) {
        switch (rnd.nextInt(6)) {
            case 0:
                return new GetBlocks(rnd.nextInt(100), rnd.nextInt(10_000), 1 + rnd.nextInt(1000));
            case 1:
                return new BlocksEnd(rnd.nextInt(100), rnd.nextInt(10_000), rnd.nextBoolean());
            case 2:
                return new Blocks(rnd.nextInt(100), rnd.nextInt(10_000),
                        List.of(randomBytes(rnd, 1 + rnd.nextInt(4096))));
            case 3:
                return new LiveMovement(rnd.nextBoolean() ? Leg.LEFT : Leg.RIGHT,
                        (long) rnd.nextInt(Integer.MAX_VALUE) * 1000, rnd.nextInt(10_000_000), rnd.nextDouble());
            case 4:
                return new Ack();
            default:
                short[] xyz = new short[3 * (1 + rnd.nextInt(40))];
                for (int i = 0; i < xyz.length; i++) {
                    xyz[i] = (short) rnd.nextInt();
                }
                return new LiveSamples(Leg.LEFT, rnd.nextInt(Integer.MAX_VALUE), 20_000, 0.002, xyz);
        }
    }

    static Set<MessageType> typesOf(List<Message> messages) {
        Set<MessageType> s = EnumSet.noneOf(MessageType.class);
        for (Message m : messages) {
            s.add(m.type());
        }
        return s;
    }
}
