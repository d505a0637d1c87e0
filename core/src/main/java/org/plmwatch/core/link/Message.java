package org.plmwatch.core.link;

/**
 * A link message: the body of one frame. Each implementation is an immutable record that writes
 * its body with {@link #encodeBody(BodyWriter)} and reads it back with a static
 * {@code decodeBody(BodyReader)}; docs/LINK.md lists every field.
 */
public sealed interface Message permits Hello, ListNights, GetBlocks, LiveStart, LiveStop, SetTime,
        EraseNight, DeviceInfo, NightList, Blocks, BlocksEnd, LiveSamples, LiveMovement, TimeSet, Ack,
        ErrorReply {

    MessageType type();

    void encodeBody(BodyWriter w);
}
