package dev.nexus.front;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.nexus.fake.FakeGeminiApi;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.fake.Reply;
import dev.nexus.testing.NexusHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model routes to the key-based upstreams: the OpenAI, Anthropic and GenAI surfaces answered by the (fake) Gemini
 * API and Vertex AI through the Gemini dialect or as pass-through, with the gateway choosing keys.
 */
class KeyedRoutesE2ETest {
    private static final String CLIENT_KEY = "sk-nexus-keyed-routes-0001";
    private static final String KEY_ONE = "AIza-route-key-one-111111";
    private static final String KEY_TWO = "AIza-route-key-two-222222";
    private static final String VERTEX_KEY = "AQ.vertex-route-key-333333";
    @TempDir
    Path dir;
    private FakeGeminiApi google;
    private NexusHarness nexus;
    private OpenAIClient openai;

    @BeforeEach
    void start() {
        google = FakeGeminiApi.start().acceptKey(KEY_ONE).acceptKey(KEY_TWO).acceptKey(VERTEX_KEY);
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", CLIENT_KEY)
                .env("NEXUS_GEMINI_API_KEYS", KEY_ONE + "," + KEY_TWO)
                .env("NEXUS_GEMINI_BASE_URL", google.baseUrl())
                .env("NEXUS_VERTEX_API_KEY", VERTEX_KEY)
                .env("NEXUS_VERTEX_BASE_URL", google.baseUrl())
                .start();
        nexus.route("gpt-4o", "gemini", "gemini-2.5-flash");
        nexus.route("claude-sonnet-4-5", "vertex", "google/gemini-2.5-pro");
        nexus.route("my-genai-alias", "gemini", "gemini-2.5-flash");
        openai = OpenAIOkHttpClient.builder().baseUrl(nexus.baseUrl() + "/v1").apiKey(CLIENT_KEY).maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @AfterEach
    void stop() {
        openai.close();
        nexus.close();
        assertThat(google.awaitNoOpenStreams(Duration.ofSeconds(5))).isTrue();
        google.close();
    }

    private static ChatCompletionCreateParams ask(String model, String text) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(text).build();
    }

    @Test
    void anOpenAiClientIsAnsweredByTheGeminiApiThroughTheGeminiDialect() {
        google.script().enqueue(Reply.builder().text("Hello ", "from the Gemini API").usage(7, 4, 0, 0).build());
        ChatCompletion answer = openai.chat().completions().create(ask("gpt-4o", "hi"));
        assertThat(answer.choices().get(0).message().content()).contains("Hello from the Gemini API");
        assertThat(answer.usage().orElseThrow().promptTokens()).isEqualTo(7);
        RecordedRequest sent = google.requests().get(0);
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(sent.header("x-goog-api-key")).isEqualTo(KEY_ONE);
        assertThat(sent.json().at("/contents/0/parts/0/text").asText()).isEqualTo("hi");
        assertThat(sent.json().has("project")).as("no Cloud Code envelope").isFalse();
        assertThat(sent.body()).doesNotContain(CLIENT_KEY);
    }

    @Test
    void aStreamingChatIsAnsweredChunkByChunk() {
        google.script().enqueue(Reply.builder().text("one ", "two ", "three").build());
        String text;
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(ask("gpt-4o", "count"))) {
            text = stream.stream().flatMap(c -> c.choices().stream()).flatMap(c -> c.delta().content().stream())
                    .collect(Collectors.joining());
        }
        assertThat(text).isEqualTo("one two three");
        assertThat(google.requests().get(0).path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
        assertThat(google.requests().get(0).queryParam("alt")).isEqualTo("sse");
    }

    @Test
    void aRateLimitedKeyHandsOverToTheNextAndTheProxySurfaceSticksToItToo() {
        google.rateLimit(KEY_ONE, Duration.ofSeconds(30));
        HttpResponse<String> res = nexus.post("/v1/chat/completions", "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("X-Nexus-Route").orElse("")).isEqualTo(
                "resolved gpt-4o -> gemini-2.5-flash (route); gemini/gemini-2.5-flash@key2; tried gemini/gemini-2.5-flash@key1:429");
        google.liftRateLimit(KEY_ONE);
        HttpResponse<String> proxied = nexus.post("/v1beta/models/gemini-2.5-flash:generateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}", "x-goog-api-key", CLIENT_KEY);
        assertThat(proxied.statusCode()).isEqualTo(200);
        assertThat(google.requests().get(google.requests().size() - 1).header("x-goog-api-key"))
                .as("the key proxy starts from the key the gateway found working").isEqualTo(KEY_TWO);
    }

    @Test
    void everyKeyLimitedIsA429WithRetryAfterInTheClientsDialect() {
        google.rateLimit(KEY_ONE, Duration.ofSeconds(30));
        google.rateLimit(KEY_TWO, Duration.ofSeconds(45));
        assertThatThrownBy(() -> openai.chat().completions().create(ask("gpt-4o", "hi")))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.headers().values("Retry-After")).isNotEmpty();
                    assertThat(Long.parseLong(e.headers().values("Retry-After").get(0))).isBetween(25L, 31L);
                });
    }

    @Test
    void anAnthropicClientIsAnsweredByVertexWithTheKeyInjectedAndGooglePrefixDropped() {
        google.script().enqueue(Reply.text("Vertex says hi"));
        AnthropicClient anthropic = AnthropicOkHttpClient.builder().baseUrl(nexus.baseUrl() + "/anthropic").apiKey(CLIENT_KEY)
                .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
        try {
            Message message = anthropic.messages().create(MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(256)
                    .addUserMessage("hi").build());
            assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Vertex says hi");
        } finally {
            anthropic.close();
        }
        RecordedRequest sent = google.requests().get(0);
        assertThat(sent.path()).isEqualTo("/v1/publishers/google/models/gemini-2.5-pro:generateContent");
        assertThat(sent.header("x-goog-api-key")).isEqualTo(VERTEX_KEY);
    }

    @Test
    void aGenAiRequestRoutedToTheGeminiApiIsRelayedAsItIsUnderTheTargetModel() {
        String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"futureField\":{\"kept\":true}}";
        HttpResponse<String> res = nexus.post("/genai/v1beta/models/my-genai-alias:streamGenerateContent?alt=sse", body,
                "x-goog-api-key", CLIENT_KEY);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).startsWith("data: {").contains("Hello from fake");
        RecordedRequest sent = google.requests().get(0);
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
        assertThat(sent.json().at("/futureField/kept").asBoolean()).isTrue();
        assertThat(sent.header("x-goog-api-key")).isEqualTo(KEY_ONE);
    }

    @Test
    void aRefusedKeyPassesTheRequestToTheNextKey() {
        google.close();
        FakeGeminiApi strict = FakeGeminiApi.start().acceptKey(KEY_TWO);
        google = strict;
        nexus.close();
        nexus = new NexusHarness(dir.resolve("second")).env("NEXUS_API_KEY", CLIENT_KEY)
                .env("NEXUS_GEMINI_API_KEYS", KEY_ONE + "," + KEY_TWO).env("NEXUS_GEMINI_BASE_URL", strict.baseUrl()).start();
        nexus.route("gpt-4o", "gemini", "gemini-2.5-flash");
        HttpResponse<String> res = nexus.post("/v1/chat/completions", "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(strict.requests()).extracting(r -> r.header("x-goog-api-key")).containsExactly(KEY_ONE, KEY_TWO);
        assertThat(json(res.body()).at("/choices/0/message/content").asText()).isEqualTo("Hello from fake");
    }
}
