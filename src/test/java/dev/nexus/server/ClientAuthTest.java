package dev.nexus.server;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.testing.NexusHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client API-key auth on the proxy surfaces, through the real server and the real CLI. */
class ClientAuthTest {
    private static final String ENV_KEY = "sk-env-0123456789abcdef";
    @TempDir
    Path dir;
    private NexusHarness nexus;
    private String key;

    @BeforeEach
    void start() {
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", ENV_KEY).start();
        key = nexus.cli("keys", "create", "--name", "tests", "--json").json().path("key").asText();
        // The key was created by another "process" (its own connection pool): wait for the server to see it.
        NexusHarness.awaitTrue(Duration.ofSeconds(2), () -> nexus.get("/v1/models", "Authorization", "Bearer " + key).statusCode() != 401);
    }

    @AfterEach
    void stop() {
        nexus.close();
    }

    @Test
    void aRequestWithoutAKeyGets401InOpenAisEnvelope() {
        HttpResponse<String> res = nexus.post("/v1/chat/completions", "{}");
        assertThat(res.statusCode()).isEqualTo(401);
        JsonNode error = json(res.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("authentication_error");
        assertThat(error.path("code").asText()).isEqualTo("missing_api_key");
        assertThat(error.path("message").asText()).contains("Authorization: Bearer", "nexus keys create");
    }

    @Test
    void theProviderPassThroughNeedsAKeyToo() {
        for (String path : new String[] {"/openrouter/v1/chat/completions", "/no-such-provider/v1/models"}) {
            HttpResponse<String> res = nexus.post(path, "{}");
            assertThat(res.statusCode()).as(path).isEqualTo(401);
            JsonNode error = json(res.body()).path("error");
            assertThat(error.path("type").asText()).isEqualTo("authentication_error");
            assertThat(error.path("code").asText()).isEqualTo("missing_api_key");
        }
    }

    @Test
    void aRequestWithoutAKeyGets401InAnthropicsEnvelope() {
        for (String path : new String[] {"/anthropic/v1/messages", "/v1/messages"}) {
            HttpResponse<String> res = nexus.post(path, "{}");
            assertThat(res.statusCode()).isEqualTo(401);
            JsonNode body = json(res.body());
            assertThat(body.path("type").asText()).isEqualTo("error");
            assertThat(body.path("error").path("type").asText()).isEqualTo("authentication_error");
            assertThat(body.path("error").path("message").asText()).isNotBlank();
        }
    }

    @Test
    void aRequestWithoutAKeyGets401InGooglesEnvelope() {
        for (String path : new String[] {"/genai/v1beta/models/gemini-3-flash:generateContent", "/v1beta/models"}) {
            HttpResponse<String> res = nexus.post(path, "{}");
            assertThat(res.statusCode()).isEqualTo(401);
            JsonNode error = json(res.body()).path("error");
            assertThat(error.path("code").asInt()).isEqualTo(401);
            assertThat(error.path("status").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(error.path("message").asText()).isNotBlank();
        }
    }

    @Test
    void anAnthropicClientOnTheBareV1PathGetsAnthropicsEnvelope() {
        HttpResponse<String> res = nexus.get("/v1/models", "anthropic-version", "2023-06-01");
        assertThat(json(res.body()).path("type").asText()).isEqualTo("error");
    }

    @Test
    void aWrongKeyIsRejectedInEveryDialect() {
        assertThat(nexus.post("/v1/chat/completions", "{}", "Authorization", "Bearer sk-nx-wrong-key-000000000000").statusCode()).isEqualTo(401);
        HttpResponse<String> anthropic = nexus.post("/anthropic/v1/messages", "{}", "x-api-key", "sk-nx-wrong-key-000000000000");
        assertThat(anthropic.statusCode()).isEqualTo(401);
        assertThat(json(anthropic.body()).path("error").path("message").asText()).contains("invalid API key").doesNotContain("wrong-key-000000000000");
        HttpResponse<String> google = nexus.post("/genai/v1beta/models/x:generateContent", "{}", "x-goog-api-key", "AIza-wrong");
        assertThat(json(google.body()).path("error").path("status").asText()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void aCreatedKeyIsAcceptedThroughEachOfTheFourCarriers() {
        // Past auth, an unknown endpoint answers 404 in the path's dialect: proof that the key was accepted.
        assertAccepted(nexus.post("/v1/unknown", "{}", "Authorization", "Bearer " + key));
        assertAccepted(nexus.post("/anthropic/v1/unknown", "{}", "x-api-key", key));
        assertAccepted(nexus.post("/genai/v1beta/unknown", "{}", "x-goog-api-key", key));
        assertAccepted(nexus.post("/v1beta/unknown?key=" + key, "{}"));
    }

    @Test
    void theEnvironmentKeyIsAlwaysAccepted() {
        assertAccepted(nexus.post("/v1/unknown", "{}", "Authorization", "Bearer " + ENV_KEY));
        assertAccepted(nexus.post("/v1beta/unknown?key=" + ENV_KEY, "{}"));
    }

    @Test
    void aValidKeyInAnyCarrierWinsOverAnUnrelatedTokenInAnother() {
        assertAccepted(nexus.post("/genai/v1beta/unknown", "{}", "Authorization", "Bearer ya29.some-google-token", "x-goog-api-key", key));
    }

    @Test
    void aRevokedKeyIsRejectedWithinTwoSeconds() {
        String id = nexus.cli("keys", "list", "--json").json().get(0).path("id").asText();
        assertThat(nexus.cli("keys", "revoke", id).code()).isZero();
        Duration took = NexusHarness.awaitTrue(Duration.ofSeconds(2),
                () -> nexus.post("/v1/unknown", "{}", "Authorization", "Bearer " + key).statusCode() == 401);
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(nexus.cli("keys", "revoke", id).code()).isEqualTo(1);
    }

    @Test
    void lastUseOfAKeyIsRecorded() {
        nexus.post("/v1/unknown", "{}", "Authorization", "Bearer " + key);
        NexusHarness.awaitTrue(Duration.ofSeconds(5),
                () -> !nexus.cli("keys", "list", "--json").json().get(0).path("last_used_at").isNull());
    }

    @Test
    void unknownEndpointsAnswer404InTheirDialect() {
        JsonNode openai = json(nexus.post("/v1/nothing-here", "{}", "Authorization", "Bearer " + key).body());
        assertThat(openai.path("error").path("type").asText()).isEqualTo("not_found_error");
        JsonNode google = json(nexus.post("/v1beta/nothing-here", "{}", "Authorization", "Bearer " + key).body());
        assertThat(google.path("error").path("status").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void healthAndReadinessNeedNoKey() {
        assertThat(json(nexus.get("/healthz").body()).path("status").asText()).isEqualTo("ok");
        HttpResponse<String> ready = nexus.get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready.body()).path("database").asText()).isEqualTo("ok");
    }

    @Test
    void theRequestIdIsHonouredOrMadeAndAlwaysEchoed() {
        HttpResponse<String> given = nexus.get("/healthz", "X-Request-ID", "trace-42");
        assertThat(given.headers().firstValue("X-Request-ID")).contains("trace-42");
        HttpResponse<String> made = nexus.get("/healthz");
        assertThat(made.headers().firstValue("X-Request-ID")).hasValueSatisfying(v -> assertThat(v).startsWith("req_"));
        HttpResponse<String> insane = nexus.get("/healthz", "X-Request-ID", "a b\tc");
        assertThat(insane.headers().firstValue("X-Request-ID")).hasValueSatisfying(v -> assertThat(v).startsWith("req_"));
    }

    private static void assertAccepted(HttpResponse<String> res) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(404);
    }
}
