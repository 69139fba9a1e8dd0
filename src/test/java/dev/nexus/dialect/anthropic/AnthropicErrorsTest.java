package dev.nexus.dialect.anthropic;

import dev.nexus.dialect.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.chat.UpstreamError;
import dev.nexus.chat.UpstreamError.Kind;
import org.junit.jupiter.api.Test;

class AnthropicErrorsTest {

    @Test
    void failuresAreTypedByTheirKindInAnthropicsEnvelope() {
        assertThat(AnthropicErrors.fromUpstream(UpstreamError.of(429, Kind.RATE_LIMITED, "slow down")))
                .hasToString("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}");
        assertThat(type(400, Kind.INVALID_REQUEST)).isEqualTo("invalid_request_error");
        assertThat(type(401, Kind.AUTHENTICATION)).isEqualTo("authentication_error");
        assertThat(type(403, Kind.PERMISSION)).isEqualTo("permission_error");
        assertThat(type(404, Kind.NOT_FOUND)).isEqualTo("not_found_error");
        assertThat(type(503, Kind.OVERLOADED)).isEqualTo("overloaded_error");
        assertThat(type(504, Kind.TIMEOUT)).isEqualTo("timeout_error");
        assertThat(type(502, Kind.UPSTREAM)).isEqualTo("api_error");
        assertThat(type(500, Kind.INTERNAL)).isEqualTo("api_error");
    }

    @Test
    void tooLargeAndOverloadedStatusesKeepTheirOwnTypes() {
        assertThat(type(413, Kind.INVALID_REQUEST)).isEqualTo("request_too_large");
        assertThat(type(529, Kind.UPSTREAM)).isEqualTo("overloaded_error");
    }

    @Test
    void billingIsItsOwnTypeAndAPermissionFailureOfTheKey() {
        assertThat(AnthropicErrors.body(402, "x").at("/error/type").asText()).isEqualTo("billing_error");
        assertThat(type(402, Kind.PERMISSION)).isEqualTo("billing_error");
        assertThat(AnthropicErrors.toUpstream(402, Fixtures.parse("{}")).kind()).isEqualTo(Kind.PERMISSION);
        assertThat(AnthropicErrors.toUpstream(0, Fixtures.parse("{\"error\":{\"type\":\"billing_error\"}}")).kind())
                .isEqualTo(Kind.PERMISSION);
    }

    @Test
    void anHttpErrorBodyIsTypedByItsStatus() {
        assertThat(AnthropicErrors.body(404, "no such model"))
                .hasToString("{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"no such model\"}}");
        assertThat(AnthropicErrors.body(529, "x").at("/error/type").asText()).isEqualTo("overloaded_error");
        assertThat(AnthropicErrors.body(500, "x").at("/error/type").asText()).isEqualTo("api_error");
        assertThat(AnthropicErrors.body(413, "x").at("/error/type").asText()).isEqualTo("request_too_large");
    }

    @Test
    void upstreamErrorsAreReadByStatusOrElseByTheirType() {
        var overloaded = AnthropicErrors.toUpstream(0, Fixtures.parse(
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        assertThat(overloaded).isEqualTo(UpstreamError.of(529, Kind.OVERLOADED, "Overloaded"));

        var tooLarge = AnthropicErrors.toUpstream(0, Fixtures.parse("{\"error\":{\"type\":\"request_too_large\",\"message\":\"big\"}}"));
        assertThat(tooLarge).isEqualTo(UpstreamError.of(413, Kind.INVALID_REQUEST, "big"));

        var byStatus = AnthropicErrors.toUpstream(401, Fixtures.parse("{\"error\":{\"type\":\"api_error\",\"message\":\"bad key\"}}"));
        assertThat(byStatus).isEqualTo(UpstreamError.of(401, Kind.AUTHENTICATION, "bad key"));

        var bare = AnthropicErrors.toUpstream(500, Fixtures.parse("{}"));
        assertThat(bare).isEqualTo(UpstreamError.of(500, Kind.UPSTREAM, "upstream error (HTTP 500)"));
    }

    private static String type(int status, Kind kind) {
        return AnthropicErrors.fromUpstream(UpstreamError.of(status, kind, "x")).at("/error/type").asText();
    }
}
