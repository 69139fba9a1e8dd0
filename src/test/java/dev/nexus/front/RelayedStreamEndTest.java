package dev.nexus.front;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.dialect.gemini.GoogleErrors;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where a relayed Gemini stream can still end with an error: between events, never inside one. */
class RelayedStreamEndTest {
    private static final JsonNode ERROR = GoogleErrors.body(503, "shutting down");

    private static Optional<String> end(String contentType, boolean streamMethod, String... relayed) {
        RelayedStreamEnd end = RelayedStreamEnd.of(contentType, streamMethod).orElseThrow();
        for (String part : relayed) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            end.add(bytes, 0, bytes.length);
        }
        return end.endWith(ERROR).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    @Test
    void anSseStreamEndsAfterABlankLineOnly() {
        assertThat(end("text/event-stream", true, "data: {\"a\":1}\r\n", "\r\n")).hasValue("data: " + ERROR + "\r\n\r\n");
        assertThat(end("text/event-stream", true, "data: {\"a\":1}\n\n")).isPresent();
        assertThat(end("text/event-stream", true)).as("nothing relayed yet").isPresent();
        assertThat(end("text/event-stream", true, "data: {\"a\":1}\n")).isEmpty();
        assertThat(end("text/event-stream", true, "data: {\"a\"")).isEmpty();
    }

    @Test
    void aJsonArrayStreamEndsBetweenElementsAsValidJson() throws Exception {
        String relayed = "[{\"text\":\"a ] } [ \\\" {\"}\r\n";
        String ended = relayed + end("application/json; charset=UTF-8", true, relayed).orElseThrow();
        JsonNode array = new ObjectMapper().readTree(ended);
        assertThat(array).hasSize(2);
        assertThat(array.get(1)).isEqualTo(ERROR);
        assertThat(new ObjectMapper().readTree(end("application/json", true).orElseThrow())).hasSize(1);
        assertThat(new ObjectMapper().readTree("[" + end("application/json", true, "[").orElseThrow().substring(0))
                .isArray()).isTrue();
    }

    @Test
    void aJsonArrayStreamCutInsideAnElementOrAfterItsEndHasNoCleanEnd() {
        assertThat(end("application/json", true, "[{\"text\":\"a")).isEmpty();
        assertThat(end("application/json", true, "[{\"parts\":[1,")).isEmpty();
        assertThat(end("application/json", true, "[{}]")).isEmpty();
    }

    @Test
    void unaryAnswersAreNotWatched() {
        assertThat(RelayedStreamEnd.of("application/json", false)).isEmpty();
        assertThat(RelayedStreamEnd.of("text/plain", true)).isEmpty();
    }
}
