package dev.nexus.front;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
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
import com.openai.core.JsonValue;
import com.openai.errors.RateLimitException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.nexus.fake.AnthropicReply;
import dev.nexus.fake.FakeAnthropic;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.testing.NexusHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in {@code anthropic} provider against the fake Anthropic API: the official Anthropic SDK by pass-through
 * (its body relayed with only the model rewritten, the answer as Anthropic wrote it), the official OpenAI SDK through
 * the canonical model, and the key ring (a rate-limited or overloaded key hands over to the next one).
 */
class AnthropicUpstreamE2ETest {
    private static final String CLIENT_KEY = "sk-nexus-anthropic-upstream-01";
    private static final String KEY_ONE = "sk-ant-api03-server-key-one-1111";
    private static final String KEY_TWO = "sk-ant-api03-server-key-two-2222";
    private static final String REVOKED = "sk-ant-revoked-key-9999";
    private static final String SONNET = "claude-sonnet-4-5-20250929";
    private static final String HAIKU = "claude-haiku-4-5";
    @TempDir
    Path dir;
    private FakeAnthropic upstream;
    private NexusHarness nexus;
    private AnthropicClient anthropic;
    private OpenAIClient openai;

    @BeforeEach
    void start() {
        upstream = FakeAnthropic.start().acceptKey(KEY_ONE).acceptKey(KEY_TWO);
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", CLIENT_KEY)
                .env("NEXUS_ANTHROPIC_API_KEYS", KEY_ONE + ", " + KEY_TWO)
                .env("NEXUS_ANTHROPIC_BASE_URL", upstream.baseUrl())
                .start();
        route("claude-sonnet-4-5", "anthropic", SONNET);
        route("gpt-4o", "anthropic", HAIKU);
        anthropic = AnthropicOkHttpClient.builder().baseUrl(nexus.baseUrl() + "/anthropic").apiKey(CLIENT_KEY).maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
        openai = OpenAIOkHttpClient.builder().baseUrl(nexus.baseUrl() + "/v1").apiKey(CLIENT_KEY).maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @AfterEach
    void stop() {
        anthropic.close();
        openai.close();
        nexus.close();
        assertThat(upstream.awaitNoOpenStreams(Duration.ofSeconds(5))).isTrue();
        for (RecordedRequest sent : upstream.requests()) {
            assertThat(sent.headers().toString()).as("the client's key never goes upstream").doesNotContain(CLIENT_KEY);
            assertThat(sent.body()).doesNotContain(CLIENT_KEY);
            assertThat(sent.header("x-api-key")).isIn(KEY_ONE, KEY_TWO, REVOKED);
        }
        upstream.close();
    }

    private void route(String client, String provider, String target) {
        nexus.route(client, provider, target);
    }

    private static MessageCreateParams.Builder ask(String text) {
        return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(4096).addUserMessage(text);
    }

    private RecordedRequest last() {
        List<RecordedRequest> sent = upstream.messageRequests();
        return sent.get(sent.size() - 1);
    }

    // --- Anthropic clients: pass-through --------------------------------------------------------------------

    @Test
    void anAnthropicBodyIsRelayedWithOnlyTheModelRewrittenAndTheServerKey() {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":300,\"system\":[{\"type\":\"text\",\"text\":\"Be brief.\","
                + "\"cache_control\":{\"type\":\"ephemeral\"}}],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"context_management\":{\"edits\":[]},\"future_field\":{\"kept\":[1,2.5,\"x\"]}}";
        HttpResponse<String> res = nexus.post("/v1/messages", body, "x-api-key", CLIENT_KEY, "anthropic-version", "2023-06-01",
                "anthropic-beta", "context-management-2025-06-27", "anthropic-beta", "interleaved-thinking-2025-05-14");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(json(res.body()).at("/content/0/text").asText()).isEqualTo("Hello from fake Anthropic");
        assertThat(json(res.body()).path("model").asText()).isEqualTo(SONNET);

        RecordedRequest sent = last();
        ObjectNode expected = (ObjectNode) json(body);
        expected.put("model", SONNET);
        assertThat(sent.json()).isEqualTo(expected);
        assertThat(sent.header("x-api-key")).isEqualTo(KEY_ONE);
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.header("anthropic-beta")).isEqualTo("context-management-2025-06-27,interleaved-thinking-2025-05-14");
        assertThat(sent.header("authorization")).isNull();
        assertThat(res.headers().firstValue("X-Nexus-Route").orElse("")).contains("anthropic/" + SONNET + "@key1");
    }

    @Test
    void serverToolsPassThroughAndTheRouteNotesNothingDropped() {
        for (boolean stream : new boolean[] {false, true}) {
            HttpResponse<String> res = MessagesCalls.post(nexus, CLIENT_KEY, MessagesCalls.withBashTool(stream));
            assertThat(res.headers().firstValue("X-Nexus-Route").orElse("")).as(res.body()).contains("@key1").doesNotContain("dropped");
            assertThat(last().json().at("/tools/0/type").asText()).isEqualTo("bash_20250124");
        }
    }

    @Test
    void theSdkGetsTheUpstreamsAnswerAsItIsStreamedOrNot() {
        upstream.enqueue(AnthropicReply.builder().text("Plain ", "answer").usage(12, 4).build());
        Message message = anthropic.messages().create(ask("hi").build());
        assertThat(message.content().get(0).asText().text()).isEqualTo("Plain answer");
        assertThat(message.usage().inputTokens()).isEqualTo(12);
        assertThat(message.usage().outputTokens()).isEqualTo(4);

        upstream.enqueue(AnthropicReply.text("one ", "two ", "three"));
        String text;
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(ask("count").build())) {
            text = stream.stream().flatMap(e -> e.contentBlockDelta().stream())
                    .flatMap(d -> d.delta().text().stream()).map(t -> t.text()).collect(Collectors.joining());
        }
        assertThat(text).isEqualTo("one two three");
        assertThat(last().json().path("stream").asBoolean()).isTrue();
    }

    @Test
    void relayedAnswersAreRecordedInTheMonitorWithTheirTokens() {
        upstream.enqueue(AnthropicReply.builder().text("counted").usage(21, 8).build());
        anthropic.messages().create(ask("hi").build());
        upstream.enqueue(AnthropicReply.builder().text("streamed").usage(13, 6).build());
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(ask("hi").build())) {
            stream.stream().forEach(e -> { });
        }
        java.util.concurrent.atomic.AtomicReference<JsonNode> records = new java.util.concurrent.atomic.AtomicReference<>();
        NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> {
            records.set(json(nexus.get("/api/monitor/requests?status=2xx").body()).path("records"));
            return records.get().size() >= 2;
        });
        JsonNode streamed = records.get().get(0);
        JsonNode plain = records.get().get(1);
        assertThat(plain.path("provider").asText()).isEqualTo("anthropic");
        assertThat(plain.path("target_model").asText()).isEqualTo(SONNET);
        assertThat(plain.path("input_tokens").asLong()).isEqualTo(21);
        assertThat(plain.path("output_tokens").asLong()).isEqualTo(8);
        assertThat(streamed.path("input_tokens").asLong()).isEqualTo(13);
        assertThat(streamed.path("output_tokens").asLong()).isEqualTo(6);
    }

    @Test
    void thinkingSignaturesComeBackByteForByteAndTheUpstreamAcceptsThemOnTheNextTurn() {
        upstream.enqueue(AnthropicReply.builder().thinking("Let me think.").text("Forty-two.").build());
        MessageAccumulator accumulated = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(
                ask("the answer?").enabledThinking(2048).build())) {
            stream.stream().forEach(accumulated::accumulate);
        }
        Message first = accumulated.message();
        String signature = first.content().stream().filter(ContentBlock::isThinking).findFirst().orElseThrow()
                .asThinking().signature();
        assertThat(upstream.issuedSignatures()).contains(signature);
        assertThat(signature).contains("+", "/", "=");

        upstream.enqueue(AnthropicReply.text("Because."));
        Message second = anthropic.messages().create(ask("the answer?").enabledThinking(2048).addMessage(first)
                .addUserMessage("why?").build());
        assertThat(second.content().get(0).asText().text()).isEqualTo("Because.");
        JsonNode replayed = last().json().at("/messages/1/content/0");
        assertThat(replayed.path("type").asText()).isEqualTo("thinking");
        assertThat(replayed.path("signature").asText()).isEqualTo(signature);
        assertThat(last().body()).contains("\"signature\":\"" + signature + "\"");
    }

    @Test
    void aToolRoundTripKeepsTheIdsTheUpstreamGave() {
        upstream.enqueue(AnthropicReply.builder().thinking("I need the file.").toolUse("toolu_01Abc", "read_file",
                "{\"path\":\"/tmp/a.txt\"}").build());
        MessageCreateParams.Builder first = ask("what is in /tmp/a.txt?").enabledThinking(2048).addTool(readTool());
        Message call = anthropic.messages().create(first.build());
        assertThat(call.stopReason()).hasValueSatisfying(r -> assertThat(r.asString()).isEqualTo("tool_use"));
        ContentBlock use = call.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow();
        assertThat(use.asToolUse().id()).isEqualTo("toolu_01Abc");
        assertThat(use.asToolUse()._input().toString()).contains("/tmp/a.txt");

        upstream.enqueue(AnthropicReply.text("It says hello."));
        Message done = anthropic.messages().create(ask("what is in /tmp/a.txt?").enabledThinking(2048).addTool(readTool())
                .addMessage(call).addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder().toolUseId("toolu_01Abc").content("hello").build())))
                .build());
        assertThat(done.content().get(0).asText().text()).isEqualTo("It says hello.");
        assertThat(last().json().at("/messages/2/content/0/tool_use_id").asText()).isEqualTo("toolu_01Abc");
    }

    @Test
    void anUnknownUpstreamModelIsA404InAnthropicsShapeNamingTheRoute() {
        route("claude-sonnet-4-5", "anthropic", "claude-nonexistent-9");
        HttpResponse<String> res = nexus.post("/v1/messages",
                "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key", CLIENT_KEY, "anthropic-version", "2023-06-01");
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(json(res.body()).at("/error/type").asText()).isEqualTo("not_found_error");
        assertThat(json(res.body()).at("/error/message").asText()).contains("claude-nonexistent-9", "model route");
        assertThat(upstream.messageRequests()).hasSize(1);
    }

    @Test
    void anErrorRightAfterMessageStartFailsOverAndAnErrorMidAnswerEndsTheStreamWithAnErrorEvent() {
        upstream.enqueue(AnthropicReply.errorAfterStart("overloaded_error"));
        upstream.enqueue(AnthropicReply.text("from the second key"));
        HttpResponse<String> res = nexus.post("/v1/messages", "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "x-api-key", CLIENT_KEY, "anthropic-version", "2023-06-01");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("from the second key").doesNotContain("overloaded_error");
        assertThat(res.body().indexOf("event: message_start")).isEqualTo(res.body().lastIndexOf("event: message_start"));
        assertThat(res.headers().firstValue("X-Nexus-Route").orElse("")).contains("@key2", "key1:529");

        upstream.enqueue(AnthropicReply.builder().text("half an ans", "wer").thenError("overloaded_error").build());
        HttpResponse<String> broken = nexus.post("/v1/messages", "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "x-api-key", CLIENT_KEY, "anthropic-version", "2023-06-01");
        assertThat(broken.statusCode()).isEqualTo(200);
        assertThat(broken.body()).contains("half an ans").doesNotContain("message_stop");
        assertThat(broken.body().split("event: error", -1)).as("one error event").hasSize(2);
        assertThat(broken.body().substring(broken.body().indexOf("event: error"))).contains("\"type\":\"overloaded_error\"")
                .endsWith("\n\n");
        assertThat(upstream.messageRequests()).as("nothing is retried after the first byte").hasSize(3);
    }

    @Test
    void theProviderIsListedAndRoutesMayNameItForAnyClientModel() {
        JsonNode providers = json(nexus.get("/api/providers").body()).path("providers");
        JsonNode listed = null;
        for (JsonNode p : providers) {
            if (p.path("id").asText().equals("anthropic")) {
                listed = p;
            }
        }
        assertThat(listed).as(providers.toString()).isNotNull();
        assertThat(listed.path("type").asText()).isEqualTo("builtin");
        assertThat(listed.path("capabilities").toString()).contains("anthropic", "openai.chat");
        assertThat(json(nexus.get("/api/providers/allowed?client_model=claude-opus-4-1&protocol=anthropic").body())
                .path("providers").toString()).contains("anthropic");
    }

    // --- other clients: through the canonical model ----------------------------------------------------------

    @Test
    void anOpenAiChatIsAnsweredThroughTheAnthropicDialect() {
        upstream.enqueue(AnthropicReply.builder().text("Hello ", "from Claude").usage(7, 3).build());
        ChatCompletion answer = openai.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-4o")
                .addSystemMessage("Be brief.").addUserMessage("hi").temperature(0.2).build());
        assertThat(answer.choices().get(0).message().content()).contains("Hello from Claude");
        assertThat(answer.choices().get(0).finishReason().asString()).isEqualTo("stop");
        assertThat(answer.usage().orElseThrow().promptTokens()).isEqualTo(7);
        assertThat(answer.usage().orElseThrow().completionTokens()).isEqualTo(3);
        JsonNode sent = last().json();
        assertThat(sent.path("model").asText()).isEqualTo(HAIKU);
        assertThat(sent.path("max_tokens").asInt()).as("Anthropic requires max_tokens").isPositive();
        assertThat(sent.at("/system/0/text").asText()).isEqualTo("Be brief.");
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(last().header("anthropic-version")).isEqualTo("2023-06-01");
    }

    @Test
    void anOpenAiStreamArrivesAsDeltasAndEndsWithUsage() {
        upstream.enqueue(AnthropicReply.builder().text("Hel", "lo", " world").usage(9, 3).build());
        List<ChatCompletionChunk> chunks;
        try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage("hi")
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            chunks = stream.stream().toList();
        }
        String text = chunks.stream().flatMap(c -> c.choices().stream()).map(c -> c.delta().content().orElse(""))
                .collect(Collectors.joining());
        assertThat(text).isEqualTo("Hello world");
        ChatCompletionChunk lastChunk = chunks.get(chunks.size() - 1);
        assertThat(lastChunk.usage().orElseThrow().totalTokens()).isEqualTo(12);
        assertThat(last().json().path("stream").asBoolean()).isTrue();
    }

    @Test
    void anOpenAiToolRoundTripBecomesToolUseAndToolResult() {
        upstream.enqueue(AnthropicReply.builder().toolUse("toolu_w1", "get_weather", "{\"city\":\"Paris\"}").build());
        ChatCompletionCreateParams.Builder ask = ChatCompletionCreateParams.builder().model("gpt-4o")
                .addUserMessage("weather in Paris?").addFunctionTool(weatherTool());
        ChatCompletion answer = openai.chat().completions().create(ask.build());
        assertThat(answer.choices().get(0).finishReason().asString()).isEqualTo("tool_calls");
        ChatCompletionMessageFunctionToolCall call = answer.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(json(call.function().arguments()).path("city").asText()).isEqualTo("Paris");
        assertThat(last().json().at("/tools/0/input_schema/properties/city/type").asText()).isEqualTo("string");

        upstream.enqueue(AnthropicReply.text("It is 18C in Paris."));
        ChatCompletion done = openai.chat().completions().create(ask.addMessage(answer.choices().get(0).message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("{\"temp\":\"18C\"}").build())
                .build());
        assertThat(done.choices().get(0).message().content()).hasValueSatisfying(t -> assertThat(t).contains("18C"));
        JsonNode messages = last().json().path("messages");
        assertThat(messages.at("/1/content/0/type").asText()).isEqualTo("tool_use");
        assertThat(messages.at("/1/content/0/id").asText()).isEqualTo(call.id());
        assertThat(messages.at("/2/content/0/tool_use_id").asText()).isEqualTo(call.id());
    }

    @Test
    void aResponsesClientIsAnsweredThroughTheAnthropicDialect() {
        upstream.enqueue(AnthropicReply.builder().thinking("Short.").text("Responses via Claude").usage(6, 2).build());
        HttpResponse<String> res = nexus.post("/v1/responses", "{\"model\":\"gpt-4o\",\"input\":\"hi\",\"store\":false}",
                "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).contains("Responses via Claude");
        assertThat(json(res.body()).at("/usage/input_tokens").asLong()).isEqualTo(6);
        assertThat(last().json().at("/messages/0/content/0/text").asText()).isEqualTo("hi");
    }

    // --- the key ring ------------------------------------------------------------------------------------------

    @Test
    void aRateLimitedKeyHandsOverToTheNextWhichThenSticks() {
        upstream.rateLimit(KEY_ONE, Duration.ofSeconds(30));
        HttpResponse<String> res = nexus.post("/v1/chat/completions",
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.headers().firstValue("X-Nexus-Route").orElse("")).isEqualTo(
                "resolved gpt-4o -> " + HAIKU + " (route); anthropic/" + HAIKU + "@key2; tried anthropic/" + HAIKU + "@key1:429");
        upstream.liftRateLimit(KEY_ONE);
        anthropic.messages().create(ask("again").build());
        assertThat(upstream.messageRequests()).extracting(r -> r.header("x-api-key")).containsExactly(KEY_ONE, KEY_TWO, KEY_TWO);
    }

    @Test
    void everyKeyLimitedIsA429WithRetryAfterInTheOpenAiAndAnthropicDialects() {
        upstream.rateLimit(KEY_ONE, Duration.ofSeconds(30));
        upstream.rateLimit(KEY_TWO, Duration.ofSeconds(45));
        assertThatThrownBy(() -> openai.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-4o")
                .addUserMessage("hi").build())).isInstanceOfSatisfying(RateLimitException.class, e ->
                        assertThat(Long.parseLong(e.headers().values("Retry-After").get(0))).isBetween(25L, 31L));
        HttpResponse<String> res = nexus.post("/v1/messages", "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "x-api-key", CLIENT_KEY, "anthropic-version", "2023-06-01");
        assertThat(res.statusCode()).isEqualTo(429);
        assertThat(json(res.body()).path("type").asText()).isEqualTo("error");
        assertThat(json(res.body()).at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(Long.parseLong(res.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 31L);
        assertThatThrownBy(() -> anthropic.messages().create(ask("hi").build()))
                .isInstanceOf(com.anthropic.errors.RateLimitException.class);
    }

    @Test
    void aRefusedKeyPassesToTheNextAndIsNamedWithItsVariableWhenNoneIsLeft() {
        nexus.close();
        nexus = new NexusHarness(dir.resolve("refused")).env("NEXUS_API_KEY", CLIENT_KEY)
                .env("NEXUS_ANTHROPIC_API_KEY", REVOKED).env("NEXUS_ANTHROPIC_BASE_URL", upstream.baseUrl()).start();
        route("claude-sonnet-4-5", "anthropic", SONNET);
        HttpResponse<String> res = nexus.post("/v1/messages",
                "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key", CLIENT_KEY, "anthropic-version", "2023-06-01");
        assertThat(res.statusCode()).as("the client's own key was fine").isEqualTo(502);
        assertThat(json(res.body()).at("/error/message").asText()).contains("Anthropic API", "key1", "NEXUS_ANTHROPIC_API_KEYS")
                .doesNotContain(REVOKED);
    }

    private static Tool readTool() {
        return Tool.builder().name("read_file").description("Read a file")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(com.anthropic.core.JsonValue.from(Map.of("path", Map.of("type", "string"))))
                        .addRequired("path").build())
                .build();
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
}
