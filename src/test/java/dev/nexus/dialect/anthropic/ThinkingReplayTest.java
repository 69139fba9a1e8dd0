package dev.nexus.dialect.anthropic;

import dev.nexus.dialect.CanonicalJson;
import dev.nexus.dialect.Fixtures;
import dev.nexus.dialect.ThinkingReplay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.ChatRequest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * replay/&lt;case&gt;: in.json is {@code {"origin", "body"}}, an Anthropic client body made safe for the upstream of
 * that signature origin; out.json the canonical request ({@link CanonicalJson}) that upstream gets.
 */
class ThinkingReplayTest {

    static Stream<Arguments> cases() {
        return Fixtures.cases("anthropic/replay");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void historyIsMadeSafeForTheUpstreamOfOneOrigin(String behaviour, JsonNode in, JsonNode expected) {
        assertThat(Fixtures.normalised(replayed(in))).isEqualTo(expected);
    }

    static JsonNode replayed(JsonNode in) {
        return CanonicalJson.request(ThinkingReplay.safeFor(AnthropicRequests.decode(in.get("body")), in.get("origin").asText()));
    }

    @Test
    void aRequestWithNothingToDropIsReturnedUnchanged() {
        ChatRequest request = AnthropicRequests.decode(Fixtures.parse(
                "{\"model\":\"m\",\"max_tokens\":5,\"thinking\":{\"type\":\"adaptive\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        assertThat(ThinkingReplay.safeFor(request, "anthropic")).isSameAs(request);
    }
}
