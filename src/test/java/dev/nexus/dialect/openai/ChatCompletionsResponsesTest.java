package dev.nexus.dialect.openai;

import dev.nexus.dialect.EventJson;
import dev.nexus.dialect.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.ChatResponse;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * response/&lt;case&gt;: in.json is {@code {"events": [...]}} ({@link EventJson}), collected into a response; out.json the
 * {@code chat.completion} body, compared byte for byte. Every case uses model {@code gpt-test}, created 1700000000.
 */
class ChatCompletionsResponsesTest {

    static Stream<Arguments> cases() {
        return Fixtures.cases("openai/response");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void collectedAnswerIsWrittenAsOneChatCompletion(String behaviour, JsonNode in, JsonNode expected) {
        ChatResponse response = ChatResponse.collect(EventJson.read(in.get("events")));
        assertThat(ChatCompletionsResponses.encode(response, "gpt-test", 1_700_000_000L)).hasToString(expected.toString());
    }
}
