package dev.nexus.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.nexus.fake.FakeAccount;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.fake.Reply;
import dev.nexus.testing.NexusHarness;
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

/** The official OpenAI Java SDK against the real server, which talks to the fake Cloud Code. */
class OpenAiChatE2ETest {
    private static final String KEY = "sk-e2e-test-key-0001";
    @TempDir
    Path dir;
    private FakeGoogle google;
    private NexusHarness nexus;
    private OpenAIClient openai;
    private FakeAccount alice;

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        alice = google.addAccount("alice@example.com", "proj-alice");
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", KEY)
                .usingGoogle(google);
        assertThat(nexus.cli("accounts", "import", "--refresh-token", alice.refreshToken()).code()).isZero();
        nexus.start();
        openai = OpenAIOkHttpClient.builder().baseUrl(nexus.baseUrl() + "/v1").apiKey(KEY).maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @AfterEach
    void stop() {
        openai.close();
        nexus.close();
        assertThat(google.awaitNoOpenStreams(Duration.ofSeconds(5))).as("no upstream stream left open").isTrue();
        google.close();
    }

    private static ChatCompletionCreateParams.Builder ask(String model, String text) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(text);
    }

    private RecordedRequest lastGenerate() {
        List<RecordedRequest> calls = new ArrayList<>(google.requests(":generateContent"));
        calls.addAll(google.requests(":streamGenerateContent"));
        return calls.stream().max(java.util.Comparator.comparingLong(r -> google.requests().indexOf(r))).orElseThrow();
    }

    @Test
    void aNonStreamingAnswerComesBackWithUsage() {
        google.script().enqueue(Reply.builder().text("Hello ", "from the fake").usage(12, 5, 0, 0).build());
        ChatCompletion completion = openai.chat().completions().create(ask("gemini-3-flash", "hi").build());
        assertThat(completion.choices().get(0).message().content()).contains("Hello from the fake");
        assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("stop");
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(12);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(5);

        JsonNode sent = lastGenerate().json();
        assertThat(sent.path("project").asText()).isEqualTo("proj-alice");
        assertThat(sent.path("model").asText()).isEqualTo("gemini-3-flash");
        assertThat(sent.at("/request/contents/0/parts/0/text").asText()).isEqualTo("hi");
    }

    @Test
    void aRoutedModelIsSentUnderItsTargetName() {
        openai.chat().completions().create(ask("gpt-4o", "hi").build());
        assertThat(lastGenerate().json().path("model").asText()).isEqualTo("gemini-3-flash");
    }

    @Test
    void aStreamArrivesAsDeltasAndEndsWithUsage() {
        google.script().enqueue(Reply.builder().text("Hel", "lo", " world").usage(9, 3, 0, 0).build());
        ChatCompletionCreateParams params = ask("gemini-3-flash", "hi")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(params)) {
            chunks = stream.stream().toList();
        }
        String text = chunks.stream().flatMap(c -> c.choices().stream()).map(c -> c.delta().content().orElse(""))
                .collect(Collectors.joining());
        assertThat(text).isEqualTo("Hello world");
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage().orElseThrow().totalTokens()).isEqualTo(12);
        assertThat(chunks.stream().flatMap(c -> c.choices().stream()).filter(c -> c.finishReason().isPresent())
                .map(c -> c.finishReason().get().asString())).containsExactly("stop");
    }

    @Test
    void aToolCallRoundTripReplaysTheSignatureAndTheFunctionName() {
        google.script().enqueue(Reply.builder().thought("thinking about weather")
                .functionCall("call-w1", "get_weather", Map.of("city", "Paris"), "sig-from-fake-1").build());
        ChatCompletionCreateParams first = ask("gemini-3-flash", "weather in Paris?")
                .addFunctionTool(weatherTool()).build();
        ChatCompletion answer = openai.chat().completions().create(first);
        assertThat(answer.choices().get(0).finishReason().asString()).isEqualTo("tool_calls");
        ChatCompletionMessageFunctionToolCall call = answer.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(NexusHarness.json(call.function().arguments()).path("city").asText()).isEqualTo("Paris");

        google.script().enqueue(Reply.text("It is 18C in Paris."));
        ChatCompletionCreateParams second = ask("gemini-3-flash", "weather in Paris?").addFunctionTool(weatherTool())
                .addMessage(answer.choices().get(0).message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("{\"temp\":\"18C\"}").build())
                .build();
        ChatCompletion done = openai.chat().completions().create(second);
        assertThat(done.choices().get(0).message().content()).hasValueSatisfying(t -> assertThat(t).contains("18C"));

        JsonNode contents = lastGenerate().json().at("/request/contents");
        JsonNode modelTurn = contents.get(1);
        assertThat(modelTurn.path("role").asText()).isEqualTo("model");
        JsonNode callPart = findPart(modelTurn, "functionCall");
        assertThat(callPart.path("thoughtSignature").asText()).isEqualTo("sig-from-fake-1");
        assertThat(callPart.at("/functionCall/name").asText()).isEqualTo("get_weather");
        JsonNode response = findPart(contents.get(2), "functionResponse").path("functionResponse");
        assertThat(response.path("name").asText()).isEqualTo("get_weather");
        assertThat(response.path("id").asText()).isEqualTo(call.id());
        assertThat(response.path("response").path("temp").asText()).isEqualTo("18C");
    }

    @Test
    void parallelToolCallsStreamWithTheirOwnIndexes() {
        google.script().enqueue(Reply.builder()
                .functionCall("c1", "get_weather", Map.of("city", "Paris"), "sig-p")
                .functionCall("c2", "get_weather", Map.of("city", "Rome"), null).build());
        ChatCompletionCreateParams params = ask("gemini-3-flash", "weather in Paris and Rome?").addFunctionTool(weatherTool()).build();
        List<ChatCompletionChunk.Choice.Delta.ToolCall> fragments = new ArrayList<>();
        String finish;
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(params)) {
            List<ChatCompletionChunk> chunks = stream.stream().toList();
            chunks.stream().flatMap(c -> c.choices().stream()).forEach(c -> c.delta().toolCalls().ifPresent(fragments::addAll));
            finish = chunks.stream().flatMap(c -> c.choices().stream()).flatMap(c -> c.finishReason().stream())
                    .map(r -> r.asString()).findFirst().orElse("");
        }
        assertThat(finish).isEqualTo("tool_calls");
        assertThat(fragments.stream().filter(f -> f.id().isPresent()).map(f -> f.index()).toList()).containsExactly(0L, 1L);
        assertThat(fragments.stream().filter(f -> f.id().isPresent()).map(f -> f.id().get()).toList()).containsExactly("c1", "c2");
        String romeArgs = fragments.stream().filter(f -> f.index() == 1).map(f -> f.function().flatMap(x -> x.arguments()).orElse(""))
                .collect(Collectors.joining());
        assertThat(NexusHarness.json(romeArgs).path("city").asText()).isEqualTo("Rome");
    }

    @Test
    void anImageReachesCloudCodeAsInlineData() {
        String png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("gemini-3-flash")
                .addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("what is this?").build()),
                        ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder().imageUrl(
                                ChatCompletionContentPartImage.ImageUrl.builder().url("data:image/png;base64," + png).build()).build())))
                .build();
        openai.chat().completions().create(params);
        JsonNode image = findPart(lastGenerate().json().at("/request/contents/0"), "inlineData").path("inlineData");
        assertThat(image.path("mimeType").asText()).isEqualTo("image/png");
        assertThat(image.path("data").asText()).isEqualTo(png);
    }

    @Test
    void aRateLimitBecomesRateLimitErrorWithRetryAfter() {
        google.script().enqueue(Reply.rateLimited(Duration.ofSeconds(37)));
        assertThatThrownBy(() -> openai.chat().completions().create(ask("gemini-3-flash", "hi").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("Retry-After")).containsExactly("37");
                    assertThat(e.type()).contains("rate_limit_error");
                    assertThat(e.getMessage()).contains("exhausted your capacity");
                });
    }

    @Test
    void aStreamCutMidwayGivesTheClientAnErrorNotAHang() {
        google.script().enqueue(Reply.builder().text("one ", "two ", "three ", "four").disconnectAfter(2).build());
        ChatCompletionCreateParams params = ask("gemini-3-flash", "count").build();
        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(params)) {
                stream.stream().forEach(c -> { });
            }
        }).isInstanceOf(com.openai.errors.OpenAIException.class).hasMessageContaining("stream");
    }

    @Test
    void aTokenExpiringWithinAMinuteIsRefreshedBeforeUse() {
        // Re-import while the fake hands out 30 s tokens: the stored token now expires inside Nexus's 60 s margin.
        google.accessTokenLifetime(Duration.ofSeconds(30));
        String before = NexusHarness.json(nexus.get("/api/accounts").body()).at("/accounts/0/token_expires_at").asText();
        assertThat(nexus.cli("accounts", "import", "--refresh-token", alice.refreshToken()).code()).isZero();
        NexusHarness.awaitTrue(Duration.ofSeconds(2), () -> !NexusHarness.json(nexus.get("/api/accounts").body())
                .at("/accounts/0/token_expires_at").asText().equals(before));
        // The model catalog is fetched with the account's token too; fetched first, only the chat's refresh is counted.
        assertThat(nexus.get("/v1/models", "Authorization", "Bearer " + KEY).statusCode()).isEqualTo(200);
        int refreshes = google.requests("/token").size();
        openai.chat().completions().create(ask("gemini-3-flash", "one").build());
        assertThat(google.requests("/token").size()).isEqualTo(refreshes + 1);
    }

    @Test
    void aRefusedTokenIsRefreshedAndTheRequestRetriedOnce() {
        openai.chat().completions().create(ask("gemini-3-flash", "warm up").build());
        google.expireAccessTokens("alice@example.com");
        int refreshes = google.requests("/token").size();
        ChatCompletion completion = openai.chat().completions().create(ask("gemini-3-flash", "again").build());
        assertThat(completion.choices().get(0).message().content()).isPresent();
        assertThat(google.requests("/token").size()).isEqualTo(refreshes + 1);
    }

    @Test
    void aRotatedRefreshTokenIsPersistedAndUsedAfterARestart() {
        google.rotateRefreshTokens(true);
        google.expireAccessTokens("alice@example.com");
        openai.chat().completions().create(ask("gemini-3-flash", "one").build());
        // The fake retired the old refresh token; only the persisted new one can refresh again, even after a restart.
        nexus.stop();
        nexus.start();
        openai.close();
        openai = OpenAIOkHttpClient.builder().baseUrl(nexus.baseUrl() + "/v1").apiKey(KEY).maxRetries(0).build();
        google.expireAccessTokens("alice@example.com");
        ChatCompletion after = openai.chat().completions().create(ask("gemini-3-flash", "two").build());
        assertThat(after.choices().get(0).message().content()).isPresent();
    }

    @Test
    void badInputGetsA400InOpenAisEnvelope() {
        var res = nexus.post("/v1/chat/completions", "{\"model\":\"gemini-3-flash\",\"messages\":\"hi\"}", "Authorization", "Bearer " + KEY);
        assertThat(res.statusCode()).isEqualTo(400);
        JsonNode error = NexusHarness.json(res.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).contains("messages");
        var notJson = nexus.post("/v1/chat/completions", "{nope", "Authorization", "Bearer " + KEY);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(NexusHarness.json(notJson.body()).path("error").path("message").asText()).contains("not valid JSON");
    }

    @Test
    void theModelListHasRoutedAndAvailableModels() {
        List<String> ids = openai.models().list().data().stream().map(m -> m.id()).toList();
        assertThat(ids).contains("gpt-4o", "gemini-3-flash");
    }

    @Test
    void anUnknownPinnedAccountIsABadRequestNamingTheHeaderNotABadKey() {
        var res = nexus.post("/v1/chat/completions", "{\"model\":\"gemini-3-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization", "Bearer " + KEY, "X-Nexus-Account", "nobody@example.com");
        assertThat(res.statusCode()).isEqualTo(400);
        JsonNode error = NexusHarness.json(res.body()).path("error");
        assertThat(error.path("message").asText()).contains("X-Nexus-Account", "nobody@example.com");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asText()).isNotEqualTo("invalid_api_key");
        assertThat(google.requests(":generateContent")).isEmpty();
    }

    @Test
    void theRouteHeaderNamesProviderModelAndAccount() {
        var res = nexus.post("/v1/chat/completions", "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization", "Bearer " + KEY);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("X-Nexus-Route").orElseThrow())
                .startsWith("resolved gpt-4o -> gemini-3-flash (route); google/gemini-3-flash@");
    }

    @Test
    void claudeAndGemini3ProAreAskedOnTheStreamingEndpointEvenForNonStreamClients() {
        google.script().enqueue(Reply.text("from ", "claude"));
        ChatCompletion completion = openai.chat().completions().create(ask("claude-sonnet-4-5", "hi").build());
        assertThat(completion.choices().get(0).message().content()).contains("from claude");
        RecordedRequest sent = lastGenerate();
        assertThat(sent.path()).endsWith(":streamGenerateContent");
        assertThat(sent.json().at("/request/systemInstruction/parts/0/text").asText()).startsWith("You are Antigravity");
    }

    @Test
    void aRevokedRefreshTokenPutsTheAccountIntoNeedsReloginAndSaysHowToFixIt() {
        google.revokeRefreshToken("alice@example.com");
        google.expireAccessTokens("alice@example.com");
        var res = nexus.post("/v1/chat/completions", "{\"model\":\"gemini-3-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization", "Bearer " + KEY);
        assertThat(res.statusCode()).isEqualTo(503);
        assertThat(NexusHarness.json(res.body()).path("error").path("message").asText()).contains("needs re-login", "nexus accounts");
        NexusHarness.awaitTrue(Duration.ofSeconds(2), () -> nexus.cli("accounts", "list", "--json").json().get(0)
                .path("state").asText().equals("needs_relogin"));
    }

    private static FunctionDefinition weatherTool() {
        return FunctionDefinition.builder().name("get_weather").description("Weather for a city")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .build())
                .build();
    }

    private static JsonNode findPart(JsonNode content, String field) {
        for (JsonNode part : content.path("parts")) {
            if (part.has(field)) {
                return part;
            }
        }
        throw new AssertionError("no " + field + " part in " + content);
    }
}
