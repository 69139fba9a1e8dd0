package dev.nexus.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake Anthropic API refuses what Anthropic refuses and streams as Anthropic does, as the provider's tests rely on. */
class AnthropicApiFakeTest {
    private static final String KEY = "sk-ant-fake-test-key-0001";
    private static final String HI = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private final FakeAnthropic fake = FakeAnthropic.start().acceptKey(KEY);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void close() {
        assertThat(fake.awaitNoOpenStreams(Duration.ofSeconds(5))).isTrue();
        fake.close();
        http.close();
    }

    private HttpResponse<String> call(String key, String version, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v1/messages"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).header("content-type", "application/json");
        if (key != null) {
            request.header("x-api-key", key);
        }
        if (version != null) {
            request.header("anthropic-version", version);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> call(String body) {
        return call(KEY, "2023-06-01", body);
    }

    private static String errorType(HttpResponse<String> response) {
        return Json.tryParse(response.body()).orElseThrow().at("/error/type").asText();
    }

    @Test
    void aMissingOrUnknownKeyIsAnAuthenticationError() {
        assertThat(call(null, "2023-06-01", HI).statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = call("sk-ant-nobody", "2023-06-01", HI);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(errorType(unknown)).isEqualTo("authentication_error");
        assertThat(Json.tryParse(unknown.body()).orElseThrow().path("type").asText()).isEqualTo("error");
    }

    @Test
    void aMissingVersionMaxTokensOrModelIsAnInvalidRequestAndAnUnknownModelIsNotFound() {
        HttpResponse<String> noVersion = call(KEY, null, HI);
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(noVersion.body()).contains("anthropic-version");
        HttpResponse<String> noMax = call("{\"model\":\"claude-haiku-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(noMax.statusCode()).isEqualTo(400);
        assertThat(errorType(noMax)).isEqualTo("invalid_request_error");
        assertThat(noMax.body()).contains("max_tokens");
        HttpResponse<String> unknown = call(HI.replace("claude-haiku-4-5", "claude-nonexistent"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(errorType(unknown)).isEqualTo("not_found_error");
    }

    @Test
    void thinkingSignedByAnyoneElseAndToolResultsWithoutTheirCallAreRefused() {
        HttpResponse<String> foreign = call("{\"model\":\"claude-haiku-4-5\",\"max_tokens\":100,\"messages\":["
                + "{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\","
                + "\"thinking\":\"x\",\"signature\":\"nx1.cloudcode/gemini.abc\"}]},{\"role\":\"user\",\"content\":\"go\"}]}");
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.body()).contains("messages.1.content.0: Invalid `signature` in `thinking` block");
        HttpResponse<String> orphan = call("{\"model\":\"claude-haiku-4-5\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_x\",\"content\":\"r\"}]}]}");
        assertThat(orphan.statusCode()).isEqualTo(400);
        assertThat(orphan.body()).contains("tool_use_id");
        HttpResponse<String> smallBudget = call("{\"model\":\"claude-haiku-4-5\",\"max_tokens\":100,\"thinking\":{\"type\":\"enabled\","
                + "\"budget_tokens\":500},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(smallBudget.statusCode()).isEqualTo(400);
    }

    @Test
    void aRateLimitedKeyGets429WithRetryAfterAndAnOverloadIs529() {
        fake.rateLimit(KEY, Duration.ofSeconds(30));
        HttpResponse<String> limited = call(HI);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(errorType(limited)).isEqualTo("rate_limit_error");
        assertThat(Long.parseLong(limited.headers().firstValue("retry-after").orElseThrow())).isBetween(28L, 30L);
        fake.liftRateLimit(KEY);
        fake.overload(1);
        HttpResponse<String> overloaded = call(HI);
        assertThat(overloaded.statusCode()).isEqualTo(529);
        assertThat(errorType(overloaded)).isEqualTo("overloaded_error");
        assertThat(call(HI).statusCode()).isEqualTo(200);
        assertThat(fake.messageRequests()).hasSize(3);
        assertThat(fake.messageRequests().get(0).header("x-api-key")).isEqualTo(KEY);
    }

    @Test
    void aStreamIsNamedEventsInAnthropicsOrderWithASignatureTheFakeAcceptsBack() {
        fake.enqueue(AnthropicReply.builder().thinking("hmm").text("a", "b").toolUse("toolu_1", "f", "{\"x\":1}").build());
        HttpResponse<String> res = call(HI.replace("{\"model\"", "{\"stream\":true,\"model\""));
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<String> names = new ArrayList<>();
        List<JsonNode> data = new ArrayList<>();
        for (String block : res.body().split("\n\n")) {
            names.add(block.lines().filter(l -> l.startsWith("event: ")).findFirst().orElseThrow().substring(7));
            data.add(Json.tryParse(block.lines().filter(l -> l.startsWith("data: ")).findFirst().orElseThrow().substring(6)).orElseThrow());
        }
        assertThat(names).containsExactly("message_start", "ping",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        assertThat(data.get(3).at("/delta/type").asText()).isEqualTo("thinking_delta");
        String signature = data.get(4).at("/delta/signature").asText();
        assertThat(data.get(4).at("/delta/type").asText()).isEqualTo("signature_delta");
        assertThat(data.get(11).at("/delta/type").asText()).isEqualTo("input_json_delta");
        assertThat(data.get(11).at("/delta/partial_json").asText() + data.get(12).at("/delta/partial_json").asText())
                .isEqualTo("{\"x\":1}");
        assertThat(data.get(14).at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        assertThat(fake.issuedSignatures()).containsExactly(signature);
    }
}
