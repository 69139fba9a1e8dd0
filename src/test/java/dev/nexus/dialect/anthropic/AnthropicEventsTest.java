package dev.nexus.dialect.anthropic;

import dev.nexus.dialect.EventJson;
import dev.nexus.dialect.Fixtures;
import dev.nexus.dialect.EventContract;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.Block;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatResponse;
import dev.nexus.chat.Signature;
import dev.nexus.chat.StopReason;
import dev.nexus.chat.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * upstream/&lt;case&gt;: in.json is {@code {"events": [[name, data], ...]}} (an upstream SSE stream; a null name means
 * the event line was missing) or {@code {"body": {...}}} (a non-stream answer); out.json the canonical events
 * ({@link EventJson}).
 */
class AnthropicEventsTest {

    static Stream<Arguments> cases() {
        return Fixtures.cases("anthropic/upstream");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void upstreamAnswerDecodesToCanonicalEventsThatObeyTheContract(String behaviour, JsonNode in, JsonNode expected) {
        List<ChatEvent> events = decoded(in);
        assertThat(Fixtures.normalised(EventJson.write(events))).isEqualTo(expected);
        EventContract.assertObeyed(events);
    }

    static List<ChatEvent> decoded(JsonNode in) {
        List<ChatEvent> events = new ArrayList<>();
        if (in.has("body")) {
            AnthropicEvents.fromResponse(in.get("body"), events::add);
        } else {
            AnthropicEvents decoder = new AnthropicEvents();
            in.get("events").forEach(e -> decoder.event(e.get(0).isNull() ? null : e.get(0).asText(), e.get(1), events::add));
            decoder.end(events::add);
        }
        return events;
    }

    /**
     * Answers as the gateway produces them, with the id and model the writer stamps. Reasoning token counts are 0:
     * Anthropic usage has no field for them. Tool calls carry no signature: Anthropic has no slot for one.
     */
    static Stream<List<ChatEvent>> answers() {
        return Stream.of(
                List.of(new ChatEvent.MessageStart("msg_test", "claude-test"),
                        new ChatEvent.BlockStart(0, new Block.Thinking()), new ChatEvent.ThinkingDelta(0, "Let me check."),
                        new ChatEvent.SignatureDelta(0, new Signature("CiQBjz1r", "cloudcode/gemini")), new ChatEvent.BlockStop(0),
                        new ChatEvent.BlockStart(1, new Block.Text()), new ChatEvent.TextDelta(1, "Checking "),
                        new ChatEvent.TextDelta(1, "now."), new ChatEvent.BlockStop(1),
                        new ChatEvent.BlockStart(2, new Block.ToolCall("toolu_a", "get_weather")),
                        new ChatEvent.ToolArgsDelta(2, "{\"city\":"), new ChatEvent.ToolArgsDelta(2, "\"Paris\"}"),
                        new ChatEvent.BlockStop(2),
                        new ChatEvent.BlockStart(3, new Block.ToolCall("toolu_b", "get_time")), new ChatEvent.BlockStop(3),
                        new ChatEvent.Finish(StopReason.TOOL_USE, new Usage(50, 20, 5, 0))),
                List.of(new ChatEvent.MessageStart("msg_test", "claude-test"),
                        new ChatEvent.BlockStart(0, new Block.Thinking()), new ChatEvent.ThinkingDelta(0, "Plain."),
                        new ChatEvent.SignatureDelta(0, new Signature("EqQBCkgI", "anthropic")), new ChatEvent.BlockStop(0),
                        new ChatEvent.BlockStart(1, new Block.Text()), new ChatEvent.TextDelta(1, "Once \"upon\"\n a"),
                        new ChatEvent.BlockStop(1),
                        new ChatEvent.BlockStart(2, new Block.Thinking()),
                        new ChatEvent.SignatureDelta(2, new Signature("sigOnly", "cloudcode/claude")), new ChatEvent.BlockStop(2),
                        new ChatEvent.Finish(StopReason.MAX_TOKENS, new Usage(5, 3, 0, 0))),
                List.of(new ChatEvent.MessageStart("msg_test", "claude-test"),
                        new ChatEvent.Finish(StopReason.CONTENT_FILTER, new Usage(9, 0, 0, 0))));
    }

    @ParameterizedTest
    @MethodSource("answers")
    void streamedAnswerSurvivesTheTripThroughAnthropicSseAndBack(List<ChatEvent> answer) {
        RecordingSse sse = new RecordingSse();
        AnthropicStreamWriter writer = new AnthropicStreamWriter(sse, "msg_test", "claude-test");
        answer.forEach(writer::accept);

        List<ChatEvent> decoded = new ArrayList<>();
        AnthropicEvents decoder = new AnthropicEvents();
        sse.sent.forEach(s -> decoder.event(s.event(), Fixtures.parse(s.data()), decoded::add));
        decoder.end(decoded::add);

        EventContract.assertObeyed(decoded);
        assertThat(ChatResponse.collect(decoded)).isEqualTo(ChatResponse.collect(answer));
    }

    @ParameterizedTest
    @MethodSource("answers")
    void nonStreamAnswerSurvivesTheTripThroughAMessageBodyAndBack(List<ChatEvent> answer) {
        ChatResponse original = ChatResponse.collect(answer);
        List<ChatEvent> decoded = new ArrayList<>();
        AnthropicEvents.fromResponse(AnthropicResponses.encode(original, "msg_test", "claude-test"), decoded::add);

        EventContract.assertObeyed(decoded);
        assertThat(ChatResponse.collect(decoded)).isEqualTo(original);
    }

    @Test
    void eventsAfterTheEndAreIgnored() {
        List<ChatEvent> events = new ArrayList<>();
        AnthropicEvents decoder = new AnthropicEvents();
        decoder.event("message_start", Fixtures.parse("{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"model\":\"c\"}}"), events::add);
        decoder.event("message_stop", Fixtures.parse("{\"type\":\"message_stop\"}"), events::add);
        int count = events.size();
        decoder.event("content_block_start", Fixtures.parse(
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"late\"}}"), events::add);
        decoder.end(events::add);
        assertThat(events).hasSize(count);
        EventContract.assertObeyed(events);
    }
}
