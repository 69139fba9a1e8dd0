package dev.nexus.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.Block;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatResponse;
import dev.nexus.chat.Part;
import dev.nexus.chat.Signature;
import dev.nexus.chat.StopReason;
import dev.nexus.chat.Usage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code stream/<case>/in.json} is {@code {"target":{model, origin}, "fallbackId", "toolNames":[client names],
 * "chunks":[GenerateContentResponse…]}}; {@code out.json} lists the events as their record {@code toString()}.
 * Synthesised call ids come from a fixed random source, so they are stable in fixtures.
 */
class GeminiEventDecoderTest {
    private static final RandomGenerator FIXED = () -> 0x0123456789abcdefL;

    static Stream<Arguments> cases() {
        return Fixtures.cases("stream");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesTheStreamAsTheFixtureSays(String name, Path dir) {
        List<ChatEvent> events = decode(Fixtures.read(dir.resolve("in.json")), FIXED);
        EventContract.check(events);
        List<String> expected = new ArrayList<>();
        Fixtures.read(dir.resolve("out.json")).forEach(e -> expected.add(e.asText()));
        assertThat(events).map(ChatEvent::toString).containsExactlyElementsOf(expected);
    }

    @Test
    void theCollectedResponseOfAStreamHasItsBlocksStopReasonAndUsage() {
        List<ChatEvent> events = decode(Fixtures.read(fixture("multi-chunk-thinking-text-and-parallel-calls")), FIXED);
        ChatResponse response = ChatResponse.collect(events);
        assertThat(response.id()).isEqualTo("r1");
        assertThat(response.model()).isEqualTo("gemini-3-flash-001");
        assertThat(response.content()).containsExactly(
                new Part.Thinking("Let me think more", Optional.of(new Signature("sigA", "cloudcode")), false),
                new Part.Text("I'll read both."),
                new Part.ToolCall("fc1", "read file", "{\"path\":\"a\"}", Optional.of(new Signature("sigB", "cloudcode"))),
                new Part.ToolCall("call_efcdab8967452301efcdab89", "read file", "{\"path\":\"b\"}", Optional.empty()));
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(response.usage()).isEqualTo(new Usage(100, 50, 64, 30));
        assertThat(response.failure()).isEmpty();
    }

    @Test
    void callsWithoutUpstreamIdsGetDistinctSynthesisedIds() {
        GeminiEventDecoder decoder = plainDecoder();
        List<ChatEvent> events = new ArrayList<>();
        decoder.chunk(Fixtures.parse("""
                {"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"f","args":{}}},
                  {"functionCall":{"name":"f","args":{}}}]}}]}"""), events::add);
        decoder.end(events::add);
        List<String> ids = events.stream().filter(e -> e instanceof ChatEvent.BlockStart)
                .map(e -> ((Block.ToolCall) ((ChatEvent.BlockStart) e).block()).id()).toList();
        assertThat(ids).hasSize(2).allMatch(id -> id.matches("call_[0-9a-f]{24}")).doesNotHaveDuplicates();
    }

    @Test
    void aChunkAfterTheEndIsAProgrammingError() {
        GeminiEventDecoder decoder = plainDecoder();
        List<ChatEvent> events = new ArrayList<>();
        decoder.end(events::add);
        decoder.end(events::add);
        assertThat(events).hasSize(2);
        assertThatThrownBy(() -> decoder.chunk(Fixtures.parse("{}"), events::add)).isInstanceOf(IllegalStateException.class);
    }

    private static List<ChatEvent> decode(JsonNode in, RandomGenerator random) {
        List<String> clientNames = new ArrayList<>();
        in.path("toolNames").forEach(n -> clientNames.add(n.asText()));
        GeminiEventDecoder decoder = new GeminiEventDecoder(CanonicalJson.target(in.path("target")), ToolNames.of(clientNames),
                in.path("fallbackId").asText("fb"), random);
        List<ChatEvent> events = new ArrayList<>();
        in.path("chunks").forEach(chunk -> decoder.chunk(chunk, events::add));
        decoder.end(events::add);
        return events;
    }

    private static GeminiEventDecoder plainDecoder() {
        return new GeminiEventDecoder(new GeminiTarget("gemini-2.5-flash", "gemini"), ToolNames.none(), "fb");
    }

    private static Path fixture(String name) {
        return Fixtures.cases("stream").map(a -> (Path) a.get()[1]).filter(p -> p.endsWith(name)).findFirst()
                .orElseThrow().resolve("in.json");
    }
}
