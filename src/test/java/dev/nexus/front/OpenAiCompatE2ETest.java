package dev.nexus.front;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.nexus.fake.CompatReply;
import dev.nexus.fake.FakeOpenAiCompat;
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
 * An OpenAI-compatible catalog provider (issue 16): a catalog file naming {@code acme}, its keys in
 * {@code NEXUS_ACME_API_KEY}, routes to it, and the official OpenAI and Anthropic SDKs answered by the fake upstream —
 * OpenAI chat by the fast path (the client's body with only the model changed), Anthropic through the canonical model.
 */
class OpenAiCompatE2ETest {
    private static final String CLIENT_KEY = "sk-nexus-compat-client-0001";
    private static final String KEY_ONE = "sk-acme-key-one-111111";
    private static final String KEY_TWO = "sk-acme-key-two-222222";
    private static final String GPT_TARGET = "acme/gpt-4o-mini";
    private static final String CLAUDE_TARGET = "anthropic/claude-sonnet-4.5";
    @TempDir
    Path dir;
    private FakeOpenAiCompat acme;
    private NexusHarness nexus;
    private OpenAIClient openai;
    private AnthropicClient anthropic;

    @BeforeEach
    void start() throws IOException {
        acme = FakeOpenAiCompat.start().acceptKey(KEY_ONE).acceptKey(KEY_TWO).addModel(GPT_TARGET).addModel(CLAUDE_TARGET);
        Path catalog = dir.resolve("catalog.yaml");
        Files.writeString(catalog, """
                providers:
                  - id: acme
                    base_url: %s
                    capabilities: [openai.chat]
                    static_headers: {X-Title: nexus-test}
                  - id: Not An Id
                    base_url: https://example.com/v1
                """.formatted(acme.baseUrl()));
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", CLIENT_KEY)
                .env("NEXUS_OPENAI_COMPAT_PROVIDERS_FILE", catalog.toString())
                .env("NEXUS_ACME_API_KEY", KEY_ONE + ", " + KEY_TWO)
                .env("NEXUS_ACME_STATIC_HEADERS", "{\"HTTP-Referer\":\"https://nexus.test\"}")
                .start();
        nexus.route("gpt-4o", "acme", GPT_TARGET);
        nexus.route("claude-sonnet-4-5", "acme", CLAUDE_TARGET);
        openai = OpenAIOkHttpClient.builder().baseUrl(nexus.baseUrl() + "/v1").apiKey(CLIENT_KEY).maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
        anthropic = AnthropicOkHttpClient.builder().baseUrl(nexus.baseUrl() + "/anthropic").apiKey(CLIENT_KEY).maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @AfterEach
    void stop() {
        openai.close();
        anthropic.close();
        nexus.close();
        assertThat(acme.awaitNoOpenStreams(Duration.ofSeconds(5))).isTrue();
        acme.close();
    }

    private static ChatCompletionCreateParams.Builder ask(String model, String text) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(text);
    }

    private static MessageCreateParams.Builder askClaude(String text) {
        return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(256).addUserMessage(text);
    }

    private RecordedRequest lastChat() {
        List<RecordedRequest> chats = acme.chats();
        return chats.get(chats.size() - 1);
    }

    // --- OpenAI SDK ------------------------------------------------------------------------------------

    @Test
    void anOpenAiClientIsAnsweredWithTheServersKeyAndStaticHeadersAndNeverItsOwnKey() {
        ChatCompletion answer = openai.chat().completions().create(ask("gpt-4o", "hi").build());
        assertThat(answer.choices().get(0).message().content()).hasValue("Hello from " + GPT_TARGET);
        assertThat(answer.usage().orElseThrow().promptTokens()).isEqualTo(9);
        RecordedRequest sent = lastChat();
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("authorization")).isEqualTo("Bearer " + KEY_ONE);
        assertThat(sent.header("x-title")).as("static header from the file").isEqualTo("nexus-test");
        assertThat(sent.header("http-referer")).as("static header from NEXUS_ACME_STATIC_HEADERS").isEqualTo("https://nexus.test");
        assertThat(sent.json().path("model").asText()).isEqualTo(GPT_TARGET);
        assertThat(sent.headers().toString()).doesNotContain(CLIENT_KEY);
        assertThat(sent.body()).doesNotContain(CLIENT_KEY);
    }

    @Test
    void theFastPathForwardsTheClientsBodyWithOnlyTheModelChanged() {
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"name\":\"ann\"}],"
                + "\"provider\":{\"order\":[\"deepinfra\"],\"allow_fallbacks\":false},\"transforms\":[\"middle-out\"],"
                + "\"x_vendor_knob\":{\"a\":[1,2.5,null,true]},\"temperature\":0.3}";
        HttpResponse<String> res = nexus.post("/v1/chat/completions", body, "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        ObjectNode expected = (ObjectNode) json(body);
        expected.put("model", GPT_TARGET);
        assertThat(lastChat().json()).as("unknown fields untouched, nothing added").isEqualTo(expected);
        JsonNode answer = json(res.body());
        assertThat(answer.path("model").asText()).as("the upstream's answer as it is").isEqualTo(GPT_TARGET);
        assertThat(answer.path("choices").get(0).path("logprobs").isNull()).isTrue();
        assertThat(res.headers().firstValue("X-Nexus-Route").orElse("")).contains("acme/" + GPT_TARGET + "@key1");
    }

    @Test
    void aStreamWithUsageIsRelayedChunkByChunk() {
        acme.enqueue(CompatReply.builder().text("one ", "two ", "three").usage(11, 3).build());
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(ask("gpt-4o", "count")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            chunks = stream.stream().toList();
        }
        String text = chunks.stream().flatMap(c -> c.choices().stream()).flatMap(c -> c.delta().content().stream())
                .collect(Collectors.joining());
        assertThat(text).isEqualTo("one two three");
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.usage().orElseThrow().promptTokens()).isEqualTo(11);
        assertThat(last.usage().orElseThrow().completionTokens()).isEqualTo(3);
        JsonNode sent = lastChat().json();
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.at("/stream_options/include_usage").asBoolean()).isTrue();
        NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> {
            JsonNode records = json(nexus.get("/api/monitor/requests").body()).path("records");
            return records.size() == 1 && records.get(0).path("input_tokens").asLong() == 11
                    && records.get(0).path("output_tokens").asLong() == 3 && records.get(0).path("provider").asText().equals("acme");
        });
    }

    @Test
    void anOpenAiToolRoundTripReachesTheUpstreamAsTheClientWroteIt() {
        acme.enqueue(CompatReply.builder().toolCall("call_w1", "get_weather", "{\"city\":\"Paris\"}").build());
        ChatCompletion answer = openai.chat().completions().create(ask("gpt-4o", "weather in Paris?").addFunctionTool(weatherTool()).build());
        assertThat(answer.choices().get(0).finishReason().asString()).isEqualTo("tool_calls");
        ChatCompletionMessageFunctionToolCall call = answer.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(call.id()).isEqualTo("call_w1");
        assertThat(json(call.function().arguments()).path("city").asText()).isEqualTo("Paris");

        ChatCompletion done = openai.chat().completions().create(ask("gpt-4o", "weather in Paris?").addFunctionTool(weatherTool())
                .addMessage(answer.choices().get(0).message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("{\"temp\":\"18C\"}").build())
                .build());
        assertThat(done.choices().get(0).message().content()).hasValueSatisfying(t -> assertThat(t).contains("18C"));
        JsonNode messages = lastChat().json().path("messages");
        assertThat(messages.get(1).at("/tool_calls/0/id").asText()).isEqualTo("call_w1");
        assertThat(messages.get(2).path("tool_call_id").asText()).isEqualTo("call_w1");
    }

    @Test
    void theUpstreamsOwnRefusalsReachTheClientInOpenAisEnvelope() {
        HttpResponse<String> bad = nexus.post("/v1/chat/completions",
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":7}",
                "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad.body()).at("/error/message").asText()).contains("acme").contains("temperature");

        nexus.route("gpt-4o", "acme", "acme/no-such-model");
        HttpResponse<String> missing = nexus.post("/v1/chat/completions",
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing.body()).at("/error/code").asText()).isEqualTo("model_not_found");
        assertThat(json(missing.body()).at("/error/message").asText()).contains("acme/no-such-model");
    }

    @Test
    void aStreamThatBreaksAfterContentEndsWithOneErrorChunkAndDone() {
        acme.enqueue(CompatReply.builder().text("partial").breakMidStream("the upstream fell over").build());
        HttpResponse<String> res = nexus.post("/v1/chat/completions",
                "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(res.statusCode()).isEqualTo(200);
        List<String> data = res.body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertThat(data).hasSize(4);
        assertThat(json(data.get(0)).at("/choices/0/delta/role").asText()).as("the upstream's chunks, relayed").isEqualTo("assistant");
        assertThat(json(data.get(1)).at("/choices/0/delta/content").asText()).isEqualTo("partial");
        assertThat(json(data.get(2)).at("/error/message").asText()).contains("the upstream fell over");
        assertThat(data.get(3)).isEqualTo("[DONE]");
    }

    @Test
    void aStreamThatFailsBeforeAnyContentFailsOverInEitherDialect() {
        acme.enqueue(CompatReply.builder().breakMidStream("overloaded, try later").build());
        HttpResponse<String> res = nexus.post("/v1/chat/completions",
                "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(res.body()).contains("Hello from").doesNotContain("overloaded");
        assertThat(res.headers().firstValue("X-Nexus-Route").orElse("")).contains("@key2").contains("@key1:502");

        acme.enqueue(CompatReply.builder().breakMidStream("overloaded, try later").build());
        HttpResponse<String> claude = nexus.post("/anthropic/v1/messages",
                "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":50,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key", CLIENT_KEY, "anthropic-version", "2023-06-01");
        assertThat(claude.statusCode()).isEqualTo(200);
        assertThat(claude.body()).contains("Hello from").doesNotContain("overloaded");
    }

    @Test
    void anUpstreamThatIgnoresStreamStillStreamsToTheClientInEitherDialect() {
        acme.ignoreStream();
        acme.enqueue(CompatReply.text("all ", "at once"));
        String text;
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(ask("gpt-4o", "hi").build())) {
            text = stream.stream().flatMap(c -> c.choices().stream()).flatMap(c -> c.delta().content().stream())
                    .collect(Collectors.joining());
        }
        assertThat(text).isEqualTo("all at once");
        acme.enqueue(CompatReply.text("all ", "at once"));
        String claude;
        try (com.anthropic.core.http.StreamResponse<RawMessageStreamEvent> stream =
                anthropic.messages().createStreaming(askClaude("hi").build())) {
            claude = stream.stream().flatMap(e -> e.contentBlockDelta().stream())
                    .flatMap(d -> d.delta().text().stream()).map(t -> t.text()).collect(Collectors.joining());
        }
        assertThat(claude).isEqualTo("all at once");
    }

    @Test
    void aStreamedRequestFailsOverToTheNextKeyBeforeItsFirstByte() {
        acme.rateLimit(KEY_ONE, Duration.ofSeconds(30));
        acme.enqueue(CompatReply.text("still ", "here"));
        String text;
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(ask("gpt-4o", "hi").build())) {
            text = stream.stream().flatMap(c -> c.choices().stream()).flatMap(c -> c.delta().content().stream())
                    .collect(Collectors.joining());
        }
        assertThat(text).isEqualTo("still here");
        assertThat(lastChat().header("authorization")).isEqualTo("Bearer " + KEY_TWO);
    }

    @Test
    void aResponsesClientIsAnsweredThroughTheCanonicalModel() {
        HttpResponse<String> res = nexus.post("/v1/responses", "{\"model\":\"gpt-4o\",\"input\":\"hi\",\"store\":false}",
                "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(json(res.body()).at("/output/0/content/0/text").asText()).isEqualTo("Hello from " + GPT_TARGET);
        assertThat(lastChat().json().at("/messages/0/content").asText()).isEqualTo("hi");
    }

    // --- Anthropic SDK ---------------------------------------------------------------------------------

    @Test
    void anAnthropicClientIsAnsweredThroughTheCanonicalModel() {
        Message answer = anthropic.messages().create(askClaude("hi").system("Be brief.").build());
        assertThat(text(answer)).isEqualTo("Hello from " + CLAUDE_TARGET);
        assertThat(answer.usage().inputTokens()).isEqualTo(9);
        assertThat(answer.stopReason()).hasValueSatisfying(r -> assertThat(r.asString()).isEqualTo("end_turn"));
        JsonNode sent = lastChat().json();
        assertThat(sent.path("model").asText()).isEqualTo(CLAUDE_TARGET);
        assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(sent.at("/messages/1/role").asText()).isEqualTo("user");
        assertThat(lastChat().header("authorization")).isEqualTo("Bearer " + KEY_ONE);
        assertThat(lastChat().headers().toString()).doesNotContain(CLIENT_KEY);
    }

    @Test
    void anAnthropicStreamDeliversTextDeltasAndUsage() {
        acme.enqueue(CompatReply.builder().text("one ", "two ", "three").usage(13, 4).build());
        List<RawMessageStreamEvent> events;
        try (com.anthropic.core.http.StreamResponse<RawMessageStreamEvent> stream =
                anthropic.messages().createStreaming(askClaude("count").build())) {
            events = stream.stream().toList();
        }
        String text = events.stream().flatMap(e -> e.contentBlockDelta().stream())
                .flatMap(d -> d.delta().text().stream()).map(t -> t.text()).collect(Collectors.joining());
        assertThat(text).isEqualTo("one two three");
        long output = events.stream().flatMap(e -> e.messageDelta().stream()).mapToLong(d -> d.usage().outputTokens()).max().orElse(0);
        assertThat(output).isEqualTo(4);
        assertThat(lastChat().json().at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Test
    void anAnthropicToolRoundTripBecomesToolCallsAndAToolMessageUpstream() {
        acme.enqueue(CompatReply.builder().text("Let me look.").toolCall("call_r1", "read_file", "{\"path\":\"/tmp/a.txt\"}").build());
        Message answer = anthropic.messages().create(askClaude("what is in /tmp/a.txt?").addTool(readTool()).build());
        assertThat(answer.stopReason()).hasValueSatisfying(r -> assertThat(r.asString()).isEqualTo("tool_use"));
        ContentBlock call = answer.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow();
        assertThat(call.asToolUse().name()).isEqualTo("read_file");
        assertThat(call.asToolUse().id()).isEqualTo("call_r1");
        JsonNode tools = lastChat().json().path("tools");
        assertThat(tools.get(0).at("/function/name").asText()).isEqualTo("read_file");

        Message done = anthropic.messages().create(askClaude("what is in /tmp/a.txt?").addTool(readTool())
                .addMessage(answer)
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder().toolUseId(call.asToolUse().id()).content("hello").build())))
                .build());
        assertThat(text(done)).isEqualTo("The tool answered: hello");
        JsonNode messages = lastChat().json().path("messages");
        JsonNode assistant = messages.get(1);
        assertThat(assistant.path("role").asText()).isEqualTo("assistant");
        assertThat(assistant.at("/tool_calls/0/id").asText()).isEqualTo("call_r1");
        assertThat(assistant.at("/tool_calls/0/function/name").asText()).isEqualTo("read_file");
        assertThat(messages.get(2).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(2).path("tool_call_id").asText()).isEqualTo("call_r1");
    }

    @Test
    void anAnthropicStreamThatBreaksEndsWithAnErrorEvent() {
        acme.enqueue(CompatReply.builder().text("partial").breakMidStream("the upstream fell over").build());
        HttpResponse<String> res = nexus.post("/anthropic/v1/messages",
                "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":50,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key", CLIENT_KEY, "anthropic-version", "2023-06-01");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("event: message_start").contains("partial").contains("event: error")
                .contains("the upstream fell over");
    }

    // --- keys ------------------------------------------------------------------------------------------

    @Test
    void aRateLimitedKeyHandsOverToTheNextWhichThenSticks() {
        acme.rateLimit(KEY_ONE, Duration.ofSeconds(30));
        HttpResponse<String> res = nexus.post("/v1/chat/completions", "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.headers().firstValue("X-Nexus-Route").orElse("")).isEqualTo(
                "resolved gpt-4o -> " + GPT_TARGET + " (route); acme/" + GPT_TARGET + "@key2; tried acme/" + GPT_TARGET + "@key1:429");
        assertThat(lastChat().header("authorization")).isEqualTo("Bearer " + KEY_TWO);

        acme.liftRateLimit(KEY_ONE);
        int before = acme.chats().size();
        openai.chat().completions().create(ask("gpt-4o", "again").build());
        anthropic.messages().create(askClaude("again").build());
        List<String> used = new ArrayList<>();
        acme.chats().subList(before, acme.chats().size()).forEach(r -> used.add(r.header("authorization")));
        assertThat(used).as("the key that answered keeps serving").containsOnly("Bearer " + KEY_TWO).hasSize(2);
    }

    @Test
    void everyKeyLimitedIsA429WithRetryAfterInEachDialect() {
        acme.rateLimit(KEY_ONE, Duration.ofSeconds(30));
        acme.rateLimit(KEY_TWO, Duration.ofSeconds(45));
        assertThatThrownBy(() -> openai.chat().completions().create(ask("gpt-4o", "hi").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.headers().values("Retry-After")).isNotEmpty();
                    assertThat(Long.parseLong(e.headers().values("Retry-After").get(0))).isBetween(25L, 31L);
                });
        assertThatThrownBy(() -> anthropic.messages().create(askClaude("hi").build()))
                .isInstanceOfSatisfying(com.anthropic.errors.RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(Long.parseLong(e.headers().values("retry-after").get(0))).isBetween(25L, 31L);
                });
    }

    @Test
    void aRefusedKeyPassesToTheNextAndNamesTheVariableWhenNoneIsLeft() {
        acme.close();
        acme = FakeOpenAiCompat.start().acceptKey(KEY_TWO).addModel(GPT_TARGET);
        nexus.close();
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", CLIENT_KEY)
                .env("NEXUS_OPENAI_COMPAT_PROVIDERS_FILE", dir.resolve("catalog.yaml").toString())
                .env("NEXUS_ACME_BASE_URL", acme.baseUrl())
                .env("NEXUS_ACME_API_KEY", "sk-revoked-999999," + KEY_TWO)
                .start();
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResponse<String> res = nexus.post("/v1/chat/completions", body, "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.headers().firstValue("X-Nexus-Route").orElse("")).contains("@key1:502");

        acme.close();
        acme = FakeOpenAiCompat.start().addModel(GPT_TARGET);
        nexus.close();
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", CLIENT_KEY)
                .env("NEXUS_OPENAI_COMPAT_PROVIDERS_FILE", dir.resolve("catalog.yaml").toString())
                .env("NEXUS_ACME_BASE_URL", acme.baseUrl())
                .env("NEXUS_ACME_API_KEY", "sk-revoked-999999")
                .start();
        HttpResponse<String> refused = nexus.post("/v1/chat/completions", body, "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(refused.statusCode()).as("not 401: the client's own key was fine").isEqualTo(502);
        assertThat(json(refused.body()).at("/error/message").asText()).contains("acme").contains("NEXUS_ACME_API_KEY");
    }

    @Test
    void theProviderIsListedWithItsRuntimeStateAndTheBadEntryIsSkipped() {
        JsonNode providers = json(nexus.get("/api/providers").body()).path("providers");
        JsonNode entry = null;
        for (JsonNode p : providers) {
            assertThat(p.path("id").asText()).isNotEqualTo("not an id");
            if (p.path("id").asText().equals("acme")) {
                entry = p;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.path("type").asText()).isEqualTo("openai_compat");
        assertThat(entry.path("enabled").asBoolean()).isTrue();
        assertThat(entry.path("runtime_enabled").asBoolean()).isTrue();
        assertThat(entry.path("base_url").asText()).isEqualTo(acme.baseUrl());
        assertThat(entry.path("keys").asInt()).isEqualTo(2);
        assertThat(entry.toString()).doesNotContain(KEY_ONE).doesNotContain(KEY_TWO);
        assertThat(providers.toString()).as("a file's providers replace the defaults").doesNotContain("openrouter");
    }

    @Test
    void theSelfTestProbesTheProviderThroughItsRouteFromEveryChatSurface() {
        for (String surface : List.of("openai_chat", "openai_responses", "anthropic_messages")) {
            JsonNode result = json(nexus.get("/api/test?endpoint=" + surface + "@acme").body());
            assertThat(result.path("success").asBoolean()).as(result.toString()).isTrue();
            assertThat(result.path("provider").asText()).isEqualTo("acme");
        }
        assertThat(acme.chats()).hasSize(3);
    }

    private static String text(Message message) {
        return message.content().stream().flatMap(b -> b.text().stream()).map(t -> t.text()).collect(Collectors.joining());
    }

    private static FunctionDefinition weatherTool() {
        return FunctionDefinition.builder().name("get_weather").description("Weather for a city")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", com.openai.core.JsonValue.from("object"))
                        .putAdditionalProperty("properties", com.openai.core.JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", com.openai.core.JsonValue.from(List.of("city")))
                        .build())
                .build();
    }

    private static Tool readTool() {
        return Tool.builder().name("read_file").description("Read a file")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("path", Map.of("type", "string"))))
                        .addRequired("path")
                        .build())
                .build();
    }

    // --- Google GenAI SDK -------------------------------------------------------------------------------

    private com.google.genai.Client genai() {
        return nexus.genAi(CLIENT_KEY);
    }

    @Test
    void aGenAiClientIsAnsweredThroughTheCanonicalModelUnaryAndStreamed() {
        acme.enqueue(CompatReply.builder().text("Hello ", "GenAI").usage(7, 2).build());
        acme.enqueue(CompatReply.builder().text("one ", "two").usage(5, 2).build());
        try (com.google.genai.Client client = genai()) {
            com.google.genai.types.GenerateContentResponse unary = client.models.generateContent("gpt-4o", "hi", null);
            assertThat(unary.text()).isEqualTo("Hello GenAI");
            assertThat(unary.usageMetadata().orElseThrow().promptTokenCount()).contains(7);
            RecordedRequest sent = lastChat();
            assertThat(sent.json().path("model").asText()).isEqualTo(GPT_TARGET);
            assertThat(sent.json().at("/messages/0/content").toString()).contains("hi");
            assertThat(sent.header("authorization")).isEqualTo("Bearer " + KEY_ONE);

            List<com.google.genai.types.GenerateContentResponse> chunks = new java.util.ArrayList<>();
            try (com.google.genai.ResponseStream<com.google.genai.types.GenerateContentResponse> stream =
                    client.models.generateContentStream("gpt-4o", "count", null)) {
                stream.forEach(chunks::add);
            }
            StringBuilder text = new StringBuilder();
            chunks.forEach(c -> text.append(c.text() == null ? "" : c.text()));
            assertThat(text.toString()).isEqualTo("one two");
            com.google.genai.types.GenerateContentResponse last = chunks.get(chunks.size() - 1);
            assertThat(last.finishReason().toString()).isEqualTo("STOP");
            assertThat(last.usageMetadata().orElseThrow().totalTokenCount()).contains(7);
        }
    }

    @Test
    void aGenAiFunctionCallRoundTripReachesTheUpstreamAsOpenAiToolMessages() {
        acme.enqueue(CompatReply.builder().toolCall("call_g1", "get_weather", "{\"city\":\"Paris\"}").build());
        com.google.genai.types.Tool tool = com.google.genai.types.Tool.fromJson("{\"functionDeclarations\":[{\"name\":\"get_weather\","
                + "\"parameters\":{\"type\":\"OBJECT\",\"properties\":{\"city\":{\"type\":\"STRING\"}}}}]}");
        com.google.genai.types.GenerateContentConfig config = com.google.genai.types.GenerateContentConfig.builder().tools(tool).build();
        com.google.genai.types.Content question = com.google.genai.types.Content.builder().role("user")
                .parts(com.google.genai.types.Part.fromText("weather in Paris?")).build();
        try (com.google.genai.Client client = genai()) {
            com.google.genai.types.GenerateContentResponse first = client.models.generateContent("gpt-4o", List.of(question), config);
            com.google.genai.types.FunctionCall call = first.functionCalls().get(0);
            assertThat(call.id()).contains("call_g1");
            assertThat(call.args().orElseThrow()).containsEntry("city", "Paris");
            assertThat(lastChat().json().at("/tools/0/function/name").asText()).isEqualTo("get_weather");

            acme.enqueue(CompatReply.text("It is 18C."));
            com.google.genai.types.Part result = com.google.genai.types.Part.fromFunctionResponse("get_weather", java.util.Map.of("output", "18C"));
            result = result.toBuilder().functionResponse(result.functionResponse().orElseThrow().toBuilder().id("call_g1").build()).build();
            com.google.genai.types.Content modelTurn = first.candidates().orElseThrow().get(0).content().orElseThrow();
            com.google.genai.types.Content answerTurn = com.google.genai.types.Content.builder().role("user").parts(result).build();
            com.google.genai.types.GenerateContentResponse second = client.models.generateContent("gpt-4o",
                    List.of(question, modelTurn, answerTurn), config);
            assertThat(second.text()).isEqualTo("It is 18C.");

            com.fasterxml.jackson.databind.JsonNode messages = lastChat().json().path("messages");
            com.fasterxml.jackson.databind.JsonNode assistant = messages.get(messages.size() - 2);
            com.fasterxml.jackson.databind.JsonNode toolMessage = messages.get(messages.size() - 1);
            assertThat(assistant.at("/tool_calls/0/id").asText()).isEqualTo("call_g1");
            assertThat(assistant.at("/tool_calls/0/function/name").asText()).isEqualTo("get_weather");
            assertThat(toolMessage.path("role").asText()).isEqualTo("tool");
            assertThat(toolMessage.path("tool_call_id").asText()).isEqualTo("call_g1");
            assertThat(toolMessage.path("content").asText()).contains("18C");
        }
    }
}
