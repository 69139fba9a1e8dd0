package dev.nexus.dialect.anthropic;

import dev.nexus.dialect.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.Generation;
import dev.nexus.chat.Message;
import dev.nexus.chat.Part;
import dev.nexus.chat.Reasoning;
import dev.nexus.chat.ResponseFormat;
import dev.nexus.chat.Role;
import dev.nexus.chat.Tool;
import dev.nexus.chat.ToolChoice;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * encode/&lt;case&gt;: in.json is a client body, decoded then encoded for an Anthropic upstream; out.json is what the
 * upstream gets. Requests only other dialects produce (efforts, audio, "any JSON object") are built in code below.
 */
class AnthropicRequestsEncodeTest {

    static Stream<Arguments> cases() {
        return Fixtures.cases("anthropic/encode");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void canonicalRequestEncodesForAnAnthropicUpstream(String behaviour, JsonNode in, JsonNode expected) {
        assertThat(Fixtures.normalised(encoded(in))).isEqualTo(expected);
    }

    static JsonNode encoded(JsonNode in) {
        return AnthropicRequests.encode(AnthropicRequests.decode(in));
    }

    @Test
    void effortsBecomeAdaptiveThinkingWithTheNearestAnthropicEffort() {
        assertThat(encode(reasoning(Reasoning.Effort.XHIGH)).path("output_config").path("effort").asText()).isEqualTo("max");
        assertThat(encode(reasoning(Reasoning.Effort.MINIMAL)).path("output_config").path("effort").asText()).isEqualTo("low");
        assertThat(encode(reasoning(Reasoning.Effort.HIGH)).path("thinking").toString()).isEqualTo("{\"type\":\"adaptive\"}");
        assertThat(encode(reasoning(Reasoning.Effort.NONE)).path("thinking").toString()).isEqualTo("{\"type\":\"disabled\"}");
        assertThat(encode(reasoning(Reasoning.Effort.NONE)).has("output_config")).isFalse();
    }

    @Test
    void aBudgetBelowAnthropicsMinimumIsRaisedAndAMissingLimitGetsTheDefault() {
        ChatRequest request = with(ChatRequest.of("m", List.of(Message.user("hi"))),
                new Reasoning(Optional.empty(), Optional.empty(), Optional.of(500), Optional.empty()), Generation.DEFAULTS);
        JsonNode body = encode(request);
        assertThat(body.path("thinking").toString()).isEqualTo("{\"type\":\"enabled\",\"budget_tokens\":1024}");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(RequestEncoder.DEFAULT_MAX_TOKENS);
    }

    @Test
    void mediaAnthropicCannotTakeIsLeftOutAndPlainTextFilesBecomeTextDocuments() {
        ChatRequest request = ChatRequest.of("m", List.of(new Message(Role.USER, List.of(
                new Part.Media("audio/wav", new Part.Source.Inline("UklGRg=="), Optional.empty()),
                new Part.Media("text/markdown", new Part.Source.Inline("IyBIaQ=="), Optional.of("notes.md")),
                new Part.Media("image/png", new Part.Source.Url("data:image/png;base64,iVBORw=="), Optional.empty()),
                new Part.Text("Read these.")))));
        assertThat(encode(request).path("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"document\",\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\",\"data\":\"# Hi\"},\"title\":\"notes.md\"},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw==\"}},"
                + "{\"type\":\"text\",\"text\":\"Read these.\"}]}]");
    }

    @Test
    void anyJsonObjectFormatHasNoAnthropicFormAndIsLeftOut() {
        ChatRequest plain = ChatRequest.of("m", List.of(Message.user("hi")));
        ChatRequest json = new ChatRequest("m", List.of(), plain.messages(), List.of(), ToolChoice.AUTO, Optional.empty(),
                Generation.DEFAULTS, new ResponseFormat.JsonObject(), Reasoning.UNSPECIFIED, false, false, Map.of());
        assertThat(encode(json)).isEqualTo(encode(plain));
    }

    @Test
    void singleCallChoicesCarryDisableParallelToolUse() {
        ChatRequest plain = ChatRequest.of("m", List.of(Message.user("hi")));
        ChatRequest named = new ChatRequest("m", List.of(), plain.messages(),
                List.of(new Tool.Function("f", Optional.empty(), JsonNodeFactory.instance.objectNode(), false)),
                new ToolChoice.Named("f"), Optional.of(false), Generation.DEFAULTS, ResponseFormat.TEXT, Reasoning.UNSPECIFIED,
                false, false, Map.of());
        assertThat(encode(named).path("tool_choice").toString())
                .isEqualTo("{\"type\":\"tool\",\"name\":\"f\",\"disable_parallel_tool_use\":true}");
    }

    private static JsonNode encode(ChatRequest request) {
        return Fixtures.normalised(AnthropicRequests.encode(request));
    }

    private static ChatRequest reasoning(Reasoning.Effort effort) {
        return with(ChatRequest.of("m", List.of(Message.user("hi"))),
                new Reasoning(Optional.of(effort != Reasoning.Effort.NONE), Optional.of(effort), Optional.empty(), Optional.empty()),
                Generation.DEFAULTS);
    }

    private static ChatRequest with(ChatRequest r, Reasoning reasoning, Generation generation) {
        return new ChatRequest(r.model(), r.system(), r.messages(), r.tools(), r.toolChoice(), r.parallelToolCalls(), generation,
                r.responseFormat(), reasoning, r.stream(), r.includeUsageInStream(), r.metadata());
    }
}
