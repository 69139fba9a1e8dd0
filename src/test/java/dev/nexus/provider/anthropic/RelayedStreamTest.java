package dev.nexus.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.chat.UpstreamError;
import dev.nexus.provider.AnthropicRelay;
import dev.nexus.provider.SseReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelayedStreamTest {
    private final List<String> relayed = new ArrayList<>();
    private final RelayedStream stream = new RelayedStream(new AnthropicRelay.Sink() {
        @Override
        public void event(String name, byte[] data) {
            relayed.add(name + " " + new String(data, StandardCharsets.UTF_8));
        }

        @Override
        public void message(byte[] body) {
            throw new AssertionError("no message in a stream");
        }
    }, new ObjectMapper());

    private void feed(String name, String data) {
        stream.event(new SseReader.Event(name, data.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void startAndPingAreHeldUntilTheFirstContentThenEverythingPassesUnchanged() {
        feed("message_start", "{\"type\":\"message_start\"}");
        feed("ping", "{\"type\":\"ping\"}");
        assertThat(relayed).isEmpty();
        feed("content_block_start", "{\"type\":\"content_block_start\",\"index\":0}");
        feed("content_block_delta", "{\"type\":\"content_block_delta\",\"delta\":{\"signature\":\"Eq+/w==\"}}");
        feed("message_delta", "{\"type\":\"message_delta\"}");
        assertThat(stream.over()).isFalse();
        feed("message_stop", "{\"type\":\"message_stop\"}");
        assertThat(relayed).containsExactly("message_start {\"type\":\"message_start\"}", "ping {\"type\":\"ping\"}",
                "content_block_start {\"type\":\"content_block_start\",\"index\":0}",
                "content_block_delta {\"type\":\"content_block_delta\",\"delta\":{\"signature\":\"Eq+/w==\"}}",
                "message_delta {\"type\":\"message_delta\"}", "message_stop {\"type\":\"message_stop\"}");
        assertThat(stream.over()).isTrue();
        assertThat(stream.failure()).isEmpty();
    }

    @Test
    void anErrorBeforeContentFailsWithNothingRelayed() {
        feed("message_start", "{\"type\":\"message_start\"}");
        feed("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
        assertThat(relayed).isEmpty();
        assertThat(stream.released()).isFalse();
        assertThat(stream.over()).isTrue();
        assertThat(stream.failure()).contains(UpstreamError.of(529, UpstreamError.Kind.OVERLOADED, "Overloaded"));
    }

    @Test
    void eventsWithoutANameAreKnownByTheirDataType() {
        feed(null, "{\"type\":\"message_start\"}");
        feed("", "{\"type\":\"content_block_start\"}");
        assertThat(relayed).containsExactly("message_start {\"type\":\"message_start\"}",
                "content_block_start {\"type\":\"content_block_start\"}");
    }

    @Test
    void aStreamCutBeforeItsStopReasonFailsAndOneCutAfterItIsComplete() {
        feed("content_block_start", "{}");
        assertThat(stream.failure()).hasValueSatisfying(f -> assertThat(f.message()).contains("ended before"));
        feed("message_delta", "{}");
        assertThat(stream.failure()).isEmpty();
    }
}
