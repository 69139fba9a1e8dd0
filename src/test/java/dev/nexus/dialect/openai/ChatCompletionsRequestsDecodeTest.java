package dev.nexus.dialect.openai;

import dev.nexus.dialect.CanonicalJson;
import dev.nexus.dialect.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.dialect.DialectException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * decode/&lt;case&gt;: in.json is a client body; out.json the canonical request ({@link CanonicalJson}) or, for a
 * rejected body, {@code {"error": {"status", "param", "message"}}}.
 */
class ChatCompletionsRequestsDecodeTest {

    static Stream<Arguments> cases() {
        return Fixtures.cases("openai/decode");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void clientBodyDecodesToTheCanonicalRequestOrAUsefulError(String behaviour, JsonNode in, JsonNode expected) {
        assertThat(Fixtures.normalised(decoded(in))).isEqualTo(expected);
    }

    private static JsonNode decoded(JsonNode in) {
        try {
            return CanonicalJson.request(ChatCompletionsRequests.decode(in));
        } catch (DialectException e) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.putObject("error").put("status", e.status()).put("param", e.param()).put("message", e.getMessage());
            return out;
        }
    }
}
