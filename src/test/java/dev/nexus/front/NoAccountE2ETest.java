package dev.nexus.front;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.testing.NexusHarness;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh install with a client key and no Google account: every dialect answers 503 with an error type that says the
 * service is unavailable, never an authentication type (which sends users hunting for a key problem), and names the
 * fix. Claude Code's connectivity probes answer without credentials even when an admin password is set.
 */
class NoAccountE2ETest {
    private static final String KEY = "sk-no-account-e2e-0001";
    private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
    @TempDir
    Path dir;
    private FakeGoogle google;
    private NexusHarness nexus;

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", KEY).env("NEXUS_ADMIN_PASSWORD", "admin-secret-1")
                .usingGoogle(google).start();
    }

    @AfterEach
    void stop() {
        nexus.close();
        google.close();
    }

    @Test
    void openAiChatIsA503ServerErrorNamingTheFix() {
        HttpResponse<String> res = nexus.post("/v1/chat/completions", "{\"model\":\"gemini-3-flash\"," + MESSAGES + "}",
                "Authorization", "Bearer " + KEY);
        JsonNode error = json(res.body()).path("error");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(503);
        assertThat(error.path("type").asText()).isEqualTo("server_error");
        assertThat(error.path("code").asText()).isNotEqualTo("invalid_api_key");
        assertThat(error.path("message").asText()).contains("nexus accounts login");
    }

    @Test
    void aStreamedChatGetsTheSame503BeforeAnyEvent() {
        HttpResponse<String> res = nexus.post("/v1/chat/completions", "{\"model\":\"gemini-3-flash\",\"stream\":true,"
                + MESSAGES + "}", "Authorization", "Bearer " + KEY);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(503);
        assertThat(json(res.body()).at("/error/type").asText()).isEqualTo("server_error");
    }

    @Test
    void openAiResponsesIsA503ServerError() {
        HttpResponse<String> res = nexus.post("/v1/responses", "{\"model\":\"gemini-3-flash\",\"input\":\"hi\"}",
                "Authorization", "Bearer " + KEY);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(503);
        assertThat(json(res.body()).at("/error/type").asText()).isEqualTo("server_error");
    }

    @Test
    void anthropicIsA503OverloadedOrApiErrorNeverAuthentication() {
        HttpResponse<String> res = nexus.post("/v1/messages", "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10," + MESSAGES
                + "}", "x-api-key", KEY, "anthropic-version", "2023-06-01");
        JsonNode body = json(res.body());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(503);
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.at("/error/type").asText()).isIn("overloaded_error", "api_error");
        assertThat(body.at("/error/message").asText()).contains("nexus accounts login");
    }

    @Test
    void genAiIsA503Unavailable() {
        HttpResponse<String> res = nexus.post("/genai/v1beta/models/gemini-3-flash:generateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}", "x-goog-api-key", KEY);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(503);
        assertThat(json(res.body()).at("/error/status").asText()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void claudeCodesProbesAnswerWithoutCredentialsWhileTheAdminApiStillNeedsThem() {
        assertThat(nexus.send(nexus.request("/api/hello").method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode())
                .isEqualTo(200);
        assertThat(nexus.send(nexus.request("/").method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode())
                .isEqualTo(200);
        assertThat(nexus.get("/api/accounts").statusCode()).isEqualTo(401);
        assertThat(nexus.get("/api/hello").statusCode()).as("only HEAD is a probe").isEqualTo(401);
    }
}
