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
 * responses/decode/&lt;case&gt;: in.json is a Responses API client body; out.json the canonical request
 * ({@link CanonicalJson}) or, for a rejected body, {@code {"error": {"status", "param", "message"}}}.
 */
class ResponsesRequestsDecodeTest {

    static Stream<Arguments> cases() {
        return Fixtures.cases("openai/responses/decode");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void clientBodyDecodesToTheCanonicalRequestOrAUsefulError(String behaviour, JsonNode in, JsonNode expected) {
        assertThat(Fixtures.normalised(decoded(in))).isEqualTo(expected);
    }

    static JsonNode decoded(JsonNode in) {
        try {
            return CanonicalJson.request(ResponsesRequests.decode(in));
        } catch (DialectException e) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.putObject("error").put("status", e.status()).put("param", e.param()).put("message", e.getMessage());
            return out;
        }
    }
}
