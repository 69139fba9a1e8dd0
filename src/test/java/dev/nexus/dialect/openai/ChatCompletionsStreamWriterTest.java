package dev.nexus.dialect.openai;

import dev.nexus.dialect.EventJson;
import dev.nexus.dialect.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.Block;
import dev.nexus.chat.ChatEvent;
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
 * stream/&lt;case&gt;: in.json is {@code {"includeUsage", "events": [...]}} ({@link EventJson}); out.json the exact
 * {@code data:} payloads, each a JSON object (compared byte for byte after compact serialisation, so key order counts)
 * or the string {@code "[DONE]"}. Every case uses id {@code chatcmpl-1}, model {@code m}, created {@code 1}.
 */
class ChatCompletionsStreamWriterTest {

    static Stream<Arguments> cases() {
        return Fixtures.cases("openai/stream");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eventsAreWrittenAsChatCompletionChunks(String behaviour, JsonNode in, JsonNode expected) {
        RecordingSse sse = new RecordingSse();
        ChatCompletionsStreamWriter writer = new ChatCompletionsStreamWriter(sse, "chatcmpl-1", "m", 1,
                in.path("includeUsage").asBoolean());
        EventJson.read(in.get("events")).forEach(writer::accept);
        List<String> lines = new ArrayList<>();
        expected.forEach(line -> lines.add(line.isTextual() ? line.textValue() : line.toString()));
        assertThat(sse.data).containsExactlyElementsOf(lines);
    }

    @Test
    void nothingIsWrittenBeforeTheFirstContentSoTheGatewayCanStillFailOver() {
        RecordingSse sse = new RecordingSse();
        ChatCompletionsStreamWriter writer = new ChatCompletionsStreamWriter(sse, "chatcmpl-1", "m", 1, false);
        writer.accept(new ChatEvent.MessageStart("up-1", "gemini-3-flash"));
        writer.accept(new ChatEvent.BlockStart(0, new Block.Text()));
        assertThat(writer.started()).isFalse();
        assertThat(sse.data).isEmpty();

        writer.accept(new ChatEvent.TextDelta(0, "Hi"));
        assertThat(writer.started()).isTrue();
        assertThat(sse.data).hasSize(2);
    }

    @Test
    void eventsAfterTheEndAreIgnored() {
        RecordingSse sse = new RecordingSse();
        ChatCompletionsStreamWriter writer = new ChatCompletionsStreamWriter(sse, "chatcmpl-1", "m", 1, false);
        writer.accept(new ChatEvent.Finish(StopReason.END_TURN, Usage.ZERO));
        int written = sse.data.size();
        writer.accept(new ChatEvent.TextDelta(0, "late"));
        writer.accept(new ChatEvent.Finish(StopReason.END_TURN, Usage.ZERO));
        assertThat(sse.data).hasSize(written).last().isEqualTo("[DONE]");
    }
}
