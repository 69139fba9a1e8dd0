package dev.nexus.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.ChatRequest;
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
        JsonNode encoded = CodexRequests.encode(decode(in), Optional.ofNullable(in.path("session").textValue()));
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
    void aBlankSessionIsNoCacheKey() {
        ChatRequest request = ChatRequest.of("m", List.of(dev.nexus.chat.Message.user("hi")));
        assertThat(CodexRequests.encode(request, Optional.of(" ")).has("prompt_cache_key")).isFalse();
    }
}
