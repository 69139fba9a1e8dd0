package dev.nexus.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    private static List<SseReader.Event> read(InputStream in) throws IOException {
        List<SseReader.Event> events = new ArrayList<>();
        try (SseReader reader = new SseReader(in)) {
            for (Optional<SseReader.Event> e = reader.next(); e.isPresent(); e = reader.next()) {
                events.add(e.get());
            }
        }
        return events;
    }

    private static List<SseReader.Event> read(String text) throws IOException {
        return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void dataLinesEndAtABlankLine() throws IOException {
        assertThat(read("data: {\"a\":1}\n\ndata: {\"b\":2}\n\n")).extracting(SseReader.Event::text)
                .containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void crlfAndLoneCrEndLinesToo() throws IOException {
        assertThat(read("data: one\r\n\r\ndata: two\r\rdata: three\n\n")).extracting(SseReader.Event::text)
                .containsExactly("one", "two", "three");
    }

    @Test
    void consecutiveDataLinesJoinWithANewline() throws IOException {
        assertThat(read("data: {\"a\":\ndata: 1}\n\n")).extracting(SseReader.Event::text).containsExactly("{\"a\":\n1}");
    }

    @Test
    void commentsIdsAndRetriesAreIgnoredButEventNamesKept() throws IOException {
        List<SseReader.Event> events = read(": keep-alive\nid: 7\nretry: 100\nevent: message_start\ndata: x\n\n");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("message_start");
            assertThat(e.text()).isEqualTo("x");
        });
    }

    @Test
    void aFinalEventWithoutItsBlankLineStillCounts() throws IOException {
        assertThat(read("data: last")).extracting(SseReader.Event::text).containsExactly("last");
    }

    @Test
    void eventsSplitAcrossReadsAndMultibyteCharactersSurvive() throws IOException {
        byte[] bytes = "data: héllo 世界\r\n\r\ndata: 2\n\n".getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new InputStream() {
            private int i;

            @Override
            public int read() {
                return i < bytes.length ? bytes[i++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (i >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[i++];
                return 1;
            }
        };
        assertThat(read(trickle)).extracting(SseReader.Event::text).containsExactly("héllo 世界", "2");
    }

    @Test
    void aDataFieldWithoutASpaceIsReadToo() throws IOException {
        assertThat(read("data:{\"x\":1}\n\n")).extracting(SseReader.Event::text).containsExactly("{\"x\":1}");
    }

    @Test
    void linesLongerThanOneReadAreJoinedAcrossReads() throws IOException {
        String big = "{\"text\":\"" + "é界x".repeat(3_000) + "\"}";
        assertThat(read("event: delta\ndata: " + big + "\ndata: second\n\ndata: 2\n\n"))
                .extracting(SseReader.Event::name, SseReader.Event::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("delta", big + "\nsecond"),
                        org.assertj.core.groups.Tuple.tuple(null, "2"));
    }
}
