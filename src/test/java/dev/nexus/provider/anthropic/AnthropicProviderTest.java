package dev.nexus.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.ChatResponse;
import dev.nexus.chat.Message;
import dev.nexus.chat.Part;
import dev.nexus.chat.UpstreamError;
import dev.nexus.fake.AnthropicReply;
import dev.nexus.fake.FakeAnthropic;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.provider.AnthropicRelay;
import dev.nexus.provider.Credentials;
import dev.nexus.provider.Outcome;
import dev.nexus.secret.Secret;
import dev.nexus.upstream.UpstreamHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The provider as a catalog entry builds it (its own id, a base URL ending in {@code /v1}, a bearer key, static
 * headers), against the fake Anthropic API: what goes out, and how the answer and failures come back.
 */
class AnthropicProviderTest {
    private static final String KEY = "sk-or-catalog-key-0001";
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private final FakeAnthropic fake = FakeAnthropic.start().acceptBearer().acceptKey(KEY);
    private final UpstreamHttp http = new UpstreamHttp(Duration.ofSeconds(5));
    private final ObjectMapper json = new ObjectMapper();
    private final AnthropicProvider provider = provider(fake.baseUrl() + "/v1/");
    private final Credentials credentials = new Credentials("key1", Secret.of(KEY));

    private AnthropicProvider provider(String baseUrl) {
        return new AnthropicProvider(http, json, Clock.fixed(NOW, ZoneOffset.UTC), new AnthropicUpstream("acme", "ACME",
                URI.create(baseUrl), Map.of("X-Title", "nexus"), Duration.ofSeconds(10), "NEXUS_ACME_API_KEY",
                AnthropicUpstream.KeyHeader.BEARER));
    }

    @AfterEach
    void close() {
        http.close();
        assertThat(fake.awaitNoOpenStreams(Duration.ofSeconds(5))).isTrue();
        fake.close();
    }

    private static ChatRequest hi(boolean stream) {
        return ChatRequest.of("claude-haiku-4-5", List.of(Message.user("hi"))).withStream(stream);
    }

    @Test
    void aCanonicalCallGoesToMessagesWithTheKeyAsBearerTheVersionAndTheStaticHeaders() {
        fake.enqueue(AnthropicReply.text("streamed ", "answer"));
        List<ChatEvent> events = new ArrayList<>();
        assertThat(provider.id()).isEqualTo("acme");
        assertThat(provider.call(hi(true), credentials, "req_1", events::add)).isEqualTo(Outcome.DONE);
        assertThat(ChatResponse.collect(events).content()).containsExactly(new Part.Text("streamed answer"));

        RecordedRequest sent = fake.messageRequests().get(0);
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(sent.header("x-api-key")).isNull();
        assertThat(sent.header("anthropic-version")).isEqualTo(AnthropicProvider.VERSION);
        assertThat(sent.header("x-title")).isEqualTo("nexus");
        assertThat(sent.json().path("stream").asBoolean()).isTrue();
    }

    @Test
    void aNonStreamingCallReadsTheMessageBodyIntoTheSameEvents() {
        fake.enqueue(AnthropicReply.builder().text("whole").usage(4, 2).build());
        List<ChatEvent> events = new ArrayList<>();
        assertThat(provider.call(hi(false), credentials, "req_1", events::add)).isEqualTo(Outcome.DONE);
        ChatResponse answer = ChatResponse.collect(events);
        assertThat(answer.content()).containsExactly(new Part.Text("whole"));
        assertThat(answer.usage().inputTokens()).isEqualTo(4);
        assertThat(fake.messageRequests().get(0).json().has("stream")).isFalse();
    }

    @Test
    void aRelayForwardsOnlyTheClientsVersionAndBetasAndRewritesOnlyTheModel() throws Exception {
        ObjectNode body = (ObjectNode) json.readTree("{\"model\":\"client-name\",\"max_tokens\":5,\"unknown\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        List<String> answer = new ArrayList<>();
        Outcome outcome = provider.relay(body, Map.of("anthropic-version", "2026-10-21", "anthropic-beta", "b1,b2",
                "x-api-key", "sk-client-key", "Authorization", "Bearer sk-client-key"), "claude-haiku-4-5", credentials, "req_1",
                new AnthropicRelay.Sink() {
                    @Override
                    public void event(String name, byte[] data) {
                        throw new AssertionError("not a stream");
                    }

                    @Override
                    public void message(byte[] message) {
                        answer.add(new String(message, StandardCharsets.UTF_8));
                    }
                });
        assertThat(outcome).isEqualTo(Outcome.DONE);
        assertThat(answer.get(0)).contains("Hello from fake Anthropic");
        RecordedRequest sent = fake.messageRequests().get(0);
        assertThat(sent.json().path("model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(sent.json().path("unknown").asBoolean()).isTrue();
        assertThat(sent.header("anthropic-version")).isEqualTo("2026-10-21");
        assertThat(sent.headers().get("anthropic-version")).hasSize(1);
        assertThat(sent.header("anthropic-beta")).isEqualTo("b1,b2");
        assertThat(sent.header("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(sent.headers().toString()).doesNotContain("sk-client-key");
    }

    @Test
    void aRateLimitRestsUntilRetryAfterAndAWrongKeyNamesTheVariable() {
        fake.rateLimit(KEY, Duration.ofSeconds(40));
        Outcome limited = provider.call(hi(true), credentials, "req_1", event -> { });
        assertThat(limited).isInstanceOfSatisfying(Outcome.RateLimited.class, r -> {
            assertThat(Duration.between(NOW, r.until()).toSeconds()).isBetween(38L, 40L);
            assertThat(r.error().retryAfter()).isPresent();
        });
        Outcome refused = provider.call(hi(true), new Credentials("key2", Secret.of("sk-or-wrong")), "req_2", event -> { });
        assertThat(refused).isInstanceOfSatisfying(Outcome.AccountUnusable.class,
                u -> assertThat(u.error().message()).contains("ACME", "key2", "NEXUS_ACME_API_KEY"));
    }

    @Test
    void anUnreachableUpstreamIsRetryableAndNamesWhereItWasLookedFor() {
        AnthropicProvider nowhere = provider("http://127.0.0.1:9");
        Outcome outcome = nowhere.call(hi(false), credentials, "req_1", event -> { });
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Retryable.class, r -> {
            assertThat(r.error().kind()).isEqualTo(UpstreamError.Kind.UPSTREAM);
            assertThat(r.error().message()).contains("ACME", "http://127.0.0.1:9");
        });
    }
}
