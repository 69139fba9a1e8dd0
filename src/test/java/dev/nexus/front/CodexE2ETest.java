package dev.nexus.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import dev.nexus.fake.CodexReply;
import dev.nexus.fake.FakeChatGptAccount;
import dev.nexus.fake.FakeOpenAi;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.testing.NexusHarness;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ChatGPT accounts serving requests through the Codex provider: the official OpenAI SDK against the real server,
 * which talks to the fake Codex backend with an account imported from a Codex CLI auth.json.
 */
class CodexE2ETest {
    private static final String KEY = "sk-codex-e2e-key-0001";
    private static final String MODEL = "gpt-5.2-codex";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private FakeOpenAi chatgpt;
    private NexusHarness nexus;
    private OpenAIClient openai;
    private FakeChatGptAccount coder;
    private Path authFile;

    @BeforeEach
    void start() throws IOException {
        chatgpt = FakeOpenAi.start();
        coder = chatgpt.addAccount("coder@example.com", "plus");
        // One clock for the fake and Nexus: a test moves both past a usage reset without sleeping.
        nexus = new NexusHarness(dir).clock(dev.nexus.testing.UtcClock.of(chatgpt.time())).env("NEXUS_API_KEY", KEY).env("NEXUS_OPENAI_TOKEN_URL", chatgpt.tokenUrl())
                .env("NEXUS_CODEX_BASE_URL", chatgpt.codexBaseUrl());
        // The Codex CLI's file, its access token already expired: the first request refreshes it.
        chatgpt.accessTokenLifetime(Duration.ofMinutes(-1));
        authFile = authFile("codex-home", coder, chatgpt.issueAccessToken(coder.email()));
        chatgpt.accessTokenLifetime(Duration.ofDays(10));
        NexusHarness.CliResult imported = nexus.cli("accounts", "import", "--file", authFile.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        nexus.start();
        openai = OpenAIOkHttpClient.builder().baseUrl(nexus.baseUrl() + "/v1").apiKey(KEY).maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @AfterEach
    void stop() {
        openai.close();
        nexus.close();
        assertThat(chatgpt.awaitNoOpenStreams(Duration.ofSeconds(5))).as("no upstream stream left open").isTrue();
        chatgpt.close();
    }

    private Path authFile(String home, FakeChatGptAccount account, String accessToken) throws IOException {
        Path file = dir.resolve(home + "/auth.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, chatgpt.codexAuthJson(account.email(), accessToken));
        return file;
    }

    private static ChatCompletionCreateParams.Builder ask(String text) {
        return ChatCompletionCreateParams.builder().model(MODEL).addUserMessage(text);
    }

    private List<RecordedRequest> codexCalls() {
        return chatgpt.requests("/codex/responses");
    }

    private RecordedRequest lastCodexCall() {
        List<RecordedRequest> calls = codexCalls();
        return calls.get(calls.size() - 1);
    }

    @Test
    void anExpiredImportServesAChatAfterOneRefreshWrittenBackToTheLinkedFile() throws IOException {
        ChatCompletion completion = openai.chat().completions().create(ask("hi").build());
        assertThat(completion.choices().get(0).message().content()).contains("Hello from fake Codex");
        assertThat(chatgpt.requests("/oauth/token")).hasSize(1);

        RecordedRequest sent = lastCodexCall();
        assertThat(sent.header("chatgpt-account-id")).isEqualTo(coder.chatgptAccountId());
        assertThat(sent.json().path("model").asText()).isEqualTo(MODEL);
        assertThat(sent.json().path("store").asBoolean(true)).isFalse();
        JsonNode written = JSON.readTree(authFile.toFile()).path("tokens");
        assertThat(written.path("refresh_token").asText()).isEqualTo(chatgpt.account(coder.email()).refreshToken())
                .isNotEqualTo(coder.refreshToken());
        assertThat(sent.header("authorization")).isEqualTo("Bearer " + written.path("access_token").asText());

        openai.chat().completions().create(ask("again").build());
        assertThat(chatgpt.requests("/oauth/token")).as("the refreshed token is kept").hasSize(1);
    }

    @Test
    void theRotatedTokenSurvivesARestartAndServesWithoutAnotherRefresh() throws IOException {
        openai.chat().completions().create(ask("hi").build());
        assertThat(chatgpt.requests("/oauth/token")).hasSize(1);
        String bearer = lastCodexCall().header("authorization");
        String rotated = chatgpt.account(coder.email()).refreshToken();

        nexus.stop();
        nexus.start();
        chat(MODEL, "after the restart");
        assertThat(chatgpt.requests("/oauth/token")).as("the stored token is still good: no second refresh").hasSize(1);
        assertThat(lastCodexCall().header("authorization")).as("the token the refresh stored").isEqualTo(bearer);
        JsonNode written = JSON.readTree(authFile.toFile()).path("tokens");
        assertThat(written.path("refresh_token").asText()).isEqualTo(rotated);
        assertThat("Bearer " + written.path("access_token").asText()).isEqualTo(bearer);
    }

    @Test
    void theWindowsAnAnswerStatesAreWhatCodexQuotaShowsWithoutAskingTheUsageEndpoint() {
        chatgpt.usedPercent(coder.email(), 42.5, 7);
        openai.chat().completions().create(ask("hi").build());
        JsonNode quota = NexusHarness.json(nexus.get("/v1/codex/quota", "Authorization", "Bearer " + KEY).body());
        JsonNode mine = quota.at("/accounts/0");
        assertThat(mine.at("/primary/used_percent").asDouble()).as(quota.toString()).isEqualTo(42.5);
        assertThat(mine.at("/secondary/used_percent").asDouble()).isEqualTo(7.0);
        assertThat(chatgpt.requests("/wham/usage")).as("the answer's x-codex-* headers were enough").isEmpty();
    }

    @Test
    void aTokenTheBackendRefusesIsRefreshedOnceAndTheCallRetried() {
        openai.chat().completions().create(ask("warm up").build());
        int refreshes = chatgpt.requests("/oauth/token").size();
        int calls = codexCalls().size();
        chatgpt.expireAccessTokens(coder.email());
        ChatCompletion completion = openai.chat().completions().create(ask("again").build());
        assertThat(completion.choices().get(0).message().content()).contains("Hello from fake Codex");
        assertThat(chatgpt.requests("/oauth/token")).hasSize(refreshes + 1);
        assertThat(codexCalls()).as("the refused call and its retry").hasSize(calls + 2);
    }

    @Test
    void aChatStreamEndsWithTheBackendsUsage() {
        chatgpt.script().enqueue(CodexReply.builder().text("Hel", "lo", " world").usage(9, 0, 3, 0).build());
        ChatCompletionCreateParams params = ask("hi")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(params)) {
            chunks = stream.stream().toList();
        }
        String text = chunks.stream().flatMap(c -> c.choices().stream()).map(c -> c.delta().content().orElse(""))
                .collect(Collectors.joining());
        assertThat(text).isEqualTo("Hello world");
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.usage().orElseThrow().promptTokens()).isEqualTo(9);
        assertThat(last.usage().orElseThrow().completionTokens()).isEqualTo(3);
    }

    @Test
    void aToolRoundTripSendsTheCallAndItsOutputBack() {
        chatgpt.script().enqueue(CodexReply.builder().functionCall("call_1", "get_weather", "{\"city\":\"Paris\"}").build());
        chatgpt.script().enqueue(CodexReply.text("It is ", "18C"));
        FunctionDefinition weather = FunctionDefinition.builder().name("get_weather").description("weather in a city")
                .parameters(FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .build()).build();
        ChatCompletionCreateParams first = ask("weather in Paris?").addFunctionTool(weather).build();
        ChatCompletion call = openai.chat().completions().create(first);
        assertThat(call.choices().get(0).finishReason().asString()).isEqualTo("tool_calls");
        ChatCompletionMessageToolCall toolCall = call.choices().get(0).message().toolCalls().orElseThrow().get(0);
        assertThat(toolCall.asFunction().function().name()).isEqualTo("get_weather");
        assertThat(lastCodexCall().json().at("/tools/0/name").asText()).isEqualTo("get_weather");

        ChatCompletion answer = openai.chat().completions().create(first.toBuilder()
                .addMessage(call.choices().get(0).message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(toolCall.asFunction().id())
                        .content("{\"temp\":\"18C\"}").build()).build());
        assertThat(answer.choices().get(0).message().content()).contains("It is 18C");
        JsonNode input = lastCodexCall().json().path("input");
        List<String> types = new ArrayList<>();
        input.forEach(item -> types.add(item.path("type").asText()));
        assertThat(types).contains("function_call", "function_call_output");
        JsonNode output = input.findParents("call_id").stream()
                .filter(i -> i.path("type").asText().equals("function_call_output")).findFirst().orElseThrow();
        assertThat(output.path("call_id").asText()).isEqualTo("call_1");
        assertThat(output.path("output").asText()).contains("18C");
    }

    @Test
    void responsesArePassedThroughCollectedOrStreamedWithTheFilteredParamsNamed() {
        chatgpt.script().enqueue(CodexReply.builder().reasoning("thinking it over").text("one ", "two").build());
        var raw = openai.responses().withRawResponse().create(ResponseCreateParams.builder().model(MODEL).input("count")
                .temperature(0.3).maxOutputTokens(100).build());
        assertThat(raw.headers().values("X-Nexus-Codex-Filtered-Params")).containsExactly("max_output_tokens,temperature");
        Response collected = raw.parse();
        assertThat(collected.output().stream().flatMap(o -> o.message().stream())
                .flatMap(m -> m.content().stream()).flatMap(c -> c.outputText().stream())
                .map(t -> t.text()).collect(Collectors.joining())).isEqualTo("one two");
        assertThat(collected.output().stream().anyMatch(o -> o.reasoning().isPresent()))
                .as("the backend's own items survive the pass-through").isTrue();
        JsonNode sent = lastCodexCall().json();
        assertThat(sent.has("temperature")).isFalse();
        assertThat(sent.has("max_output_tokens")).isFalse();
        assertThat(sent.path("stream").asBoolean()).isTrue();

        chatgpt.script().enqueue(CodexReply.text("three ", "four"));
        StringBuilder deltas = new StringBuilder();
        List<String> types = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = openai.responses().createStreaming(
                ResponseCreateParams.builder().model(MODEL).input("count on").previousResponseId(collected.id()).build())) {
            stream.stream().forEach(e -> {
                e.outputTextDelta().ifPresent(d -> deltas.append(d.delta()));
                e.completed().ifPresent(c -> types.add("completed"));
            });
        }
        assertThat(deltas.toString()).isEqualTo("three four");
        assertThat(types).containsExactly("completed");
        JsonNode chained = lastCodexCall().json();
        assertThat(chained.has("previous_response_id")).as("the chain is expanded, not sent").isFalse();
        assertThat(chained.path("input").toString()).contains("count", "one two", "count on");

        HttpResponse<String> streamed = nexus.post("/v1/responses", "{\"model\":\"" + MODEL
                + "\",\"input\":\"hi\",\"stream\":true,\"top_p\":0.5}", "Authorization", "Bearer " + KEY);
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.headers().firstValue("X-Nexus-Codex-Filtered-Params")).contains("top_p");
        assertThat(streamed.body()).contains("event: response.completed");
    }

    @Test
    void anthropicMessagesAreAnsweredByTheChatGptAccount() {
        chatgpt.script().enqueue(CodexReply.builder().text("Bonjour ", "from Codex").usage(11, 0, 4, 0).build());
        AnthropicClient claude = AnthropicOkHttpClient.builder().baseUrl(nexus.baseUrl() + "/anthropic").apiKey(KEY)
                .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
        try {
            Message message = claude.messages().create(MessageCreateParams.builder().model(MODEL).maxTokens(200)
                    .system("answer in French").addUserMessage("hello").build());
            assertThat(message.content().stream().flatMap(b -> b.text().stream()).map(t -> t.text())
                    .collect(Collectors.joining())).isEqualTo("Bonjour from Codex");
            assertThat(message.usage().inputTokens()).isEqualTo(11);
            assertThat(message.usage().outputTokens()).isEqualTo(4);
        } finally {
            claude.close();
        }
        JsonNode sent = lastCodexCall().json();
        assertThat(sent.path("instructions").asText()).isEqualTo("answer in French");
        assertThat(sent.has("max_output_tokens")).as("the backend refuses an output limit").isFalse();
    }

    @Test
    void aUsageLimitedAccountRestsUntilItsResetWhileTheSecondServes() throws IOException {
        FakeChatGptAccount second = chatgpt.addAccount("second@example.com", "pro");
        Path secondFile = authFile("codex-second", second, chatgpt.issueAccessToken(second.email()));
        assertThat(nexus.cli("accounts", "import", "--file", secondFile.toString()).code()).isZero();
        NexusHarness.awaitTrue(Duration.ofSeconds(3), () -> NexusHarness.json(nexus.get("/api/accounts").body())
                .path("accounts").size() == 2);
        openai.chat().completions().create(ask("warm up").build());
        chatgpt.limitUsage(coder.email(), Duration.ofMinutes(30));

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> res = nexus.post("/v1/chat/completions",
                    "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi " + i + "\"}]}",
                    "Authorization", "Bearer " + KEY);
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
            assertThat(lastCodexCall().header("chatgpt-account-id")).isEqualTo(second.chatgptAccountId());
            if (i == 0) {
                String route = res.headers().firstValue("X-Nexus-Route").orElseThrow();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "; codex/" + MODEL + "@(\\w+); tried codex/" + MODEL + "@(\\w+):429$").matcher(route);
                assertThat(m.find()).as("the limited account is named as tried: " + route).isTrue();
                assertThat(m.group(1)).as("served by the other account").isNotEqualTo(m.group(2));
            }
        }
        long onFirst = codexCalls().stream().filter(r -> coder.chatgptAccountId().equals(r.header("chatgpt-account-id")))
                .count();
        assertThat(onFirst).as("warm-up and the one limited call; not retried before its reset").isEqualTo(2);

        chatgpt.advanceClock(Duration.ofMinutes(20));
        assertThat(chat(MODEL, "still resting").headers().firstValue("X-Nexus-Route").orElseThrow())
                .as("20 minutes on, the reset is still 10 minutes away").doesNotContain("tried");
        assertThat(lastCodexCall().header("chatgpt-account-id")).isEqualTo(second.chatgptAccountId());
        assertThat(chat("gpt-5.2", "another model").headers().firstValue("X-Nexus-Route").orElseThrow())
                .as("the usage window is the account's, not one model's").doesNotContain("tried");
        assertThat(lastCodexCall().header("chatgpt-account-id")).isEqualTo(second.chatgptAccountId());

        chatgpt.advanceClock(Duration.ofMinutes(11));
        HttpResponse<String> afterReset = chat(MODEL, "after the reset");
        assertThat(lastCodexCall().header("chatgpt-account-id")).as("past its reset the first account serves again")
                .isEqualTo(coder.chatgptAccountId());
        assertThat(afterReset.headers().firstValue("X-Nexus-Route").orElseThrow()).doesNotContain("tried");
        assertThat(codexCalls().stream().filter(r -> coder.chatgptAccountId().equals(r.header("chatgpt-account-id"))))
                .hasSize(3);
    }

    private HttpResponse<String> chat(String model, String text) {
        HttpResponse<String> res = nexus.post("/v1/chat/completions",
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}",
                "Authorization", "Bearer " + KEY);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return res;
    }

    @Test
    void everyAccountLimitedIsA429WithRetryAfter() {
        chatgpt.limitUsage(coder.email(), Duration.ofMinutes(30));
        assertThatThrownBy(() -> openai.chat().completions().create(ask("hi").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    long seconds = Long.parseLong(e.headers().values("Retry-After").get(0));
                    assertThat(seconds).isBetween(1700L, 1800L);
                });
        HttpResponse<String> responses = nexus.post("/v1/responses", "{\"model\":\"" + MODEL + "\",\"input\":\"hi\"}",
                "Authorization", "Bearer " + KEY);
        assertThat(responses.statusCode()).isEqualTo(429);
        assertThat(responses.headers().firstValue("Retry-After")).isPresent();
        HttpResponse<String> streamed = nexus.post("/v1/responses", "{\"model\":\"" + MODEL
                + "\",\"input\":\"hi\",\"stream\":true}", "Authorization", "Bearer " + KEY);
        assertThat(streamed.statusCode()).as("nothing was streamed yet: a plain error").isEqualTo(429);
        assertThat(streamed.headers().firstValue("Retry-After")).isPresent();
        assertThat(NexusHarness.json(streamed.body()).path("error").path("type").asText()).isEqualTo("rate_limit_error");
        HttpResponse<String> anthropic = nexus.post("/v1/messages", "{\"model\":\"" + MODEL
                        + "\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key", KEY, "anthropic-version", "2023-06-01");
        assertThat(anthropic.statusCode()).as(anthropic.body()).isEqualTo(429);
        assertThat(anthropic.headers().firstValue("Retry-After")).isPresent();
        assertThat(NexusHarness.json(anthropic.body()).path("error").path("type").asText()).isEqualTo("rate_limit_error");
    }
}
