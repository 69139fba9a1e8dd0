package dev.nexus.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.Message;
import dev.nexus.chat.Part;
import dev.nexus.chat.Role;
import dev.nexus.chat.Signature;
import dev.nexus.dialect.Fixtures;
import dev.nexus.dialect.anthropic.AnthropicRequests;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * codex/encode/&lt;case&gt;: in.json is a client body under its dialect ({@code "chat"}, {@code "responses"} or
 * {@code "anthropic"}) and an optional {@code "session"}; it is decoded as its front would, then encoded for the Codex
 * backend. out.json is the backend body.
 */
class CodexRequestsTest {

    static Stream<Arguments> cases() {
        return Fixtures.cases("openai/codex/encode");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void canonicalRequestEncodesAsTheCodexCliWouldSendIt(String behaviour, JsonNode in, JsonNode expected) {
        JsonNode encoded = CodexRequests.encode(decode(in), Optional.ofNullable(in.path("session").textValue()), CodexRequests.ORIGIN);
        assertThat(Fixtures.normalised(encoded)).isEqualTo(expected);
    }

    static ChatRequest decode(JsonNode in) {
        if (in.has("chat")) {
            return ChatCompletionsRequests.decode(in.get("chat"));
        }
        if (in.has("responses")) {
            return ResponsesRequests.decode(in.get("responses"));
        }
        return AnthropicRequests.decode(in.get("anthropic"));
    }

    @Test
    void whatTheBackendCannotDoIsNamedForTheRouteHeader() {
        ChatRequest request = ChatCompletionsRequests.decode(Fixtures.parse("""
                {"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":5,"temperature":0,"stop":"x"}"""));
        assertThat(CodexRequests.limitations(request))
                .containsExactly("max output tokens, temperature, stop sequences ignored: the Codex backend does not take them");
        assertThat(CodexRequests.limitations(ChatRequest.of("m", List.of()))).isEmpty();
    }

    @Test
    void reasoningCarriedByAThinkingPartAndItsToolCallIsReplayedOnceAndOnlyCodexReasoningAtAll() {
        Signature codex = new Signature("gAAAAe", "codex");
        ChatRequest request = ChatRequest.of("m", List.of(Message.user("go"), new Message(Role.ASSISTANT, List.of(
                new Part.Thinking("plan", Optional.of(codex), false),
                new Part.ToolCall("call_1", "f", "{}", Optional.of(codex)),
                new Part.ToolCall("call_2", "f", "{}", Optional.of(new Signature("gAAAAf", "codex"))),
                new Part.ToolCall("call_3", "f", "{}", Optional.of(new Signature("CiQB", "cloudcode/gemini"))),
                new Part.Thinking("opaque", Optional.of(new Signature("gAAAAr", "codex")), true)))));
        assertThat(Fixtures.normalised(CodexRequests.encode(request, Optional.empty(), CodexRequests.ORIGIN).path("input"))).isEqualTo(Fixtures.parse("""
                [{"type":"message","role":"user","content":[{"type":"input_text","text":"go"}]},
                 {"type":"reasoning","summary":[{"type":"summary_text","text":"plan"}],"encrypted_content":"gAAAAe"},
                 {"type":"function_call","name":"f","arguments":"{}","call_id":"call_1"},
                 {"type":"reasoning","summary":[],"encrypted_content":"gAAAAf"},
                 {"type":"function_call","name":"f","arguments":"{}","call_id":"call_2"},
                 {"type":"function_call","name":"f","arguments":"{}","call_id":"call_3"}]"""));
    }

    @Test
    void aToolChoiceWithoutToolsIsAuto() {
        ChatRequest request = ChatCompletionsRequests.decode(Fixtures.parse("""
                {"model":"m","messages":[{"role":"user","content":"hi"}],"tool_choice":"required"}"""));
        assertThat(CodexRequests.encode(request, Optional.empty(), CodexRequests.ORIGIN).path("tool_choice").asText()).isEqualTo("auto");
    }

    @Test
    void aBlankSessionIsNoCacheKey() {
        ChatRequest request = ChatRequest.of("m", List.of(Message.user("hi")));
        assertThat(CodexRequests.encode(request, Optional.of(" "), CodexRequests.ORIGIN).has("prompt_cache_key")).isFalse();
    }
}
