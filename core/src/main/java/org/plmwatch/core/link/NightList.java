package org.plmwatch.core.link;

import java.util.ArrayList;
import java.util.List;

/**
 * NIGHT_LIST (0x82), device → host: the answer to {@link ListNights}: nights in increasing id order,
 * at most {@link #MAX_ENTRIES} per frame. {@code more} says further nights exist after the last one
 * listed; the host then sends LIST_NIGHTS from that id + 1.
 */
public record NightList(List<NightEntry> entries, boolean more) implements Message {

    /** 64 × 57 bytes + 3 fits the body limit with room to spare. */
    public static final int MAX_ENTRIES = 64;

    public NightList {
        entries = List.copyOf(entries);
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException(entries.size() + " nights in one NIGHT_LIST, at most "
                    + MAX_ENTRIES + ": set more=true and let the host page");
        }
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i).nightId() <= entries.get(i - 1).nightId()) {
                throw new IllegalArgumentException("night ids must increase: entry " + i + " has id "
                        + entries.get(i).nightId() + " after " + entries.get(i - 1).nightId());
            }
        }
    }

    @Override
    public MessageType type() {
        return MessageType.NIGHT_LIST;
    }

    @Override
    public void encodeBody(BodyWriter w) {
        w.u8(more ? 1 : 0);
        w.u16(entries.size());
        for (NightEntry e : entries) {
            e.encode(w);
        }
    }

    public static NightList decodeBody(BodyReader r) {
        int flags = r.u8("listFlags");
        if ((flags & ~1) != 0) {
            throw new MalformedMessageException("NIGHT_LIST flags 0x" + Integer.toHexString(flags)
                    + " has bits other than bit 0 (more)");
        }
        int n = r.u16("entryCount");
        if (n > MAX_ENTRIES) {
            throw new MalformedMessageException("NIGHT_LIST declares " + n + " entries, at most " + MAX_ENTRIES);
        }
        List<NightEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            entries.add(NightEntry.decode(r));
        }
        return new NightList(entries, flags == 1);
    }
}
