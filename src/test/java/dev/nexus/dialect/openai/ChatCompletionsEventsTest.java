package dev.nexus.dialect.openai;

import dev.nexus.dialect.EventJson;
import dev.nexus.dialect.Fixtures;
import dev.nexus.dialect.EventContract;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.Block;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatResponse;
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
 * upstream/&lt;case&gt;: in.json is {@code {"chunks": [...]}} (an upstream stream, parsed {@code data:} lines without
 * {@code [DONE]}) or {@code {"body": {...}}} (a non-stream answer); out.json the canonical events ({@link EventJson}).
 */
class ChatCompletionsEventsTest {

    static Stream<Arguments> cases() {
        return Fixtures.cases("openai/upstream");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void upstreamAnswerDecodesToCanonicalEventsThatObeyTheContract(String behaviour, JsonNode in, JsonNode expected) {
        List<ChatEvent> events = new ArrayList<>();
        if (in.has("body")) {
            ChatCompletionsEvents.fromResponse(in.get("body"), events::add);
        } else {
            ChatCompletionsEvents decoder = new ChatCompletionsEvents();
            in.get("chunks").forEach(chunk -> decoder.chunk(chunk, events::add));
            decoder.end(events::add);
        }
        assertThat(Fixtures.normalised(EventJson.write(events))).isEqualTo(expected);
        EventContract.assertObeyed(events);
    }

    static Stream<List<ChatEvent>> answers() {
        return Stream.of(
                List.of(new ChatEvent.MessageStart("chatcmpl-9", "m"),
                        new ChatEvent.BlockStart(0, new Block.Thinking()), new ChatEvent.ThinkingDelta(0, "Let me check."),
                        new ChatEvent.BlockStop(0),
                        new ChatEvent.BlockStart(1, new Block.Text()), new ChatEvent.TextDelta(1, "Checking "),
                        new ChatEvent.TextDelta(1, "now."), new ChatEvent.BlockStop(1),
                        new ChatEvent.BlockStart(2, new Block.ToolCall("call_a", "get_weather")),
                        new ChatEvent.ToolArgsDelta(2, "{\"city\":"), new ChatEvent.ToolArgsDelta(2, "\"Paris\"}"),
                        new ChatEvent.BlockStop(2),
                        new ChatEvent.BlockStart(3, new Block.ToolCall("call_b", "get_time")), new ChatEvent.BlockStop(3),
                        new ChatEvent.Finish(StopReason.TOOL_USE, new Usage(50, 20, 5, 8))),
                List.of(new ChatEvent.MessageStart("chatcmpl-10", "m"),
                        new ChatEvent.BlockStart(0, new Block.Text()), new ChatEvent.TextDelta(0, "Once upon a"),
                        new ChatEvent.BlockStop(0),
                        new ChatEvent.Finish(StopReason.MAX_TOKENS, new Usage(5, 3, 0, 0))));
    }

    @ParameterizedTest
    @MethodSource("answers")
    void streamedAnswerSurvivesTheTripThroughChunksAndBack(List<ChatEvent> answer) {
        String id = ((ChatEvent.MessageStart) answer.getFirst()).id();
        RecordingSse sse = new RecordingSse();
        ChatCompletionsStreamWriter writer = new ChatCompletionsStreamWriter(sse, id, "m", 1, true);
        answer.forEach(writer::accept);

        List<ChatEvent> decoded = new ArrayList<>();
        ChatCompletionsEvents decoder = new ChatCompletionsEvents();
        assertThat(sse.data).last().isEqualTo("[DONE]");
        sse.data.stream().filter(data -> !data.equals("[DONE]")).forEach(data -> decoder.chunk(Fixtures.parse(data), decoded::add));
        decoder.end(decoded::add);

        EventContract.assertObeyed(decoded);
        assertThat(ChatResponse.collect(decoded)).isEqualTo(ChatResponse.collect(answer));
    }

    @ParameterizedTest
    @MethodSource("answers")
    void nonStreamAnswerSurvivesTheTripThroughABodyAndBack(List<ChatEvent> answer) {
        ChatResponse original = ChatResponse.collect(answer);
        List<ChatEvent> decoded = new ArrayList<>();
        ChatCompletionsEvents.fromResponse(ChatCompletionsResponses.encode(original, "m", 1), decoded::add);

        EventContract.assertObeyed(decoded);
        assertThat(ChatResponse.collect(decoded)).isEqualTo(original);
    }

    @Test
    void chunksAfterTheEndAreIgnored() {
        List<ChatEvent> events = new ArrayList<>();
        ChatCompletionsEvents decoder = new ChatCompletionsEvents();
        decoder.chunk(Fixtures.parse("{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}"), events::add);
        decoder.end(events::add);
        int count = events.size();
        decoder.chunk(Fixtures.parse("{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"late\"}}]}"), events::add);
        decoder.end(events::add);
        assertThat(events).hasSize(count);
    }

    @Test
    void usageIsReadFromTheBytesWhereverTheTopLevelPutsIt() throws java.io.IOException {
        String body = "{\"id\":\"c\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"a \\\"usage\\\": {}\"},"
                + "\"usage\":{\"prompt_tokens\":99}}],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":5,\"total_tokens\":12},\"x\":[1]}";
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ChatCompletionsEvents.usage(bytes)).isEqualTo(ChatCompletionsEvents.usage(Fixtures.parse(body)));
        assertThat(ChatCompletionsEvents.usage(bytes).orElseThrow().inputTokens()).isEqualTo(7);
        assertThat(ChatCompletionsEvents.usage(bytes).orElseThrow().outputTokens()).isEqualTo(5);
    }

    @Test
    void noUsageWhenItIsMissingNullOrNotAnObject() throws java.io.IOException {
        for (String json : List.of("{\"choices\":[]}", "{\"usage\":null}", "{\"usage\":[1,2]}", "[1]", "{}")) {
            assertThat(ChatCompletionsEvents.usage(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))).as(json).isEmpty();
        }
    }
}
