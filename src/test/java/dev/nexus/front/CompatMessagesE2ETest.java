package dev.nexus.front;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.nexus.fake.AnthropicReply;
import dev.nexus.fake.CompatReply;
import dev.nexus.fake.FakeOpenAiCompat;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.testing.NexusHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalog provider that speaks Anthropic Messages too ({@code capabilities: [openai.chat, anthropic.messages]}, as
 * OpenRouter does): Anthropic clients are relayed to its {@code /v1/messages} with the server's key as a bearer token,
 * OpenAI clients to its Chat Completions; an entry that speaks only Anthropic Messages answers OpenAI clients through
 * the canonical model.
 */
class CompatMessagesE2ETest {
    private static final String CLIENT_KEY = "sk-nexus-router-client-01";
    private static final String ROUTER_KEY = "sk-or-router-key-000001";
    private static final String CLAUDE = "anthropic/claude-sonnet-4.5";
    private static final String GPT = "openai/gpt-4o-mini";

    @TempDir
    Path dir;
    private FakeOpenAiCompat router;
    private FakeOpenAiCompat messagesOnly;
    private NexusHarness nexus;
    private AnthropicClient anthropic;
    private OpenAIClient openai;

    @BeforeEach
    void start() throws IOException {
        router = FakeOpenAiCompat.start().acceptKey(ROUTER_KEY).addModel(CLAUDE).addModel(GPT);
        messagesOnly = FakeOpenAiCompat.start().acceptKey(ROUTER_KEY).addModel(CLAUDE);
        Path catalog = dir.resolve("catalog.yaml");
        Files.writeString(catalog, """
                providers:
                  - id: router
                    base_url: %s
                    capabilities: [openai.chat, anthropic.messages]
                    static_headers: {X-Title: nexus-test}
                  - id: claudeonly
                    base_url: %s
                    capabilities: [anthropic.messages]
                """.formatted(router.baseUrl(), messagesOnly.baseUrl()));
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", CLIENT_KEY)
                .env("NEXUS_OPENAI_COMPAT_PROVIDERS_FILE", catalog.toString())
                .env("NEXUS_ROUTER_API_KEY", ROUTER_KEY).env("NEXUS_CLAUDEONLY_API_KEY", ROUTER_KEY).start();
        nexus.route("claude-sonnet-4-5", "router", CLAUDE);
        nexus.route("gpt-4o", "router", GPT);
        nexus.route("gpt-4.1", "claudeonly", CLAUDE);
        anthropic = nexus.anthropic(CLIENT_KEY);
        openai = nexus.openAi(CLIENT_KEY);
    }

    @AfterEach
    void stop() {
        anthropic.close();
        openai.close();
        nexus.close();
        assertThat(router.awaitNoOpenStreams(Duration.ofSeconds(5))).isTrue();
        router.close();
        messagesOnly.close();
    }

    private static MessageCreateParams ask(String text) {
        return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(256).addUserMessage(text).build();
    }

    @Test
    void anAnthropicClientIsRelayedToTheProvidersMessagesEndpointWithTheServerKeyAsABearer() {
        router.enqueueMessage(AnthropicReply.text("Hello from ", "the router"));
        Message answer = anthropic.messages().create(ask("hi"));
        assertThat(answer.content().get(0).asText().text()).isEqualTo("Hello from the router");

        assertThat(router.chats()).as("not through Chat Completions").isEmpty();
        RecordedRequest sent = router.messageRequests().get(0);
        assertThat(sent.json().path("model").asText()).isEqualTo(CLAUDE);
        assertThat(sent.header("authorization")).isEqualTo("Bearer " + ROUTER_KEY);
        assertThat(sent.header("x-api-key")).isNull();
        assertThat(sent.header("x-title")).isEqualTo("nexus-test");
        assertThat(sent.headers().toString() + sent.body()).doesNotContain(CLIENT_KEY);
    }

    @Test
    void anAnthropicStreamIsRelayedEventByEvent() {
        router.enqueueMessage(AnthropicReply.text("one ", "two"));
        StringBuilder text = new StringBuilder();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(ask("count"))) {
            stream.stream().forEach(event -> event.contentBlockDelta()
                    .ifPresent(delta -> delta.delta().text().ifPresent(t -> text.append(t.text()))));
        }
        assertThat(text.toString()).isEqualTo("one two");
        assertThat(router.messageRequests().get(0).json().path("stream").asBoolean()).isTrue();
    }

    @Test
    void anOpenAiClientOnTheSameProviderTakesItsChatCompletions() {
        router.enqueue(CompatReply.text("Hello ", "OpenAI"));
        ChatCompletion answer = openai.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-4o")
                .addUserMessage("hi").build());
        assertThat(answer.choices().get(0).message().content()).hasValue("Hello OpenAI");
        assertThat(router.chats()).hasSize(1);
        assertThat(router.messageRequests()).isEmpty();
    }

    @Test
    void aProviderThatSpeaksOnlyAnthropicMessagesAnswersOpenAiClientsThroughTheCanonicalModel() {
        messagesOnly.enqueueMessage(AnthropicReply.text("Claude ", "via Messages"));
        ChatCompletion answer = openai.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-4.1")
                .addUserMessage("hi").build());
        assertThat(answer.choices().get(0).message().content()).hasValue("Claude via Messages");
        RecordedRequest sent = messagesOnly.messageRequests().get(0);
        assertThat(sent.json().path("model").asText()).isEqualTo(CLAUDE);
        assertThat(sent.json().path("max_tokens").asInt()).isPositive();
        assertThat(sent.header("authorization")).isEqualTo("Bearer " + ROUTER_KEY);
    }
}
