package dev.nexus.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.chat.UpstreamError;
import dev.nexus.chat.UpstreamError.Kind;
import dev.nexus.provider.Outcome;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnthropicFailuresTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final AnthropicUpstream UPSTREAM = new AnthropicUpstream("anthropic", "Anthropic API",
            URI.create("https://api.anthropic.com"), Map.of(), Duration.ofMinutes(5), "NEXUS_ANTHROPIC_API_KEYS",
            AnthropicUpstream.KeyHeader.X_API_KEY);
    private final AnthropicFailures failures = new AnthropicFailures(UPSTREAM, new ObjectMapper());

    private Outcome http(int status, String type, Optional<String> retryAfter) {
        return failures.ofHttp(status, "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"upstream says\"}}",
                retryAfter, "key2", "claude-haiku-4-5", NOW);
    }

    @Test
    void aRateLimitRestsTheKeyForTheModelUntilRetryAfter() {
        Outcome outcome = http(429, "rate_limit_error", Optional.of("17"));
        assertThat(outcome).isInstanceOfSatisfying(Outcome.RateLimited.class, r -> {
            assertThat(r.until()).isEqualTo(NOW.plusSeconds(17));
            assertThat(r.everyModel()).isFalse();
            assertThat(r.error().retryAfter()).contains(Duration.ofSeconds(17));
            assertThat(r.error().message()).contains("Anthropic API", "429", "claude-haiku-4-5", "key2");
        });
    }

    @Test
    void aRateLimitWithoutRetryAfterRestsAMinute() {
        assertThat(http(429, "rate_limit_error", Optional.empty())).isInstanceOfSatisfying(Outcome.RateLimited.class,
                r -> assertThat(r.until()).isEqualTo(NOW.plusSeconds(AnthropicFailures.DEFAULT_REST_SECONDS)));
    }

    @Test
    void aRefusedKeyIsUnusableAndNamedWithTheProviderAndItsVariableButTheClientSeesNoAuthenticationError() {
        for (int status : new int[] {401, 402, 403}) {
            assertThat(http(status, "authentication_error", Optional.empty())).as("HTTP " + status)
                    .isInstanceOfSatisfying(Outcome.AccountUnusable.class, u -> {
                        assertThat(u.error().status()).isEqualTo(502);
                        assertThat(u.error().kind()).isEqualTo(Kind.UPSTREAM);
                        assertThat(u.error().message()).contains("key2", "provider 'anthropic'", "NEXUS_ANTHROPIC_API_KEYS");
                    });
        }
    }

    @Test
    void anUnknownModelAndABadRequestAreFatal() {
        assertThat(http(404, "not_found_error", Optional.empty())).isInstanceOfSatisfying(Outcome.Fatal.class, f -> {
            assertThat(f.error().status()).isEqualTo(404);
            assertThat(f.error().message()).contains("claude-haiku-4-5", "model route");
        });
        assertThat(http(400, "invalid_request_error", Optional.empty())).isInstanceOfSatisfying(Outcome.Fatal.class,
                f -> assertThat(f.error().status()).isEqualTo(400));
        assertThat(http(413, "request_too_large", Optional.empty())).isInstanceOfSatisfying(Outcome.Fatal.class,
                f -> assertThat(f.error().status()).isEqualTo(413));
    }

    @Test
    void overloadTimeoutsAndServerErrorsMayBeTriedElsewhere() {
        assertThat(http(529, "overloaded_error", Optional.empty())).isInstanceOfSatisfying(Outcome.Retryable.class,
                r -> assertThat(r.error().kind()).isEqualTo(Kind.OVERLOADED));
        assertThat(http(504, "timeout_error", Optional.empty())).isInstanceOfSatisfying(Outcome.Retryable.class,
                r -> assertThat(r.error().kind()).isEqualTo(Kind.TIMEOUT));
        assertThat(failures.ofHttp(502, "<html>Bad Gateway</html>", Optional.empty(), "key1", "m", NOW))
                .isInstanceOfSatisfying(Outcome.Retryable.class, r -> assertThat(r.error().kind()).isEqualTo(Kind.UPSTREAM));
    }

    @Test
    void anInStreamErrorIsClassifiedByItsType() {
        assertThat(failures.of(UpstreamError.of(429, Kind.RATE_LIMITED, "slow"), Optional.empty(), "key1", "m", NOW))
                .isInstanceOf(Outcome.RateLimited.class);
        assertThat(failures.of(UpstreamError.of(529, Kind.OVERLOADED, "Overloaded"), Optional.empty(), "key1", "m", NOW))
                .isInstanceOf(Outcome.Retryable.class);
    }
}
