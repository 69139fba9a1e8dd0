package dev.nexus.front;

import static org.assertj.core.api.Assertions.assertThat;

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
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.nexus.fake.CodexReply;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.FakeOpenAi;
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

/**
 * Tool loops through the Codex provider with the official SDKs: Anthropic Messages streamed, and the model's encrypted
 * reasoning kept server-side across a Chat Completions loop (no slot for it) and an Anthropic one (it rides in the
 * thinking block's signature), replayed to the Codex backend before its function call and never sent to Google.
 */
class CodexToolLoopsE2ETest {
    private static final String KEY = "sk-codex-loops-key-0001";
    private static final String MODEL = "gpt-5.2-codex";

    @TempDir
    Path dir;
    private FakeOpenAi chatgpt;
    private FakeGoogle google;
    private NexusHarness nexus;
    private OpenAIClient openai;
    private AnthropicClient claude;

    @BeforeEach
    void start() {
        chatgpt = FakeOpenAi.start();
        chatgpt.addAccount("coder@example.com", "plus");
        google = FakeGoogle.start();
        google.addAccount("alice@example.com", "proj-alice");
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", KEY).usingGoogle(google)
                .env("NEXUS_OPENAI_TOKEN_URL", chatgpt.tokenUrl()).env("NEXUS_CODEX_BASE_URL", chatgpt.codexBaseUrl());
        nexus.importChatGptAccount(chatgpt, "coder@example.com");
        NexusHarness.CliResult imported = nexus.cli("accounts", "import", "--refresh-token",
                google.account("alice@example.com").refreshToken());
        assertThat(imported.code()).as(imported.err()).isZero();
        nexus.start();
        openai = OpenAIOkHttpClient.builder().baseUrl(nexus.baseUrl() + "/v1").apiKey(KEY).maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
        claude = AnthropicOkHttpClient.builder().baseUrl(nexus.baseUrl() + "/anthropic").apiKey(KEY).maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @AfterEach
    void stop() {
        openai.close();
        claude.close();
        nexus.close();
        assertThat(chatgpt.awaitNoOpenStreams(Duration.ofSeconds(5))).as("no Codex stream left open").isTrue();
        assertThat(google.awaitNoOpenStreams(Duration.ofSeconds(5))).as("no Cloud Code stream left open").isTrue();
        chatgpt.close();
        google.close();
    }

    private List<RecordedRequest> codexCalls() {
        return chatgpt.requests("/codex/responses");
    }

    private RecordedRequest lastGenerate() {
        List<RecordedRequest> calls = google.requests().stream().filter(r -> r.path().endsWith(":generateContent") || r.path().endsWith(":streamGenerateContent")).toList();
        assertThat(calls).as("a Cloud Code generate call").isNotEmpty();
        return calls.get(calls.size() - 1);
    }

    /** The input items' types, in order. */
    private static List<String> types(JsonNode input) {
        List<String> types = new ArrayList<>();
        input.forEach(item -> types.add(item.path("type").asText()));
        return types;
    }

    private static JsonNode item(JsonNode input, String type) {
        for (JsonNode item : input) {
            if (item.path("type").asText().equals(type)) {
                return item;
            }
        }
        throw new AssertionError("no " + type + " item in " + input);
    }

    @Test
    void anAnthropicStreamThroughCodexHasTextDeltasAndUsageInMessageDelta() {
        chatgpt.script().enqueue(CodexReply.builder().text("Hel", "lo ", "there").usage(9, 0, 3, 0).build());
        List<RawMessageStreamEvent> events;
        try (StreamResponse<RawMessageStreamEvent> stream = claude.messages().createStreaming(
                MessageCreateParams.builder().model(MODEL).maxTokens(200).addUserMessage("hi").build())) {
            events = stream.stream().toList();
        }
        String text = events.stream().flatMap(e -> e.contentBlockDelta().stream()).flatMap(d -> d.delta().text().stream())
                .map(t -> t.text()).collect(Collectors.joining());
        assertThat(text).isEqualTo("Hello there");
        var delta = events.stream().flatMap(e -> e.messageDelta().stream()).reduce((a, b) -> b).orElseThrow();
        assertThat(delta.delta().stopReason()).hasValueSatisfying(r -> assertThat(r.asString()).isEqualTo("end_turn"));
        assertThat(delta.usage().outputTokens()).isEqualTo(3);
        assertThat(delta.usage().inputTokens()).contains(9L);
        assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
    }

    @Test
    void anAnthropicStreamedToolUseRoundTripReplaysTheEncryptedReasoningFromTheThinkingBlock() {
        String encrypted = "gAAAA-loop-anthropic-7f3c";
        chatgpt.script().enqueue(CodexReply.builder().reasoning("I should read it", encrypted)
                .functionCall("call_7", "read_file", "{\"path\":\"/tmp/a.txt\"}").usage(20, 0, 6, 4).build());
        MessageCreateParams.Builder ask = MessageCreateParams.builder().model(MODEL).maxTokens(2048).enabledThinking(1024)
                .addTool(readTool()).addUserMessage("what is in /tmp/a.txt?");
        MessageAccumulator accumulated = MessageAccumulator.create();
        List<String> starts = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> stream = claude.messages().createStreaming(ask.build())) {
            stream.stream().forEach(e -> {
                accumulated.accumulate(e);
                e.contentBlockStart().ifPresent(s -> starts.add(s.contentBlock().isToolUse() ? "tool_use"
                        : s.contentBlock().isThinking() ? "thinking" : "other"));
            });
        }
        Message answer = accumulated.message();
        assertThat(starts).containsExactly("thinking", "tool_use");
        assertThat(answer.stopReason()).hasValueSatisfying(r -> assertThat(r.asString()).isEqualTo("tool_use"));
        ContentBlock thinking = answer.content().get(0);
        assertThat(thinking.asThinking().thinking()).isEqualTo("I should read it");
        assertThat(thinking.asThinking().signature()).as("the encrypted reasoning rides in the signature")
                .startsWith("nx1.").endsWith(encrypted);
        var call = answer.content().get(1).asToolUse();
        assertThat(call.id()).isEqualTo("call_7");
        assertThat(call.name()).isEqualTo("read_file");
        assertThat(call._input().toString()).contains("/tmp/a.txt");
        assertThat(answer.usage().outputTokens()).isEqualTo(6);

        chatgpt.script().enqueue(CodexReply.text("It says ", "hello."));
        MessageCreateParams next = ask.addMessage(answer).addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                ToolResultBlockParam.builder().toolUseId("call_7").content("hello").build()))).build();
        String text;
        try (StreamResponse<RawMessageStreamEvent> stream = claude.messages().createStreaming(next)) {
            text = stream.stream().flatMap(e -> e.contentBlockDelta().stream()).flatMap(d -> d.delta().text().stream())
                    .map(t -> t.text()).collect(Collectors.joining());
        }
        assertThat(text).isEqualTo("It says hello.");
        JsonNode input = codexCalls().get(1).json().path("input");
        assertThat(types(input)).containsExactly("message", "reasoning", "function_call", "function_call_output");
        assertThat(item(input, "reasoning").path("encrypted_content").asText()).isEqualTo(encrypted);
        assertThat(item(input, "function_call").path("call_id").asText()).isEqualTo("call_7");
        assertThat(item(input, "function_call_output").path("output").asText()).contains("hello");

        // The same conversation moved to Claude on Cloud Code: the Codex reasoning stays behind.
        google.script().enqueue(Reply.text("Still hello."));
        MessageCreateParams moved = next.toBuilder().model("claude-sonnet-4-5").build();
        Message onGoogle = claude.messages().create(moved);
        assertThat(onGoogle.content().get(onGoogle.content().size() - 1).asText().text()).isEqualTo("Still hello.");
        String sentToGoogle = lastGenerate().body();
        assertThat(sentToGoogle).contains("read_file").doesNotContain(encrypted).doesNotContain("gAAAA");
    }

    @Test
    void anAnthropicClientThatDropsTheThinkingBlockStillHasTheReasoningReplayedServerSide() {
        String encrypted = "gAAAA-loop-quiet-52aa";
        chatgpt.script().enqueue(CodexReply.builder().reasoning("I should read it", encrypted)
                .functionCall("call_8", "read_file", "{\"path\":\"/tmp/b.txt\"}").build());
        MessageCreateParams.Builder ask = MessageCreateParams.builder().model(MODEL).maxTokens(1024)
                .addTool(readTool()).addUserMessage("what is in /tmp/b.txt?");
        Message answer = claude.messages().create(ask.build());
        var call = answer.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow().asToolUse();

        // Without thinking switched on, a client may replay only the tool_use: the gateway remembers the call's reasoning.
        chatgpt.script().enqueue(CodexReply.text("It says bye."));
        Message done = claude.messages().create(ask.addAssistantMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolUse(
                        com.anthropic.models.messages.ToolUseBlockParam.builder().id(call.id()).name(call.name())
                                .input(com.anthropic.models.messages.ToolUseBlockParam.Input.builder().putAdditionalProperty("path",
                                        com.anthropic.core.JsonValue.from("/tmp/b.txt")).build()).build())))
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder().toolUseId("call_8").content("bye").build())))
                .build());
        assertThat(done.content().get(0).asText().text()).isEqualTo("It says bye.");
        JsonNode input = codexCalls().get(1).json().path("input");
        assertThat(types(input)).containsExactly("message", "reasoning", "function_call", "function_call_output");
        assertThat(item(input, "reasoning").path("encrypted_content").asText()).isEqualTo(encrypted);
    }

    @Test
    void aChatToolLoopGetsItsEncryptedReasoningBackServerSideAndGoogleNeverSeesIt() {
        String encrypted = "gAAAA-loop-chat-91bd";
        chatgpt.script().enqueue(CodexReply.builder().reasoning("weather needs a lookup", encrypted)
                .functionCall("call_1", "get_weather", "{\"city\":\"Paris\"}").build());
        FunctionDefinition weather = FunctionDefinition.builder().name("get_weather").description("weather in a city")
                .parameters(FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .build()).build();
        ChatCompletionCreateParams first = ChatCompletionCreateParams.builder().model(MODEL)
                .addUserMessage("weather in Paris?").addFunctionTool(weather).build();
        ChatCompletion call = openai.chat().completions().create(first);
        assertThat(call.toString()).doesNotContain(encrypted);
        ChatCompletionMessageToolCall toolCall = call.choices().get(0).message().toolCalls().orElseThrow().get(0);
        ChatCompletionCreateParams next = first.toBuilder().addMessage(call.choices().get(0).message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(toolCall.asFunction().id())
                        .content("{\"temp\":\"18C\"}").build()).build();

        chatgpt.script().enqueue(CodexReply.text("It is 18C."));
        assertThat(openai.chat().completions().create(next).choices().get(0).message().content()).contains("It is 18C.");
        List<RecordedRequest> calls = codexCalls();
        assertThat(calls).hasSize(2);
        JsonNode input = calls.get(1).json().path("input");
        assertThat(types(input)).containsExactly("message", "reasoning", "function_call", "function_call_output");
        assertThat(item(input, "reasoning").path("encrypted_content").asText()).isEqualTo(encrypted);
        assertThat(item(input, "function_call").path("call_id").asText()).isEqualTo("call_1");

        // The same conversation sent to a Gemini model: the restored Codex signature is not Google's to see.
        google.script().enqueue(Reply.text("Sunny."));
        ChatCompletion onGoogle = openai.chat().completions().create(next.toBuilder().model("gemini-2.5-flash").build());
        assertThat(onGoogle.choices().get(0).message().content()).contains("Sunny.");
        String sentToGoogle = lastGenerate().body();
        assertThat(sentToGoogle).contains("get_weather").doesNotContain(encrypted).doesNotContain("gAAAA");
    }

    @Test
    void aLoopThatMovesToAnotherChatGptAccountLeavesTheFirstAccountsReasoningBehind() throws Exception {
        // A server of its own with two ChatGPT accounts; the loop starts on the first (pinned), which then reaches its
        // usage limit. The second cannot open the first's reasoning (the fake, like the real backend, refuses it with
        // invalid_encrypted_content), so it must not be sent there.
        chatgpt.addAccount("second@example.com", "plus");
        try (NexusHarness two = new NexusHarness(java.nio.file.Files.createDirectories(dir.resolve("two"))).env("NEXUS_API_KEY", KEY)
                .env("NEXUS_OPENAI_TOKEN_URL", chatgpt.tokenUrl()).env("NEXUS_CODEX_BASE_URL", chatgpt.codexBaseUrl())) {
            two.importChatGptAccount(chatgpt, "coder@example.com");
            two.importChatGptAccount(chatgpt, "second@example.com");
            two.start();
            OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(two.baseUrl() + "/v1").apiKey(KEY).maxRetries(0)
                    .timeout(Duration.ofSeconds(30)).build();
            String encrypted = "gAAAA-loop-moved-2c41";
            chatgpt.script().enqueue(CodexReply.builder().reasoning("weather needs a lookup", encrypted)
                    .functionCall("call_1", "get_weather", "{\"city\":\"Paris\"}").build());
            FunctionDefinition weather = FunctionDefinition.builder().name("get_weather")
                    .parameters(FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object")).build()).build();
            ChatCompletionCreateParams first = ChatCompletionCreateParams.builder().model(MODEL)
                    .addUserMessage("weather in Paris?").addFunctionTool(weather).build();
            ChatCompletion call = client.chat().completions().create(first.toBuilder()
                    .putAdditionalHeader("X-Nexus-Account", "coder@example.com").build());
            ChatCompletionMessageToolCall toolCall = call.choices().get(0).message().toolCalls().orElseThrow().get(0);
            ChatCompletionCreateParams next = first.toBuilder().addMessage(call.choices().get(0).message())
                    .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(toolCall.asFunction().id())
                            .content("{\"temp\":\"18C\"}").build()).build();

            chatgpt.limitUsage("coder@example.com", Duration.ofMinutes(30));
            chatgpt.script().enqueue(CodexReply.text("It is 18C."));
            assertThat(client.chat().completions().create(next).choices().get(0).message().content()).contains("It is 18C.");
            client.close();

            RecordedRequest last = codexCalls().get(codexCalls().size() - 1);
            assertThat(last.header("chatgpt-account-id")).isEqualTo(chatgpt.account("second@example.com").chatgptAccountId());
            assertThat(types(last.json().path("input"))).containsExactly("message", "function_call", "function_call_output");
            assertThat(last.body()).doesNotContain(encrypted);
        }
    }

    private static Tool readTool() {
        return Tool.builder().name("read_file").description("reads a file")
                .inputSchema(Tool.InputSchema.builder().properties(com.anthropic.core.JsonValue.from(
                        Map.of("path", Map.of("type", "string")))).build()).build();
    }
}
