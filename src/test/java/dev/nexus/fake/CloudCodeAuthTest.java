package dev.nexus.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CloudCodeAuthTest {
    private final FakeGoogle fake = FakeGoogle.start();
    private final TestHttp http = new TestHttp();
    private final FakeAccount alice = fake.addAccount("alice@example.com", "alice-project");

    @AfterEach
    void close() {
        fake.close();
    }

    private String generateUrl() {
        return fake.cloudCodeBaseUrl() + ":generateContent";
    }

    @Test
    void missingBearerIsRejectedAsCredentialsMissing() {
        TestHttp.Response response = http.postJson(generateUrl(), null, TestHttp.envelope("alice-project", "gemini-3-flash", "hi"));

        assertThat(response.status()).isEqualTo(401);
        JsonNode error = response.json().get("error");
        assertThat(error.get("code").asInt()).isEqualTo(401);
        assertThat(error.get("status").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(error.get("message").asText()).isEqualTo("Request is missing required authentication credential."
                + " Expected OAuth 2 access token, login cookie or other valid authentication credential."
                + " See https://developers.google.com/identity/sign-in/web/devconsole-project.");
        JsonNode info = error.get("details").get(0);
        assertThat(info.get("@type").asText()).isEqualTo("type.googleapis.com/google.rpc.ErrorInfo");
        assertThat(info.get("reason").asText()).isEqualTo("CREDENTIALS_MISSING");
        assertThat(info.get("domain").asText()).isEqualTo("googleapis.com");
    }

    @Test
    void unknownTokenIsRejectedAsUnsupportedTokenType() {
        TestHttp.Response response = http.postJson(generateUrl(), "ya29.not-from-this-fake", TestHttp.envelope("alice-project", "gemini-3-flash", "hi"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().at("/error/message").asText()).startsWith("Request had invalid authentication credentials.");
        assertThat(response.json().at("/error/details/0/reason").asText()).isEqualTo("ACCESS_TOKEN_TYPE_UNSUPPORTED");
    }

    @Test
    void expiredTokenIsRejectedAsExpiredWhileAFreshOneWorks() {
        String old = fake.issueAccessToken(alice.email());
        fake.expireAccessTokens(alice.email());
        String fresh = fake.issueAccessToken(alice.email());

        TestHttp.Response rejected = http.postJson(generateUrl(), old, TestHttp.envelope("alice-project", "gemini-3-flash", "hi"));
        TestHttp.Response accepted = http.postJson(generateUrl(), fresh, TestHttp.envelope("alice-project", "gemini-3-flash", "hi"));

        assertThat(rejected.status()).isEqualTo(401);
        assertThat(rejected.json().at("/error/status").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(rejected.json().at("/error/details/0/reason").asText()).isEqualTo("ACCESS_TOKEN_EXPIRED");
        assertThat(accepted.status()).isEqualTo(200);
    }

    @Test
    void tokenExpiresOnceTheFakeClockPassesItsLifetime() {
        fake.accessTokenLifetime(Duration.ofSeconds(30));
        String token = fake.issueAccessToken(alice.email());
        String load = fake.cloudCodeBaseUrl() + ":loadCodeAssist";

        assertThat(http.postJson(load, token, "{}").status()).isEqualTo(200);
        fake.advanceClock(Duration.ofSeconds(31));
        assertThat(http.postJson(load, token, "{}").json().at("/error/details/0/reason").asText()).isEqualTo("ACCESS_TOKEN_EXPIRED");
    }

    @Test
    void anotherAccountsProjectIsPermissionDeniedNamingTheProject() {
        fake.addAccount("bob@example.com", "bob-project");
        String token = fake.issueAccessToken(alice.email());

        TestHttp.Response response = http.postJson(generateUrl(), token, TestHttp.envelope("bob-project", "gemini-3-flash", "hi"));

        assertThat(response.status()).isEqualTo(403);
        JsonNode error = response.json().get("error");
        assertThat(error.get("status").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(error.get("message").asText()).isEqualTo("Permission denied on resource project bob-project.");
        assertThat(error.at("/details/0/reason").asText()).isEqualTo("CONSUMER_INVALID");
        assertThat(error.at("/details/0/metadata/consumer").asText()).isEqualTo("projects/bob-project");
        assertThat(error.at("/details/0/metadata/service").asText()).isEqualTo("cloudaicompanion.googleapis.com");
    }

    @Test
    void generateWithoutProjectIsInvalidArgument() {
        String token = fake.issueAccessToken(alice.email());
        String body = "{\"model\":\"gemini-3-flash\",\"request\":{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}}";

        TestHttp.Response response = http.postJson(generateUrl(), token, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void bareGeminiBodyIsRejectedForItsUnknownField() {
        String token = fake.issueAccessToken(alice.email());

        TestHttp.Response response = http.postJson(generateUrl(), token, "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(response.json().at("/error/message").asText()).contains("Unknown name \"contents\"");
    }

    @Test
    void camelCaseAntigravityEnvelopeIsAcceptedLikeSnakeCase() {
        String token = fake.issueAccessToken(alice.email());
        String body = "{\"project\":\"alice-project\",\"model\":\"claude-sonnet-4-5\",\"userAgent\":\"antigravity\","
                + "\"requestType\":\"agent\",\"requestId\":\"agent-1\",\"request\":{\"sessionId\":\"-42\","
                + "\"contents\":[{\"role\":\"user\",\"parts\":[{\"inline_data\":{\"mime_type\":\"image/png\",\"data\":\"AAAA\"}}]}],"
                + "\"tools\":[{\"function_declarations\":[{\"name\":\"Read\",\"parameters\":{\"type\":\"object\"}}]}]}}";

        assertThat(http.postJson(generateUrl(), token, body).status()).isEqualTo(200);
    }

    @Test
    void suspendedAccountIsDeniedForTermsOfServiceOnEveryCall() {
        String token = fake.issueAccessToken(alice.email());
        fake.suspend(alice.email());

        TestHttp.Response generate = http.postJson(generateUrl(), token, TestHttp.envelope("alice-project", "gemini-3-flash", "hi"));
        TestHttp.Response load = http.postJson(fake.cloudCodeBaseUrl() + ":loadCodeAssist", token, "{}");

        for (TestHttp.Response response : new TestHttp.Response[] {generate, load}) {
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.json().at("/error/status").asText()).isEqualTo("PERMISSION_DENIED");
            assertThat(response.json().at("/error/message").asText()).contains("violation of Terms of Service");
            assertThat(response.json().at("/error/details/0/reason").asText()).isEqualTo("TOS_VIOLATION");
        }
        fake.reinstate(alice.email());
        assertThat(http.postJson(generateUrl(), token, TestHttp.envelope("alice-project", "gemini-3-flash", "hi")).status()).isEqualTo(200);
    }

    @Test
    void accountNeedingVerificationGetsValidationRequiredWithItsLink() {
        String token = fake.issueAccessToken(alice.email());
        fake.requireVerification(alice.email(), "https://accounts.example/verify?u=alice");

        TestHttp.Response response = http.postJson(generateUrl(), token, TestHttp.envelope("alice-project", "gemini-3-flash", "hi"));

        assertThat(response.status()).isEqualTo(403);
        JsonNode error = response.json().get("error");
        assertThat(error.get("status").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(error.at("/details/0/reason").asText()).isEqualTo("VALIDATION_REQUIRED");
        assertThat(error.at("/details/0/domain").asText()).isEqualTo("cloudcode-pa.googleapis.com");
        assertThat(error.at("/details/0/metadata/validation_link").asText()).isEqualTo("https://accounts.example/verify?u=alice");
        assertThat(error.at("/details/1/@type").asText()).isEqualTo("type.googleapis.com/google.rpc.Help");
        assertThat(error.at("/details/1/links/0/url").asText()).isEqualTo("https://accounts.example/verify?u=alice");
    }

    @Test
    void unknownMethodIsNotFoundAndTelemetryIsAnEmptyObject() {
        String token = fake.issueAccessToken(alice.email());

        TestHttp.Response unknown = http.postJson(fake.cloudCodeBaseUrl() + ":doSomethingElse", token, "{}");
        TestHttp.Response telemetry = http.postJson(fake.cloudCodeBaseUrl() + ":recordCodeAssistMetrics", token, "{\"metrics\":[]}");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().at("/error/status").asText()).isEqualTo("NOT_FOUND");
        assertThat(telemetry.status()).isEqualTo(200);
        assertThat(telemetry.json().isEmpty()).isTrue();
    }
}
