package dev.nexus.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.account.AccountState;
import dev.nexus.chat.UpstreamError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GoogleFailuresTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final GoogleFailures.Upstream CLOUD_CODE = new GoogleFailures.Upstream("Cloud Code", false, "");
    private static final GoogleFailures.Upstream GEMINI_API = new GoogleFailures.Upstream("Gemini API", true,
            " (check the keys in NEXUS_GEMINI_API_KEYS)");
    private final GoogleFailures failures = new GoogleFailures(new ObjectMapper(), Clock.fixed(NOW, ZoneOffset.UTC));

    private Outcome classify(int status, String body, Optional<String> retryAfter, String model) {
        return failures.classify(CLOUD_CODE, "", status, body, retryAfter, model);
    }

    private static String rateLimit(String details) {
        return "{\"error\":{\"code\":429,\"message\":\"You have exhausted your capacity on this model.\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":["
                + details + "]}}";
    }

    @Test
    void retryInfoGivesTheCooldown() {
        Outcome o = classify(429, rateLimit("{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"37s\"}"),
                Optional.empty(), "gemini-3-flash");
        assertThat(o).isInstanceOfSatisfying(Outcome.RateLimited.class, r -> {
            assertThat(r.until()).isEqualTo(NOW.plusSeconds(37));
            assertThat(r.error().status()).isEqualTo(429);
            assertThat(r.error().kind()).isEqualTo(UpstreamError.Kind.RATE_LIMITED);
            assertThat(r.error().retryAfter()).contains(Duration.ofSeconds(37));
            assertThat(r.error().message()).contains("exhausted your capacity", "gemini-3-flash");
        });
    }

    @Test
    void quotaResetDelayIsTheNextHint() {
        Outcome o = classify(429, rateLimit("{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"RATE_LIMIT_EXCEEDED\","
                + "\"metadata\":{\"quotaResetDelay\":\"539.4ms\"}}"), Optional.empty(), "m");
        assertThat(((Outcome.RateLimited) o).until()).isEqualTo(NOW.plusNanos(539_400_000));
    }

    @Test
    void theMessagesResetAfterIsUnderstood() {
        String body = "{\"error\":{\"code\":429,\"message\":\"Your quota will reset after 12s.\",\"status\":\"RESOURCE_EXHAUSTED\"}}";
        assertThat(((Outcome.RateLimited) classify(429, body, Optional.empty(), "m")).until()).isEqualTo(NOW.plusSeconds(12));
    }

    @Test
    void retryAfterHeaderIsTheLastHintAndADefaultCoversNone() {
        String body = "{\"error\":{\"code\":429,\"message\":\"slow down\",\"status\":\"RESOURCE_EXHAUSTED\"}}";
        assertThat(((Outcome.RateLimited) classify(429, body, Optional.of("20"), "m")).until()).isEqualTo(NOW.plusSeconds(20));
        assertThat(((Outcome.RateLimited) classify(429, body, Optional.empty(), "m")).until())
                .isEqualTo(NOW.plus(GoogleFailures.DEFAULT_REST));
    }

    @Test
    void anArrayWrappedErrorIsUnwrapped() {
        String body = "[{\"error\":{\"code\":429,\"message\":\"x\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"0.5s\"}]}}]";
        assertThat(((Outcome.RateLimited) classify(429, body, Optional.empty(), "m")).until()).isEqualTo(NOW.plusMillis(500));
    }

    @Test
    void validationRequiredTakesTheAccountOutWithTheLink() {
        String body = "{\"error\":{\"code\":403,\"message\":\"Verify your account\",\"status\":\"PERMISSION_DENIED\",\"details\":["
                + "{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"VALIDATION_REQUIRED\",\"domain\":\"cloudcode-pa.googleapis.com\","
                + "\"metadata\":{\"validation_link\":\"https://accounts.google.com/verify\"}}]}}";
        assertThat(classify(403, body, Optional.empty(), "m")).isInstanceOfSatisfying(Outcome.AccountUnusable.class, u -> {
            assertThat(u.state()).isEqualTo(AccountState.NEEDS_VERIFICATION);
            assertThat(u.reason()).contains("https://accounts.google.com/verify");
        });
    }

    @Test
    void termsOfServiceRefusalSuspendsTheAccount() {
        String body = "{\"error\":{\"code\":403,\"message\":\"This account violated the Terms of Service\",\"status\":\"PERMISSION_DENIED\"}}";
        assertThat(classify(403, body, Optional.empty(), "m")).isInstanceOfSatisfying(Outcome.AccountUnusable.class,
                u -> assertThat(u.state()).isEqualTo(AccountState.SUSPENDED));
    }

    @Test
    void otherStatusesMapToTheirOutcomes() {
        String body = "{\"error\":{\"code\":400,\"message\":\"Invalid JSON payload\",\"status\":\"INVALID_ARGUMENT\"}}";
        assertThat(classify(401, "{}", Optional.empty(), "m")).isInstanceOf(Outcome.AuthExpired.class);
        assertThat(classify(400, body, Optional.empty(), "m")).isInstanceOfSatisfying(Outcome.Fatal.class,
                f -> assertThat(f.error().message()).contains("Invalid JSON payload").contains("INVALID_ARGUMENT"));
        assertThat(classify(404, "{}", Optional.empty(), "nope")).isInstanceOfSatisfying(Outcome.Fatal.class,
                f -> assertThat(f.error().message()).contains("'nope'"));
        assertThat(classify(500, "oops", Optional.empty(), "m")).isInstanceOf(Outcome.Retryable.class);
        assertThat(classify(503, "{}", Optional.empty(), "m")).isInstanceOfSatisfying(Outcome.Retryable.class,
                r -> assertThat(r.error().kind()).isEqualTo(UpstreamError.Kind.OVERLOADED));
    }

    @Test
    void modelCapacityIsNotTheAccountsFault() {
        String body = rateLimit("{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"MODEL_CAPACITY_EXHAUSTED\"}");
        assertThat(classify(429, body, Optional.empty(), "m")).isInstanceOf(Outcome.Retryable.class);
    }

    @Test
    void aTimeoutIsRetryableOnAnotherCredentialForEveryGoogleUpstream() {
        for (int status : new int[] {408, 504}) {
            assertThat(classify(status, "{}", Optional.empty(), "m")).isInstanceOfSatisfying(Outcome.Retryable.class,
                    r -> assertThat(r.error().kind()).isEqualTo(UpstreamError.Kind.TIMEOUT));
            assertThat(failures.classify(GEMINI_API, "key1", status, "{}", Optional.empty(), "m"))
                    .isInstanceOfSatisfying(Outcome.Retryable.class, r -> assertThat(r.error().status()).isEqualTo(504));
        }
    }

    @Test
    void aRefusedKeyNamesItselfAndWhereTheKeysAreSetWhileA403AccountIsTriedElsewhere() {
        String invalid = "{\"error\":{\"code\":400,\"message\":\"API key not valid.\",\"status\":\"INVALID_ARGUMENT\",\"details\":["
                + "{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\"}]}}";
        assertThat(failures.classify(GEMINI_API, "key2", 400, invalid, Optional.empty(), "m"))
                .isInstanceOfSatisfying(Outcome.AuthExpired.class, a -> {
                    assertThat(a.error().status()).isEqualTo(401);
                    assertThat(a.error().message()).contains("key2 was refused", "NEXUS_GEMINI_API_KEYS");
                });
        assertThat(failures.classify(GEMINI_API, "key1", 403, "{}", Optional.empty(), "m")).isInstanceOf(Outcome.AuthExpired.class);
        assertThat(classify(403, "{}", Optional.empty(), "m")).isInstanceOf(Outcome.Retryable.class);
    }

    @Test
    void protoDurationsParse() {
        assertThat(GoogleRetryHints.protoDuration("56s")).contains(Duration.ofSeconds(56));
        assertThat(GoogleRetryHints.protoDuration("0.539477544s")).contains(Duration.ofNanos(539_477_544));
        assertThat(GoogleRetryHints.protoDuration("250ms")).contains(Duration.ofMillis(250));
        assertThat(GoogleRetryHints.protoDuration("soon")).isEmpty();
    }
}
