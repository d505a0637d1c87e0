package org.plmwatch.core.io;

import java.time.LocalDate;

/**
 * What a recording's own numbers may claim before a reader refuses them. A reader checks each
 * timestamp against these before passing it on, so a damaged clock or a hostile file cannot make
 * anything downstream allocate in proportion to a time nobody recorded.
 */
public final class RecordingLimits {

    /**
     * The longest span of one accelerometer recording: research devices record a week or two
     * (an Axivity AX3 at 100 Hz fills in ~14 days); a month is twice that. Samples farther apart
     * are a clock that jumped or a damaged file.
     */
    public static final double LONGEST_RECORDING_SECONDS = 31 * 86_400.0;
    public static final int LONGEST_RECORDING_DAYS = 31;

    /** Wall-clock starts after this are a wrong clock or a wrong unit (no device records then). */
    public static final LocalDate LATEST_START = LocalDate.of(2100, 1, 1);

    private RecordingLimits() {
    }

    /** The fix named in every span message. */
    public static final String SPAN_FIX = "check the device clock; a recording longer than "
            + LONGEST_RECORDING_DAYS + " days or with a jump in time must be split into its nights";
}
