package dev.nexus.server;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.testing.NexusHarness;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BodyLimitTest {
    @TempDir
    Path dir;
    private NexusHarness nexus;

    @BeforeEach
    void start() {
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", "sk-test-key-123456").env("NEXUS_MAX_BODY_BYTES", "1024").start();
    }

    @AfterEach
    void stop() {
        nexus.close();
    }

    @Test
    void aDeclaredOversizeBodyGets413InThePathsDialect() {
        String big = "x".repeat(2048);
        HttpResponse<String> openai = nexus.post("/v1/chat/completions", big, "Authorization", "Bearer sk-test-key-123456");
        assertThat(openai.statusCode()).isEqualTo(413);
        assertThat(json(openai.body()).path("error").path("message").asText()).contains("NEXUS_MAX_BODY_BYTES");
        HttpResponse<String> anthropic = nexus.post("/anthropic/v1/messages", big, "x-api-key", "sk-test-key-123456");
        assertThat(anthropic.statusCode()).isEqualTo(413);
        assertThat(json(anthropic.body()).path("error").path("type").asText()).isEqualTo("request_too_large");
        HttpResponse<String> google = nexus.post("/genai/v1beta/models/m:generateContent", big, "x-goog-api-key", "sk-test-key-123456");
        assertThat(json(google.body()).path("error").path("code").asInt()).isEqualTo(413);
    }

    @Test
    void aBodyWithinTheLimitPasses() {
        HttpResponse<String> res = nexus.post("/v1/unknown", "x".repeat(512), "Authorization", "Bearer sk-test-key-123456");
        assertThat(res.statusCode()).isEqualTo(404);
    }

    @Test
    void aChunkedBodyIsNotRejectedBeforeItIsRead() {
        // Without Content-Length the limit applies while reading; an endpoint that does not read stays unaffected.
        HttpRequest.Builder req = nexus.request("/v1/unknown")
                .header("Authorization", "Bearer sk-test-key-123456")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[512])));
        assertThat(nexus.send(req).statusCode()).isEqualTo(404);
    }
}
