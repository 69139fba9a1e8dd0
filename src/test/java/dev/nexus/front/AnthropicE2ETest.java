package dev.nexus.front;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.RateLimitException;
import com.anthropic.models.messages.Base64ImageSource;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.ImageBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.fake.Reply;
import dev.nexus.testing.NexusHarness;
import java.net.http.HttpResponse;
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

/** The official Anthropic Java SDK against the real server, which talks to the fake Cloud Code. */
class AnthropicE2ETest {
    private static final String KEY = "sk-anthropic-e2e-key-01";
    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    @TempDir
    Path dir;
    private FakeGoogle google;
    private NexusHarness nexus;
    private AnthropicClient anthropic;

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        google.addAccount("alice@example.com", "proj-alice");
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", KEY).usingGoogle(google);
        assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account("alice@example.com").refreshToken()).code()).isZero();
        nexus.start();
        anthropic = AnthropicOkHttpClient.builder().baseUrl(nexus.baseUrl() + "/anthropic").apiKey(KEY).maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @AfterEach
    void stop() {
        anthropic.close();
        nexus.close();
        assertThat(google.awaitNoOpenStreams(Duration.ofSeconds(5))).isTrue();
        google.close();
    }

    private static MessageCreateParams.Builder ask(String model, String text) {
        return MessageCreateParams.builder().model(model).maxTokens(1024).addUserMessage(text);
    }

    private RecordedRequest lastGenerate() {
        List<RecordedRequest> calls = new ArrayList<>();
        for (RecordedRequest r : google.requests()) {
            if (r.path().endsWith(":generateContent") || r.path().endsWith(":streamGenerateContent")) {
                calls.add(r);
            }
        }
        return calls.get(calls.size() - 1);
    }

    private static String text(Message message) {
        return message.content().stream().flatMap(b -> b.text().stream()).map(t -> t.text()).collect(Collectors.joining());
    }

    @Test
    void aNonStreamingMessageHasTextStopReasonAndUsage() {
        google.script().enqueue(Reply.builder().text("Hello ", "from Cloud Code").usage(20, 6, 0, 8).build());
        Message message = anthropic.messages().create(ask("claude-sonnet-4-5", "hi")
                .system("Be brief.").build());
        assertThat(text(message)).isEqualTo("Hello from Cloud Code");
        assertThat(message.stopReason()).hasValueSatisfying(r -> assertThat(r.asString()).isEqualTo("end_turn"));
        assertThat(message.usage().inputTokens()).isEqualTo(12);
        assertThat(message.usage().cacheReadInputTokens()).contains(8L);
        assertThat(message.usage().outputTokens()).isEqualTo(6);
        JsonNode sent = lastGenerate().json();
        assertThat(sent.at("/request/systemInstruction/parts/0/text").asText()).isEqualTo("Be brief.");
        assertThat(sent.at("/request/contents/0/role").asText()).isEqualTo("user");
    }

    @Test
    void serverToolsCloudCodeCannotRunAreDroppedAndNotedInTheRouteStreamedOrNot() {
        for (boolean stream : new boolean[] {false, true}) {
            HttpResponse<String> res = MessagesCalls.post(nexus, KEY, MessagesCalls.withBashTool(stream));
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
            assertThat(res.headers().firstValue("X-Nexus-Route").orElse("")).contains("note dropped server tool bash_20250124");
        }
    }

    @Test
    void aStreamDeliversTextDeltas() {
        google.script().enqueue(Reply.builder().text("one ", "two ", "three").usage(5, 3, 0, 0).build());
        String text;
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(ask("claude-sonnet-4-5", "count").build())) {
            text = stream.stream().flatMap(e -> e.contentBlockDelta().stream())
                    .flatMap(d -> d.delta().text().stream()).map(t -> t.text()).collect(Collectors.joining());
        }
        assertThat(text).isEqualTo("one two three");
    }

    @Test
    void aToolLoopWithThinkingReplaysTheSignaturesCloudCodeIssued() {
        google.script().enqueue(Reply.builder().thought("I should read it").thoughtSignature("sig-think-1")
                .functionCall("toolu_01", "read_file", Map.of("path", "/tmp/a.txt"), "sig-call-1").build());
        MessageCreateParams first = ask("claude-sonnet-4-5", "what is in /tmp/a.txt?").addTool(readTool()).build();
        Message answer = anthropic.messages().create(first);
        assertThat(answer.stopReason()).hasValueSatisfying(r -> assertThat(r.asString()).isEqualTo("tool_use"));
        ContentBlock thinking = answer.content().stream().filter(ContentBlock::isThinking).findFirst().orElseThrow();
        assertThat(thinking.asThinking().thinking()).isEqualTo("I should read it");
        ContentBlock call = answer.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow();
        assertThat(call.asToolUse().id()).isEqualTo("toolu_01");

        google.script().enqueue(Reply.text("It says hello."));
        Message done = anthropic.messages().create(ask("claude-sonnet-4-5", "what is in /tmp/a.txt?").addTool(readTool())
                .addMessage(answer)
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder().toolUseId("toolu_01").content("hello").build())))
                .build());
        assertThat(text(done)).isEqualTo("It says hello.");

        JsonNode contents = lastGenerate().json().at("/request/contents");
        JsonNode modelTurn = contents.get(1);
        assertThat(modelTurn.path("role").asText()).isEqualTo("model");
        assertThat(modelTurn.toString()).contains("\"thoughtSignature\":\"sig-think-1\"");
        JsonNode callPart = part(modelTurn, "functionCall");
        assertThat(callPart.path("thoughtSignature").asText()).isEqualTo("sig-call-1");
        JsonNode response = part(contents.get(2), "functionResponse").path("functionResponse");
        assertThat(response.path("name").asText()).isEqualTo("read_file");
        assertThat(response.path("id").asText()).isEqualTo("toolu_01");
    }

    @Test
    void twoToolCallsInOneUpstreamChunkBecomeTwoToolUseBlocks() {
        google.script().enqueue(Reply.builder().functionCall("toolu_a", "read_file", Map.of("path", "/a"), "sig-a")
                .sameChunk().functionCall("toolu_b", "read_file", Map.of("path", "/b"), null).build());
        List<String> ids = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(
                ask("claude-sonnet-4-5", "read both").addTool(readTool()).build())) {
            stream.stream().flatMap(e -> e.contentBlockStart().stream())
                    .forEach(s -> s.contentBlock().toolUse().ifPresent(t -> ids.add(t.id())));
        }
        assertThat(ids).containsExactly("toolu_a", "toolu_b");
    }

    @Test
    void anImageReachesCloudCodeAsInlineData() {
        anthropic.messages().create(MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(256)
                .addUserMessageOfContentBlockParams(List.of(
                        ContentBlockParam.ofText(TextBlockParam.builder().text("what is this?").build()),
                        ContentBlockParam.ofImage(ImageBlockParam.builder().source(Base64ImageSource.builder()
                                .mediaType(Base64ImageSource.MediaType.IMAGE_PNG).data(PNG).build()).build())))
                .build());
        JsonNode image = part(lastGenerate().json().at("/request/contents/0"), "inlineData").path("inlineData");
        assertThat(image.path("mimeType").asText()).isEqualTo("image/png");
        assertThat(image.path("data").asText()).isEqualTo(PNG);
    }

    @Test
    void countTokensAnswersAndRepeatsFromTheCache() {
        MessageCountTokensParams params = MessageCountTokensParams.builder().model("claude-sonnet-4-5")
                .addUserMessage("count these words please").build();
        long first = anthropic.messages().countTokens(params).inputTokens();
        long second = anthropic.messages().countTokens(params).inputTokens();
        assertThat(first).isPositive().isEqualTo(second);
        assertThat(google.requests(":countTokens")).hasSize(1);
    }

    @Test
    void aRateLimitBecomesRateLimitErrorWithRetryAfter() {
        google.script().enqueue(Reply.rateLimited(Duration.ofSeconds(42)));
        assertThatThrownBy(() -> anthropic.messages().create(ask("claude-sonnet-4-5", "hi").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("retry-after")).containsExactly("42");
                });
    }

    @Test
    void accountProblemsAreNeverAuthenticationErrorsWhichWouldSendClaudeCodeToItsLogin() {
        HttpResponse<String> pinned = nexus.post("/anthropic/v1/messages",
                "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key", KEY, "anthropic-version", "2023-06-01", "X-Nexus-Account", "nobody@example.com");
        assertThat(pinned.statusCode()).isEqualTo(400);
        assertThat(NexusHarness.json(pinned.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(NexusHarness.json(pinned.body()).at("/error/message").asText()).contains("X-Nexus-Account", "nobody@example.com");

        assertThat(nexus.cli("accounts", "disable", "alice@example.com").code()).isZero();
        NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> nexus.post("/anthropic/v1/messages",
                "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key", KEY, "anthropic-version", "2023-06-01").statusCode() != 200);
        HttpResponse<String> none = nexus.post("/anthropic/v1/messages",
                "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key", KEY, "anthropic-version", "2023-06-01");
        assertThat(none.statusCode()).isNotEqualTo(401);
        assertThat(NexusHarness.json(none.body()).at("/error/type").asText()).isEqualTo("api_error");
        assertThat(NexusHarness.json(none.body()).at("/error/message").asText()).contains("nexus accounts");
    }

    @Test
    void anOverloadedUpstreamIs529() {
        google.script().enqueue(Reply.unavailable());
        HttpResponse<String> res = nexus.post("/anthropic/v1/messages",
                "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key", KEY, "anthropic-version", "2023-06-01");
        assertThat(res.statusCode()).isEqualTo(529);
        assertThat(json(res.body()).path("error").path("type").asText()).isEqualTo("overloaded_error");
    }

    @Test
    void aStreamCutMidwayEndsWithAnErrorEventAndNoMessageStop() {
        google.script().enqueue(Reply.builder().text("one ", "two ", "three").disconnectAfter(2).build());
        HttpResponse<String> res = nexus.post("/v1/messages?beta=true",
                "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key", KEY, "anthropic-version", "2023-06-01", "accept", "application/json");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("event: message_start", "event: error").doesNotContain("event: message_stop");
        String errorData = res.body().lines().dropWhile(l -> !l.equals("event: error")).skip(1).findFirst().orElseThrow();
        assertThat(json(errorData.substring("data: ".length())).path("error").path("type").asText()).isEqualTo("api_error");
    }

    @Test
    void webSearchBecomesGroundingForGeminiAndIsOmittedWithANoteForClaude() {
        String body = "{\"model\":\"%s\",\"max_tokens\":10,\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"news?\"}]}";
        HttpResponse<String> gemini = nexus.post("/v1/messages", body.formatted("gemini-3-flash"), "x-api-key", KEY);
        assertThat(gemini.statusCode()).isEqualTo(200);
        assertThat(lastGenerate().json().at("/request/tools").toString()).contains("googleSearch");
        HttpResponse<String> claude = nexus.post("/v1/messages", body.formatted("claude-sonnet-4-5"), "x-api-key", KEY);
        assertThat(claude.statusCode()).isEqualTo(200);
        assertThat(lastGenerate().json().at("/request/tools").toString()).doesNotContain("googleSearch");
        assertThat(claude.headers().firstValue("X-Nexus-Route").orElseThrow()).contains("web search omitted");
    }

    @Test
    void badInputGetsA400InAnthropicsEnvelope() {
        HttpResponse<String> res = nexus.post("/anthropic/v1/messages", "{\"model\":\"claude-sonnet-4-5\",\"messages\":[]}",
                "x-api-key", KEY);
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(json(res.body()).path("type").asText()).isEqualTo("error");
        assertThat(json(res.body()).path("error").path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void theModelListIsClaudeShapedAndHeadSlashAnswersWithoutCredentials() {
        JsonNode list = json(nexus.get("/anthropic/v1/models", "x-api-key", KEY).body());
        assertThat(list.path("data").findValuesAsText("id")).contains("claude-sonnet-4-5", "claude-haiku-4-5");
        assertThat(list.path("data").get(0).path("type").asText()).isEqualTo("model");
        JsonNode bare = json(nexus.get("/v1/models", "x-api-key", KEY, "anthropic-version", "2023-06-01").body());
        assertThat(bare.path("has_more").isBoolean()).isTrue();
        JsonNode openai = json(nexus.get("/v1/models", "Authorization", "Bearer " + KEY).body());
        assertThat(openai.path("object").asText()).isEqualTo("list");
        assertThat(nexus.send(nexus.request("/").method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
        assertThat(AnthropicModelsFront.displayName("claude-sonnet-4-5-20250514")).isEqualTo("Claude Sonnet 4.5");
    }

    private static Tool readTool() {
        return Tool.builder().name("read_file").description("Read a file")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("path", Map.of("type", "string"))))
                        .addRequired("path")
                        .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                        .build())
                .build();
    }

    private static JsonNode part(JsonNode content, String field) {
        for (JsonNode p : content.path("parts")) {
            if (p.has(field)) {
                return p;
            }
        }
        throw new AssertionError("no " + field + " part in " + content);
    }
}
