package dev.nexus.provider.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.account.AccountState;
import dev.nexus.chat.UpstreamError;
import dev.nexus.provider.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodexFailuresTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aUsageLimitCoolsTheAccountUntilItsReset() {
        Outcome outcome = CodexFailures.ofHttp(429, """
                {"error":{"type":"usage_limit_reached","message":"The usage limit has been reached","plan_type":"pro",
                 "resets_in_seconds":7200}}""", Optional.of("5"), NOW);
        assertThat(outcome).isInstanceOfSatisfying(Outcome.RateLimited.class, limited -> {
            assertThat(limited.until()).isEqualTo(NOW.plus(Duration.ofHours(2)));
            assertThat(limited.error().status()).isEqualTo(429);
            assertThat(limited.error().retryAfter()).contains(Duration.ofHours(2));
            assertThat(limited.everyModel()).as("a Codex window belongs to the account").isTrue();
        });
    }

    @Test
    void withoutABodyHintRetryAfterDecidesAndWithoutThatTheDefault() {
        assertThat(CodexFailures.ofHttp(429, "{\"detail\":\"Too many requests\"}", Optional.of("30"), NOW))
                .isInstanceOfSatisfying(Outcome.RateLimited.class, l -> assertThat(l.until()).isEqualTo(NOW.plusSeconds(30)));
        assertThat(CodexFailures.ofHttp(429, "", Optional.empty(), NOW))
                .isInstanceOfSatisfying(Outcome.RateLimited.class, l -> {
                    assertThat(l.until()).isEqualTo(NOW.plusSeconds(CodexFailures.DEFAULT_COOLDOWN_SECONDS));
                    assertThat(l.error().retryAfter()).contains(Duration.ofSeconds(60));
                });
    }

    @Test
    void aRefusedTokenAsksForARefresh() {
        assertThat(CodexFailures.ofHttp(401, "{\"detail\":\"Could not parse your authentication token.\"}", Optional.empty(), NOW))
                .isInstanceOfSatisfying(Outcome.AuthExpired.class,
                        e -> assertThat(e.error().kind()).isEqualTo(UpstreamError.Kind.AUTHENTICATION));
    }

    @Test
    void aPlanWithoutCodexMakesTheAccountUnusable() {
        assertThat(CodexFailures.ofHttp(403, "{\"error\":{\"type\":\"usage_not_included\",\"message\":\"no\"}}", Optional.empty(), NOW))
                .isInstanceOfSatisfying(Outcome.AccountUnusable.class, u -> {
                    assertThat(u.state()).isEqualTo(AccountState.SUSPENDED);
                    assertThat(u.reason()).contains("does not include Codex");
                });
    }

    @Test
    void badRequestsAreFatalAndServerTroubleRetryable() {
        assertThat(CodexFailures.ofHttp(400, "{\"detail\":\"Unsupported parameter: temperature\"}", Optional.empty(), NOW))
                .isInstanceOf(Outcome.Fatal.class);
        assertThat(CodexFailures.ofHttp(400, "{\"error\":{\"code\":\"context_length_exceeded\",\"message\":\"long\"}}",
                Optional.empty(), NOW)).isInstanceOf(Outcome.Fatal.class);
        assertThat(CodexFailures.ofHttp(404, "{\"detail\":\"Not Found\"}", Optional.empty(), NOW)).isInstanceOf(Outcome.Fatal.class);
        assertThat(CodexFailures.ofHttp(500, "oops", Optional.empty(), NOW)).isInstanceOf(Outcome.Retryable.class);
        assertThat(CodexFailures.ofHttp(503, "", Optional.empty(), NOW)).isInstanceOf(Outcome.Retryable.class);
        assertThat(CodexFailures.ofHttp(403, "<html>Just a moment...</html>", Optional.empty(), NOW))
                .isInstanceOf(Outcome.Retryable.class);
    }
}
