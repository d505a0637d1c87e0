package org.plmwatch.core.nightfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * Coverage-guided fuzz test of the reader (Jazzer). A plain {@code mvn test} runs it in regression
 * mode over the seed corpus in src/test/resources/.../NightFileFuzzTestInputs/ (a valid small
 * night, a cut one, one with a damaged header, garbage). Fuzz for real with
 * {@code JAZZER_FUZZ=1 mvn -pl core test -Dtest=NightFileFuzzTest}; add any finding to the corpus.
 */
class NightFileFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void onlyNightFileFormatExceptionEscapes(byte[] data) {
        for (NightFileReader reader : new NightFileReader[] {NightFileReader.strict(),
                NightFileReader.assumingHeader(TestNights.header())}) {
            RecordingSink sink = new RecordingSink();   // throws AssertionError if the sink contract is broken
            try {
                NightFileContents c = reader.read(ByteBuffer.wrap(data), "fuzz", sink);
                assertEquals(1, sink.ends);
                assertEquals(sink.n, c.sampleCount());
            } catch (NightFileFormatException expected) {
                // the only failure allowed: nothing readable
            }
        }
    }
}
