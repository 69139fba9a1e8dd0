package dev.nexus.dialect.openai;

import dev.nexus.dialect.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.Message;
import dev.nexus.chat.Reasoning;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** encode/&lt;case&gt;: in.json is a client body, decoded then encoded for an upstream; out.json is what the upstream gets. */
class ChatCompletionsRequestsEncodeTest {

    static Stream<Arguments> cases() {
        return Fixtures.cases("openai/encode");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void canonicalRequestEncodesForAnOpenAiCompatibleUpstream(String behaviour, JsonNode in, JsonNode expected) {
        JsonNode encoded = ChatCompletionsRequests.encode(ChatCompletionsRequests.decode(in));
        assertThat(Fixtures.normalised(encoded)).isEqualTo(expected);
    }

    @Test
    void thinkingBudgetFromAnotherDialectBecomesTheNearestEffort() {
        assertThat(effortFor(1024)).isEqualTo("low");
        assertThat(effortFor(4096)).isEqualTo("medium");
        assertThat(effortFor(32000)).isEqualTo("high");
        assertThat(effortFor(0)).isEqualTo("none");
    }

    private static String effortFor(int budget) {
        ChatRequest plain = ChatRequest.of("m", List.of(Message.user("hi")));
        ChatRequest budgeted = new ChatRequest("m", List.of(), plain.messages(), List.of(), plain.toolChoice(),
                Optional.empty(), plain.generation(), plain.responseFormat(),
                new Reasoning(Optional.empty(), Optional.empty(), Optional.of(budget), Optional.empty()), false, false,
                java.util.Map.of());
        return ChatCompletionsRequests.encode(budgeted).path("reasoning_effort").asText("<absent>");
    }
}
