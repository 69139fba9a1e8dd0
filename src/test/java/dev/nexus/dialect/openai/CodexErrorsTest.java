package dev.nexus.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.chat.UpstreamError.Kind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CodexErrorsTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aUsageLimitIsARateLimitWithItsResetAndPlan() {
        CodexError error = CodexErrors.fromHttp(429, """
                {"error":{"type":"usage_limit_reached","message":"The usage limit has been reached","plan_type":"plus",
                 "resets_at":1767229200,"resets_in_seconds":3600}}""", NOW);
        assertThat(error.code()).isEqualTo("usage_limit_reached");
        assertThat(error.usageLimitReached()).isTrue();
        assertThat(error.error().status()).isEqualTo(429);
        assertThat(error.error().kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(error.error().retryAfter()).contains(Duration.ofHours(1));
        assertThat(error.error().message()).isEqualTo("Codex answered HTTP 429 (usage_limit_reached): The usage limit has "
                + "been reached (the ChatGPT account (plan plus) has used up its Codex usage window; it resets in 3600 s)");
    }

    @Test
    void aResetTimeWithoutSecondsIsCountedFromNow() {
        CodexError error = CodexErrors.fromHttp(429, """
                {"error":{"type":"usage_limit_reached","message":"limit","resets_at":1767225900}}""", NOW);
        assertThat(error.error().retryAfter()).contains(Duration.ofSeconds(300));
        CodexError past = CodexErrors.fromHttp(429, """
                {"error":{"type":"usage_limit_reached","resets_at":1}}""", NOW);
        assertThat(past.error().retryAfter()).contains(Duration.ZERO);
    }

    @Test
    void aTryAgainHintIsTheWaitRoundedUpToSeconds() {
        assertThat(CodexErrors.fromHttp(429, """
                {"error":{"code":"rate_limit_exceeded","message":"Please try again in 1.898s."}}""", NOW)
                .error().retryAfter()).contains(Duration.ofSeconds(2));
        assertThat(CodexErrors.fromHttp(429, """
                {"error":{"code":"rate_limit_exceeded","message":"try again in 250ms"}}""", NOW)
                .error().retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(CodexErrors.fromHttp(429, "{\"detail\":\"Too many requests\"}", NOW).error().retryAfter()).isEmpty();
    }

    @Test
    void fastApiDetailIsTheMessageAndTheStatusDecidesAnUnknownReason() {
        CodexError error = CodexErrors.fromHttp(400, "{\"detail\":\"Store must be set to false\"}", NOW);
        assertThat(error.code()).isEmpty();
        assertThat(error.error().status()).isEqualTo(400);
        assertThat(error.error().kind()).isEqualTo(Kind.INVALID_REQUEST);
        assertThat(error.error().message()).isEqualTo("Codex answered HTTP 400: Store must be set to false");
        assertThat(CodexErrors.fromHttp(401, "{\"detail\":\"Unauthorized\"}", NOW).error().kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(CodexErrors.fromHttp(404, "{\"detail\":\"Model not found\"}", NOW).error().kind()).isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void theReasonDecidesBeforeTheStatus() {
        assertThat(CodexErrors.fromHttp(400, """
                {"error":{"message":"The encrypted content gAAA...Rg== could not be verified.","type":"invalid_request_error",
                 "param":null,"code":"invalid_encrypted_content"}}""", NOW).code()).isEqualTo("invalid_encrypted_content");
        CodexError plan = CodexErrors.fromHttp(400, """
                {"error":{"type":"usage_not_included","message":"Your plan does not include Codex","plan_type":"free"}}""", NOW);
        assertThat(plan.error().kind()).isEqualTo(Kind.PERMISSION);
        assertThat(plan.error().status()).isEqualTo(403);
        assertThat(plan.error().message()).contains("plan free of this account does not include Codex");
        CodexError overloaded = CodexErrors.fromHttp(500, "{\"error\":{\"code\":\"server_is_overloaded\",\"message\":\"busy\"}}", NOW);
        assertThat(overloaded.error().kind()).isEqualTo(Kind.OVERLOADED);
        assertThat(overloaded.error().status()).isEqualTo(503);
        assertThat(CodexErrors.fromHttp(400, "{\"error\":{\"code\":\"context_length_exceeded\",\"message\":\"too long\"}}", NOW)
                .error().kind()).isEqualTo(Kind.INVALID_REQUEST);
        assertThat(CodexErrors.fromHttp(429, "{\"error\":{\"code\":\"insufficient_quota\",\"message\":\"no credits\"}}", NOW)
                .error().kind()).isEqualTo(Kind.RATE_LIMITED);
    }

    @Test
    void aBodyThatIsNotJsonIsKeptShortAndA5xxIsABadGateway() {
        CodexError error = CodexErrors.fromHttp(502, "<html>" + "x".repeat(1000) + "</html>", NOW);
        assertThat(error.error().status()).isEqualTo(502);
        assertThat(error.error().kind()).isEqualTo(Kind.UPSTREAM);
        assertThat(error.error().message()).startsWith("Codex answered HTTP 502: <html>xxx").endsWith("…").hasSizeLessThan(560);
        assertThat(CodexErrors.fromHttp(503, "", NOW).error().message()).isEqualTo("Codex answered HTTP 503");
        assertThat(CodexErrors.fromHttp(503, "", NOW).error().kind()).isEqualTo(Kind.OVERLOADED);
    }
}
