package dev.nexus.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatResponse;
import dev.nexus.chat.Part;
import dev.nexus.chat.Signature;
import dev.nexus.chat.StopReason;
import dev.nexus.chat.UpstreamError;
import dev.nexus.dialect.EventContract;
import dev.nexus.dialect.EventJson;
import dev.nexus.dialect.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * codex/stream/&lt;case&gt;: in.json is {@code {"events": [data…]}}, the parsed {@code data:} objects of a Codex
 * backend stream in order (the stream ends after the last); out.json the canonical events ({@link EventJson}).
 */
class ResponsesEventsTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    static Stream<Arguments> cases() {
        return Fixtures.cases("openai/codex/stream");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backendStreamDecodesToCanonicalEventsThatObeyTheContract(String behaviour, JsonNode in, JsonNode expected) {
        List<ChatEvent> events = decode(in);
        assertThat(Fixtures.normalised(EventJson.write(events))).isEqualTo(expected);
        EventContract.assertObeyed(events);
    }

    static List<ChatEvent> decode(JsonNode in) {
        ResponsesEvents decoder = new ResponsesEvents("codex", "resp_fallback", "gpt-5.1-codex", NOW);
        List<ChatEvent> events = new ArrayList<>();
        in.path("events").forEach(e -> decoder.event(e, events::add));
        decoder.end(events::add);
        return events;
    }

    @Test
    void encryptedReasoningIsKeptAsACodexSignatureOnTheCollectedThinking() {
        ChatResponse answer = ChatResponse.collect(decode(Fixtures.parse("""
                {"events":[
                 {"type":"response.created","response":{"id":"resp_1","model":"gpt-5.1-codex"}},
                 {"type":"response.output_item.added","output_index":0,"item":{"type":"reasoning","id":"rs_1","summary":[]}},
                 {"type":"response.reasoning_summary_text.delta","output_index":0,"summary_index":0,"delta":"Plan"},
                 {"type":"response.output_item.done","output_index":0,"item":{"type":"reasoning","id":"rs_1",
                   "summary":[{"type":"summary_text","text":"Plan"}],"encrypted_content":"gAAAA1"}},
                 {"type":"response.completed","response":{"id":"resp_1","usage":{"input_tokens":3,"output_tokens":2}}}]}""")));
        assertThat(answer.content()).containsExactly(new Part.Thinking("Plan", Optional.of(new Signature("gAAAA1", "codex")), false));
        assertThat(answer.stopReason()).isEqualTo(StopReason.END_TURN);
    }

    @Test
    void theFailureIsKeptForTheProviderWithItsCodeAndWait() {
        ResponsesEvents decoder = new ResponsesEvents("codex", "fb", "m", NOW);
        List<ChatEvent> events = new ArrayList<>();
        decoder.event(Fixtures.parse("""
                {"type":"error","code":"rate_limit_exceeded","message":"Rate limit reached. Please try again in 1.2s.",
                 "param":null,"sequence_number":2}"""), events::add);
        assertThat(decoder.ended()).isTrue();
        assertThat(decoder.failure()).hasValueSatisfying(f -> {
            assertThat(f.code()).isEqualTo("rate_limit_exceeded");
            assertThat(f.error().kind()).isEqualTo(UpstreamError.Kind.RATE_LIMITED);
            assertThat(f.error().retryAfter()).contains(Duration.ofSeconds(2));
        });
        decoder.event(Fixtures.parse("{\"type\":\"response.completed\",\"response\":{}}"), events::add);
        decoder.end(events::add);
        assertThat(events).singleElement().isInstanceOf(ChatEvent.Failure.class);
    }
}
