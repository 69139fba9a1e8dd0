package dev.nexus.dialect.openai;

import dev.nexus.dialect.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.chat.UpstreamError;
import dev.nexus.chat.UpstreamError.Kind;
import dev.nexus.dialect.DialectException;
import org.junit.jupiter.api.Test;

class OpenAiErrorsTest {

    @Test
    void failuresAreTypedByTheirKindWithAMachineReadableCode() {
        assertThat(OpenAiErrors.fromUpstream(UpstreamError.of(429, Kind.RATE_LIMITED, "slow down")))
                .hasToString("{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\",\"param\":null,"
                        + "\"code\":\"rate_limit_exceeded\"}}");
        assertThat(type(Kind.AUTHENTICATION)).isEqualTo("authentication_error");
        assertThat(type(Kind.PERMISSION)).isEqualTo("permission_error");
        assertThat(type(Kind.NOT_FOUND)).as("OpenAI's type for an unknown model").isEqualTo("invalid_request_error");
        assertThat(type(Kind.INVALID_REQUEST)).isEqualTo("invalid_request_error");
        assertThat(type(Kind.OVERLOADED)).isEqualTo("server_error");
        assertThat(type(Kind.TIMEOUT)).isEqualTo("server_error");
    }

    @Test
    void aRejectedRequestNamesTheOffendingFieldAsParam() {
        var body = OpenAiErrors.fromDialect(DialectException.invalid("messages[0].content", "got a number; send a string"));
        assertThat(body.at("/error/param").asText()).isEqualTo("messages[0].content");
        assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(body.at("/error/message").asText()).isEqualTo("messages[0].content: got a number; send a string");
    }

    @Test
    void anHttpErrorBodyIsTypedByItsStatus() {
        assertThat(OpenAiErrors.body(404, "no such model", "model_not_found"))
                .hasToString("{\"error\":{\"message\":\"no such model\",\"type\":\"not_found_error\",\"param\":null,"
                        + "\"code\":\"model_not_found\"}}");
    }

    @Test
    void upstreamErrorsAreReadByStatusOrElseByTheirType() {
        var quota = OpenAiErrors.toUpstream(429, Fixtures.parse("{\"error\":{\"message\":\"quota\",\"type\":\"insufficient_quota\"}}"));
        assertThat(quota).isEqualTo(UpstreamError.of(429, Kind.RATE_LIMITED, "quota"));

        var inStream = OpenAiErrors.toUpstream(0, Fixtures.parse("{\"error\":{\"message\":\"bad key\",\"type\":\"authentication_error\"}}"));
        assertThat(inStream).isEqualTo(UpstreamError.of(401, Kind.AUTHENTICATION, "bad key"));

        var bare = OpenAiErrors.toUpstream(503, Fixtures.parse("{}"));
        assertThat(bare).isEqualTo(UpstreamError.of(503, Kind.OVERLOADED, "upstream error (HTTP 503)"));
    }

    private static String type(Kind kind) {
        return OpenAiErrors.fromUpstream(UpstreamError.of(500, kind, "x")).at("/error/type").asText();
    }
}
