package dev.nexus.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.chat.UpstreamError;
import dev.nexus.dialect.Fixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResponsesCollectorTest {
    private final ResponsesCollector collector = new ResponsesCollector(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void anOutputTheBackendFilledInIsKeptAsItIs() {
        collector.event(Fixtures.parse("""
                {"type":"response.output_item.done","output_index":0,"item":{"type":"message","id":"streamed"}}"""));
        collector.event(Fixtures.parse("""
                {"type":"response.completed","response":{"id":"r","output":[{"type":"message","id":"final"}]}}"""));
        assertThat(collector.response().orElseThrow().path("output").findValuesAsText("id")).containsExactly("final");
    }

    @Test
    void itemsFillTheOutputInOutputOrder() {
        collector.event(Fixtures.parse("{\"type\":\"response.output_item.done\",\"output_index\":1,\"item\":{\"id\":\"b\"}}"));
        collector.event(Fixtures.parse("{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"id\":\"a\"}}"));
        collector.event(Fixtures.parse("""
                {"type":"response.incomplete","response":{"id":"r","status":"incomplete","output":[],
                 "incomplete_details":{"reason":"max_output_tokens"}}}"""));
        assertThat(collector.response().orElseThrow().path("output").findValuesAsText("id")).containsExactly("a", "b");
        assertThat(collector.failure()).isEmpty();
    }

    @Test
    void aFailedResponseIsKeptWithItsFailure() {
        collector.event(Fixtures.parse("""
                {"type":"response.failed","response":{"id":"r","status":"failed",
                 "error":{"code":"context_length_exceeded","message":"too long"}}}"""));
        collector.event(Fixtures.parse("{\"type\":\"response.completed\",\"response\":{\"id\":\"late\"}}"));
        assertThat(collector.response().orElseThrow().path("id").asText()).isEqualTo("r");
        assertThat(collector.failure().orElseThrow().error().kind()).isEqualTo(UpstreamError.Kind.INVALID_REQUEST);
    }

    @Test
    void anErrorEventOrACutShortStreamIsAFailureWithoutAResponse() {
        collector.event(Fixtures.parse("{\"type\":\"error\",\"code\":\"rate_limit_exceeded\",\"message\":\"try again in 3s\"}"));
        assertThat(collector.response()).isEmpty();
        assertThat(collector.failure().orElseThrow().error().status()).isEqualTo(429);

        ResponsesCollector cut = new ResponsesCollector(Instant.EPOCH);
        cut.event(Fixtures.parse("{\"type\":\"response.created\",\"response\":{\"id\":\"r\"}}"));
        cut.end();
        assertThat(cut.failure().orElseThrow().error().message()).contains("closed before response.completed");
    }
}
