package dev.nexus.keylimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.testing.NexusHarness;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The three client dialects as raw HTTP, for the key-policy tests: one small chat request each, and the error
 * envelope each must answer in. Every dialect's model is routed to the same fake upstream model.
 */
enum PolicyClient {
    OPENAI("gpt-4o"),
    ANTHROPIC("claude-sonnet-4-5"),
    GOOGLE("gemini-2.5-flash");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String model;

    PolicyClient(String model) {
        this.model = model;
    }

    HttpResponse<String> ask(NexusHarness nexus, String key) {
        return nexus.send(request(nexus, key, false));
    }

    /** A streaming request, its body left open for the test to read or drop. */
    HttpResponse<InputStream> stream(NexusHarness nexus, String key) {
        try {
            return HTTP.send(request(nexus, key, true).build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(NexusHarness nexus, String key, boolean stream) {
        String base = nexus.baseUrl();
        return switch (this) {
            case OPENAI -> HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"stream\":" + stream
                            + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
            case ANTHROPIC -> HttpRequest.newBuilder(URI.create(base + "/anthropic/v1/messages"))
                    .header("x-api-key", key).header("anthropic-version", "2023-06-01").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"max_tokens\":64,\"stream\":" + stream
                            + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
            case GOOGLE -> HttpRequest.newBuilder(URI.create(base + "/genai/v1beta/models/" + model
                            + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent")))
                    .header("x-goog-api-key", key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}"));
        };
    }

    /** The error's message, after checking the answer has this dialect's envelope and {@code status}. */
    String error(HttpResponse<String> res, int status) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        JsonNode body = NexusHarness.json(res.body());
        switch (this) {
            case OPENAI -> assertThat(body.path("error").path("type").isTextual()).as(res.body()).isTrue();
            case ANTHROPIC -> {
                assertThat(body.path("type").asText()).as(res.body()).isEqualTo("error");
                assertThat(body.path("error").path("type").isTextual()).as(res.body()).isTrue();
            }
            case GOOGLE -> {
                assertThat(body.path("error").path("code").asInt()).as(res.body()).isEqualTo(status);
                assertThat(body.path("error").path("status").isTextual()).as(res.body()).isTrue();
            }
        }
        return body.path("error").path("message").asText();
    }
}
