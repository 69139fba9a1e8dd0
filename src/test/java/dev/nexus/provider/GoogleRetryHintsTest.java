package dev.nexus.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GoogleRetryHintsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Optional<Duration> delay(String body, String retryAfter) {
        return GoogleRetryHints.delay(GoogleStatus.parse(JSON, 429, body), Optional.ofNullable(retryAfter), NOW);
    }

    @Test
    void theGeminiApisQuotaAnswerGivesItsRetryInfo() {
        String body = """
                {"error":{"code":429,"message":"You exceeded your current quota. Please retry in 7.2s.","status":"RESOURCE_EXHAUSTED",
                 "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerMinutePerProjectPerModel"}]},
                            {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"7s"}]}}""";
        assertThat(delay(body, "30")).contains(Duration.ofSeconds(7));
    }

    @Test
    void theMessageIsReadWhenNoDetailSaysIt() {
        assertThat(delay("{\"error\":{\"code\":429,\"message\":\"Please retry in 250ms.\"}}", null)).contains(Duration.ofMillis(250));
        assertThat(delay("[{\"error\":{\"code\":429,\"message\":\"quota will reset after 3s.\"}}]", null)).contains(Duration.ofSeconds(3));
    }

    @Test
    void retryAfterCountsSecondsOrAnHttpDateAndNothingElse() {
        String bare = "{\"error\":{\"code\":429,\"message\":\"slow down\"}}";
        assertThat(delay(bare, "12")).contains(Duration.ofSeconds(12));
        assertThat(delay(bare, "Thu, 26 Nov 2026 12:00:40 GMT")).contains(Duration.ofSeconds(40));
        assertThat(delay(bare, "Thu, 26 Nov 2026 11:00:00 GMT")).isEmpty();
        assertThat(delay(bare, "soon")).isEmpty();
        assertThat(delay("not json at all", null)).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonKeepsItsTextAsTheMessage() {
        GoogleStatus status = GoogleStatus.parse(JSON, 502, "  <html>Bad gateway</html> ");
        assertThat(status.message()).isEqualTo("<html>Bad gateway</html>");
        assertThat(status.status()).isEmpty();
    }
}
