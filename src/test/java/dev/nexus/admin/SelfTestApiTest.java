package dev.nexus.admin;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.FakeGeminiApi;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.fake.Reply;
import dev.nexus.testing.NexusHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/test} through the real server: each probe is a real request that reaches the fake upstream, answers in the
 * Go original's JSON shape, is recorded in the monitor under the self-test key, and needs the admin password.
 */
class SelfTestApiTest {
    private static final String ADMIN = "Basic " + java.util.Base64.getEncoder().encodeToString("admin:pw-self-test".getBytes());
    private static final String GEMINI_KEY = "AIzaSySelfTest-aaaaaaaaaaaaaaaaaa1111";
    @TempDir
    Path dir;
    private FakeGoogle google;
    private FakeGeminiApi gemini;
    private NexusHarness nexus;

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        google.addAccount("alice@example.com", "proj-alice");
        gemini = FakeGeminiApi.start().acceptKey(GEMINI_KEY);
        nexus = new NexusHarness(dir).usingGoogle(google).env("NEXUS_ADMIN_PASSWORD", "pw-self-test")
                .env("NEXUS_GEMINI_API_KEYS", GEMINI_KEY).env("NEXUS_GEMINI_BASE_URL", gemini.baseUrl());
        assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account("alice@example.com").refreshToken()).code())
                .isZero();
        nexus.start();
    }

    @AfterEach
    void stop() {
        nexus.close();
        gemini.close();
        google.close();
    }

    private JsonNode test(String endpoint) {
        HttpResponse<String> res = nexus.get("/api/test?endpoint=" + endpoint, "Authorization", ADMIN);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return json(res.body());
    }

    @Test
    void eachAccountPoolSurfaceAnswersThroughTheFakeWithTheGoShape() {
        for (String endpoint : List.of("openai_chat", "openai_responses", "anthropic_messages", "genai_generate")) {
            google.script().enqueue(Reply.text("Hello from " + endpoint));
            JsonNode result = test(endpoint);
            assertThat(result.fieldNames()).toIterable().contains("endpoint", "path", "model", "provider", "mapped_model",
                    "status_code", "duration_ms", "success", "skipped", "reason", "snippet");
            assertThat(result.path("endpoint").asText()).isEqualTo(endpoint);
            assertThat(result.path("success").asBoolean()).as(result.toString()).isTrue();
            assertThat(result.path("skipped").asBoolean()).isFalse();
            assertThat(result.path("status_code").asInt()).isEqualTo(200);
            assertThat(result.path("provider").asText()).isEqualTo("google");
            assertThat(result.path("snippet").asText()).isEqualTo("Hello from " + endpoint);
            assertThat(result.path("reason").isNull()).isTrue();
            assertThat(result.path("mapped_model").asText()).isEqualTo(result.path("model").asText());
        }
        List<String> models = google.requests().stream().map(RecordedRequest::path).filter(p -> p.toLowerCase(java.util.Locale.ROOT).contains("generatecontent"))
                .toList();
        assertThat(models).hasSize(4);
    }

    @Test
    void theGeminiKeyProxyProbeUsesTheKeyAndVertexIsSkippedNamingTheVariable() {
        JsonNode gem = test("gemini_api_generate");
        assertThat(gem.path("success").asBoolean()).as(gem.toString()).isTrue();
        assertThat(gemini.requestsWithKey(GEMINI_KEY)).isNotEmpty();
        JsonNode vertex = test("vertex_generate");
        assertThat(vertex.path("skipped").asBoolean()).isTrue();
        assertThat(vertex.path("success").asBoolean()).isFalse();
        assertThat(vertex.path("status_code").asInt()).isEqualTo(200);
        assertThat(vertex.path("reason").asText()).startsWith("vertex_proxy_disabled").contains("NEXUS_VERTEX_API_KEY");
    }

    @Test
    void aFailingUpstreamIsAFailedResultWithTheStatusAndTheReason() {
        google.revokeRefreshToken("alice@example.com");
        google.expireAccessTokens("alice@example.com");
        JsonNode result = test("openai_chat");
        assertThat(result.path("success").asBoolean()).isFalse();
        assertThat(result.path("status_code").asInt()).isGreaterThanOrEqualTo(400);
        assertThat(result.path("reason").asText()).startsWith("HTTP " + result.path("status_code").asInt() + ": ")
                .contains("nexus accounts login");
    }

    @Test
    void probesAreRecordedInTheMonitorUnderTheSelfTestKey() {
        test("openai_chat");
        NexusHarness.awaitTrue(Duration.ofSeconds(10), () -> json(nexus.get("/api/monitor/requests?key=self-test",
                "Authorization", ADMIN).body()).path("records").size() == 1);
        JsonNode record = json(nexus.get("/api/monitor/requests?key=self-test", "Authorization", ADMIN).body()).at("/records/0");
        assertThat(record.path("path").asText()).isEqualTo("/v1/chat/completions");
        assertThat(record.path("key").asText()).isEqualTo("self-test");
    }

    @Test
    void unknownOrMissingEndpointsAre400ListingTheIdsAndTheApiNeedsTheAdminPassword() {
        HttpResponse<String> unknown = nexus.get("/api/test?endpoint=nope", "Authorization", ADMIN);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown.body()).at("/error/message").asText()).contains("unknown endpoint 'nope'")
                .contains("openai_chat, openai_responses, anthropic_messages, genai_generate, gemini_api_generate, vertex_generate");
        assertThat(nexus.get("/api/test", "Authorization", ADMIN).statusCode()).isEqualTo(400);
        assertThat(nexus.get("/api/test?endpoint=openai_chat").statusCode()).isEqualTo(401);
        JsonNode endpoints = json(nexus.get("/api/test/endpoints", "Authorization", ADMIN).body());
        assertThat(endpoints.path("count").asInt()).isEqualTo(6);
        assertThat(endpoints.at("/endpoints/5/enabled").asBoolean()).isFalse();
        assertThat(endpoints.at("/endpoints/4/enabled").asBoolean()).isTrue();
    }
}
