package dev.nexus.dialect.anthropic;

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
 * response/&lt;case&gt;: in.json is {@code {"events": [...]}} ({@link EventJson}), collected into a response; out.json
 * the {@code message} body, compared byte for byte. Every case uses id {@code msg_test} and model {@code claude-test}.
 */
class AnthropicResponsesTest {

    static Stream<Arguments> cases() {
        return Fixtures.cases("anthropic/response");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void collectedAnswerIsWrittenAsOneMessage(String behaviour, JsonNode in, JsonNode expected) {
        assertThat(encoded(in)).hasToString(expected.toString());
    }

    static JsonNode encoded(JsonNode in) {
        return AnthropicResponses.encode(ChatResponse.collect(EventJson.read(in.get("events"))), "msg_test", "claude-test",
                in.path("searching").asBoolean());
    }
}
