package dev.nexus.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.dialect.DialectException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fixture tables for both directions. {@code encode/<case>/in.json} is {@code {"target":{model, origin},
 * "request": <CanonicalJson>}} and {@code out.json} the GenerateContentRequest. {@code decode/<case>/in.json} is
 * {@code {"model", "stream", "body": <GenAI request>}} and {@code out.json} the expected request in
 * {@link CanonicalJson}, or {@code {"error": "<message>"}}.
 */
class GeminiRequestsTest {
    static Stream<Arguments> encodeCases() {
        return Fixtures.cases("encode");
    }

    static Stream<Arguments> decodeCases() {
        return Fixtures.cases("decode");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodeCases")
    void encodesTheCanonicalRequestAsTheFixtureSays(String name, Path dir) {
        JsonNode in = Fixtures.read(dir.resolve("in.json"));
        GeminiTarget target = CanonicalJson.target(in.path("target"));
        JsonNode body = GeminiRequests.encode(CanonicalJson.request(in.path("request")), target).body();
        assertThat(Fixtures.pretty(body)).isEqualTo(Fixtures.pretty(Fixtures.read(dir.resolve("out.json"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decodeCases")
    void decodesTheGenAiRequestAsTheFixtureSays(String name, Path dir) {
        JsonNode in = Fixtures.read(dir.resolve("in.json"));
        JsonNode out = Fixtures.read(dir.resolve("out.json"));
        String model = in.path("model").asText();
        boolean stream = in.path("stream").asBoolean();
        if (out.has("error")) {
            assertThatThrownBy(() -> GeminiRequests.decode(in.path("body"), model, stream))
                    .isInstanceOfSatisfying(DialectException.class, e -> assertThat(e.status()).isEqualTo(400))
                    .hasMessage(out.get("error").asText());
            return;
        }
        ChatRequest decoded = GeminiRequests.decode(in.path("body"), model, stream);
        assertThat(decoded).isEqualTo(CanonicalJson.request(out));
    }
}
