package dev.nexus.dialect.anthropic;

import dev.nexus.dialect.Fixtures;
import dev.nexus.dialect.ThinkingReplay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.dialect.gemini.GeminiRequests;
import dev.nexus.dialect.gemini.GeminiTarget;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * cloudcode/&lt;case&gt;: in.json is an Anthropic client body; out.json the GenerateContentRequest Cloud Code gets for
 * it, through the path a request takes: decode, {@link ThinkingReplay#safeFor} with the target's origin, then
 * {@link GeminiRequests#encode} for {@code gemini-3-flash} signed as {@code cloudcode/gemini}.
 */
class ThroughCloudCodeTest {
    static final GeminiTarget TARGET = new GeminiTarget("gemini-3-flash", "cloudcode/gemini");

    static Stream<Arguments> cases() {
        return Fixtures.cases("anthropic/cloudcode");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anthropicClientRequestReachesCloudCodeAsTheFixtureSays(String behaviour, JsonNode in, JsonNode expected) {
        assertThat(Fixtures.normalised(encoded(in))).isEqualTo(expected);
    }

    static JsonNode encoded(JsonNode in) {
        ChatRequest request = ThinkingReplay.safeFor(AnthropicRequests.decode(in), TARGET.origin());
        return GeminiRequests.encode(request, TARGET).body();
    }
}
