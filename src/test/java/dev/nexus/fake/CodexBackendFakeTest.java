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

/** The fake ChatGPT Codex backend: strict about auth, account header and body, Responses SSE, usage windows and limits. */
class CodexBackendFakeTest {
    private static final String BODY = "{\"model\":\"gpt-5-codex\",\"instructions\":\"\",\"input\":[{\"role\":\"user\","
            + "\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}],\"stream\":true,\"store\":false}";
    /** {@link #BODY} asking for the reasoning summary and the encrypted reasoning, as the Codex CLI and Nexus do. */
    private static final String THINKING_BODY = BODY.substring(0, BODY.length() - 1)
            + ",\"reasoning\":{\"effort\":\"medium\",\"summary\":\"auto\"},\"include\":[\"reasoning.encrypted_content\"]}";

    private final FakeOpenAi fake = FakeOpenAi.start();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FakeChatGptAccount coder = fake.addAccount("coder@example.com", "pro");

    @AfterEach
    void close() {
        client.close();
        fake.close();
    }

    private HttpResponse<String> post(String token, String accountId, String body) {
        return send(HttpRequest.newBuilder(URI.create(fake.codexBaseUrl() + "/responses"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)), token, accountId);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token, String accountId) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (accountId != null) {
            request.header("ChatGPT-Account-ID", accountId);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(String body) {
        return post(fake.issueAccessToken(coder.email()), coder.chatgptAccountId(), body);
    }

    /** Each event's {@code event:} name must equal its data's {@code type}; returns the data objects. */
    private static List<JsonNode> events(String raw) {
        List<JsonNode> events = new ArrayList<>();
        for (String block : raw.split("\n\n")) {
            String name = block.lines().filter(l -> l.startsWith("event: ")).findFirst().orElseThrow().substring(7);
            JsonNode data = Json.tryParse(block.lines().filter(l -> l.startsWith("data: ")).findFirst().orElseThrow().substring(6))
                    .orElseThrow();
            assertThat(data.get("type").asText()).isEqualTo(name);
            events.add(data);
        }
        return events;
    }

    @Test
    void replayedReasoningIsTakenOnlyWithEncryptedContentThisBackendIssued() {
        fake.script().enqueue(CodexReply.builder().reasoning("plan", "gAAAA-issued-1").functionCall("call_1", "ls", "{}").build());
        assertThat(post(THINKING_BODY).statusCode()).isEqualTo(200);
        String replay = "{\"model\":\"gpt-5-codex\",\"instructions\":\"\",\"stream\":true,\"store\":false,\"input\":["
                + "{\"type\":\"reasoning\",\"summary\":[],\"encrypted_content\":\"%s\"},"
                + "{\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":\"ls\",\"arguments\":\"{}\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"a.txt\"}]}";
        assertThat(post(replay.formatted("gAAAA-issued-1")).statusCode()).isEqualTo(200);

        HttpResponse<String> forged = post(replay.formatted("gAAAA-from-elsewhere"));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(Json.tryParse(forged.body()).orElseThrow().at("/error/code").asText()).isEqualTo("invalid_encrypted_content");
    }

    @Test
    void reasoningIsSummarisedAndHandedOverEncryptedOnlyWhenTheRequestAsks() {
        fake.script().enqueue(CodexReply.builder().reasoning("hidden").text("ok").build());
        List<JsonNode> events = events(post(BODY).body());
        assertThat(events).extracting(e -> e.get("type").asText()).doesNotContain("response.reasoning_summary_text.delta");
        JsonNode reasoning = events.get(events.size() - 1).at("/response/output/0");
        assertThat(reasoning.get("type").asText()).isEqualTo("reasoning");
        assertThat(reasoning.get("summary")).isEmpty();
        assertThat(reasoning.has("encrypted_content")).isFalse();
    }

    @Test
    void aScriptedReplyStreamsTheResponsesEventsWithUsageAndTheUsageHeaders() {
        fake.usedPercent(coder.email(), 42.5, 7);
        fake.script().enqueue(CodexReply.builder().reasoning("Thinking about it").text("Hel", "lo").usage(12, 4, 3, 1).build());

        HttpResponse<String> response = post(THINKING_BODY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        assertThat(response.headers().firstValue("x-codex-primary-used-percent")).contains("42.5");
        assertThat(response.headers().firstValue("x-codex-primary-window-minutes")).contains("300");
        assertThat(response.headers().firstValue("x-codex-secondary-used-percent")).contains("7.0");
        assertThat(response.headers().firstValue("x-codex-secondary-window-minutes")).contains("10080");
        assertThat(response.headers().firstValue("x-codex-primary-reset-at").map(Long::parseLong).orElseThrow())
                .isGreaterThan(System.currentTimeMillis() / 1000);
        List<JsonNode> events = events(response.body());
        assertThat(events).extracting(e -> e.get("sequence_number").asInt()).isSorted().doesNotHaveDuplicates();
        assertThat(events).extracting(e -> e.get("type").asText()).containsSubsequence("response.created",
                "response.in_progress", "response.output_item.added", "response.reasoning_summary_text.delta",
                "response.output_item.done", "response.output_item.added", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.done", "response.output_item.done", "response.completed");
        JsonNode completed = events.get(events.size() - 1).get("response");
        assertThat(completed.get("status").asText()).isEqualTo("completed");
        assertThat(completed.at("/output/1/content/0/text").asText()).isEqualTo("Hello");
        assertThat(completed.at("/output/0/encrypted_content").asText()).startsWith("gAAAA");
        assertThat(completed.at("/usage/input_tokens").asInt()).isEqualTo(12);
        assertThat(completed.at("/usage/input_tokens_details/cached_tokens").asInt()).isEqualTo(4);
        assertThat(completed.at("/usage/total_tokens").asInt()).isEqualTo(15);
        assertThat(fake.requests("/responses").get(0).json().get("model").asText()).isEqualTo("gpt-5-codex");
    }

    @Test
    void functionCallsStreamTheirArgumentsAndUnscriptedCallsGetTheDefaultText() {
        fake.script().enqueueForAccount(coder.email(), CodexReply.builder()
                .functionCall("call_1", "shell", "{\"command\":[\"ls\"]}").build());

        List<JsonNode> call = events(post(BODY).body());
        List<JsonNode> plain = events(post(BODY).body());

        assertThat(call).filteredOn(e -> e.get("type").asText().equals("response.function_call_arguments.delta"))
                .extracting(e -> e.get("delta").asText()).containsExactly("{\"command", "\":[\"ls\"]}");
        JsonNode item = call.get(call.size() - 1).at("/response/output/0");
        assertThat(item.get("type").asText()).isEqualTo("function_call");
        assertThat(item.get("call_id").asText()).isEqualTo("call_1");
        assertThat(item.get("arguments").asText()).isEqualTo("{\"command\":[\"ls\"]}");
        assertThat(plain.get(plain.size() - 1).at("/response/output/0/content/0/text").asText()).isEqualTo("Hello from fake Codex");
        assertThat(plain.get(plain.size() - 1).at("/response/usage/output_tokens").asInt()).isPositive();
    }

    @Test
    void missingUnknownAndExpiredTokensAre401() {
        String token = fake.issueAccessToken(coder.email());
        fake.expireAccessTokens(coder.email());

        HttpResponse<String> expired = post(token, coder.chatgptAccountId(), BODY);
        HttpResponse<String> unknown = post("eyJnope", coder.chatgptAccountId(), BODY);
        HttpResponse<String> missing = post(null, coder.chatgptAccountId(), BODY);

        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(Json.tryParse(expired.body()).orElseThrow().at("/error/code").asText()).isEqualTo("token_expired");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(post(BODY).statusCode()).as("a fresh token works").isEqualTo(200);
    }

    @Test
    void theAccountHeaderMustNameTheTokensAccount() {
        FakeChatGptAccount other = fake.addAccount("other@example.com", "plus");
        String token = fake.issueAccessToken(coder.email());

        assertThat(post(token, other.chatgptAccountId(), BODY).statusCode()).isEqualTo(403);
        assertThat(post(token, null, BODY).statusCode()).isEqualTo(403);
        assertThat(post(token, coder.chatgptAccountId(), BODY).statusCode()).isEqualTo(200);
    }

    @Test
    void theBackendRefusesWhatTheRealOneRefuses() {
        assertThat(post(BODY.replace("\"store\":false", "\"store\":true")).body()).contains("Store must be set to false");
        assertThat(post(BODY.replace(",\"store\":false", "")).body()).contains("Store must be set to false");
        assertThat(post(BODY.replace("\"stream\":true", "\"stream\":false")).body()).contains("Stream must be set to true");
        assertThat(post(BODY.replace("\"instructions\":\"\",", "")).body()).contains("Instructions are required");
        HttpResponse<String> unknownModel = post(BODY.replace("gpt-5-codex", "gemini-3-flash"));
        assertThat(unknownModel.statusCode()).isEqualTo(400);
        assertThat(unknownModel.body()).contains("The 'gemini-3-flash' model is not supported when using Codex with a ChatGPT account.");
        for (String param : List.of("\"max_output_tokens\":100", "\"temperature\":0.2", "\"top_p\":1", "\"metadata\":{}",
                "\"previous_response_id\":\"resp_1\"", "\"service_tier\":\"flex\"")) {
            HttpResponse<String> refused = post(BODY.replace("{\"model\"", "{" + param + ",\"model\""));
            assertThat(refused.statusCode()).as(param).isEqualTo(400);
            assertThat(Json.tryParse(refused.body()).orElseThrow().get("detail").asText()).as(param).contains("Unsupported");
        }
        assertThat(post(BODY.replace("{\"model\"", "{\"service_tier\":\"priority\",\"model\"")).statusCode()).isEqualTo(200);
        assertThat(fake.script().pending()).isZero();
    }

    @Test
    void aUsageLimitedAccountGets429WithResetsInSecondsUntilTheReset() {
        fake.limitUsage(coder.email(), Duration.ofMinutes(30));

        HttpResponse<String> limited = post(BODY);

        assertThat(limited.statusCode()).isEqualTo(429);
        JsonNode error = Json.tryParse(limited.body()).orElseThrow().get("error");
        assertThat(error.get("type").asText()).isEqualTo("usage_limit_reached");
        assertThat(error.get("plan_type").asText()).isEqualTo("pro");
        assertThat(error.get("resets_in_seconds").asLong()).isBetween(1790L, 1800L);
        assertThat(limited.headers().firstValue("x-codex-primary-used-percent")).contains("100.0");

        fake.advanceClock(Duration.ofMinutes(31));

        assertThat(post(BODY).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> usage(String token, String accountId) {
        return send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + CodexEndpoints.USAGE)).timeout(Duration.ofSeconds(10)).GET(),
                token, accountId);
    }

    @Test
    void theUsageEndpointAnswersTheWindowsOnlyForTheTokensOwnAccount() {
        fake.usedPercent(coder.email(), 42.5, 7);
        HttpResponse<String> ok = usage(fake.issueAccessToken(coder.email()), coder.chatgptAccountId());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode body = Json.tryParse(ok.body()).orElseThrow();
        assertThat(body.path("plan_type").asText()).isEqualTo("pro");
        assertThat(body.at("/rate_limit/primary_window/used_percent").asDouble()).isEqualTo(42.5);
        assertThat(body.at("/rate_limit/primary_window/limit_window_seconds").asLong()).isEqualTo(5 * 3600);
        assertThat(body.at("/rate_limit/secondary_window/used_percent").asDouble()).isEqualTo(7.0);
        assertThat(body.at("/rate_limit/secondary_window/reset_at").asLong()).isPositive();

        assertThat(usage(null, coder.chatgptAccountId()).statusCode()).isEqualTo(401);
        assertThat(usage("not-a-token", coder.chatgptAccountId()).statusCode()).isEqualTo(401);
        assertThat(usage(fake.issueAccessToken(coder.email()), null).statusCode()).isEqualTo(403);
        FakeChatGptAccount other = fake.addAccount("other@example.com", "plus");
        assertThat(usage(fake.issueAccessToken(coder.email()), other.chatgptAccountId()).statusCode()).isEqualTo(403);
    }
}
