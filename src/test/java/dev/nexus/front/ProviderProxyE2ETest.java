package dev.nexus.front;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.CompatReply;
import dev.nexus.fake.FakeOpenAiCompat;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.testing.NexusHarness;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ANY /{provider}/…} (issue 16 §3): the catalog provider {@code acme} reached through Nexus with the client's
 * Nexus key, the fake upstream seeing only the server's key and static headers — never the client's key, in whichever
 * carrier it came — and the answer relayed as it arrives.
 */
class ProviderProxyE2ETest {
    private static final String CLIENT_KEY = "sk-nexus-pass-client-0001";
    private static final String KEY_ONE = "sk-acme-pass-one-111111";
    private static final String KEY_TWO = "sk-acme-pass-two-222222";
    private static final String MODEL = "acme/gpt-4o-mini";
    private static final Duration SOON = Duration.ofSeconds(10);
    @TempDir
    Path dir;
    private FakeOpenAiCompat acme;
    private NexusHarness nexus;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws IOException {
        acme = FakeOpenAiCompat.start().acceptKey(KEY_ONE).acceptKey(KEY_TWO).addModel(MODEL);
        Path catalog = dir.resolve("catalog.yaml");
        Files.writeString(catalog, """
                providers:
                  - id: acme
                    base_url: %s
                    capabilities: [openai.chat, anthropic.messages]
                    static_headers: {X-Title: nexus-test}
                  - id: ghost
                    base_url: https://ghost.invalid/v1
                  - id: api
                    base_url: https://clash.invalid/v1
                  - id: dead
                    base_url: http://127.0.0.1:1/v1
                """.formatted(acme.baseUrl()));
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", CLIENT_KEY)
                .env("NEXUS_OPENAI_COMPAT_PROVIDERS_FILE", catalog.toString())
                .env("NEXUS_ACME_API_KEY", KEY_ONE + "," + KEY_TWO)
                .env("NEXUS_API_API_KEY", "sk-clash-333333")
                .env("NEXUS_DEAD_API_KEY", "sk-dead-444444")
                .start();
    }

    @AfterEach
    void stop() {
        nexus.close();
        assertThat(acme.awaitNoOpenStreams(Duration.ofSeconds(5))).isTrue();
        acme.close();
        http.close();
    }

    private static String chat(boolean stream) {
        // odd spacing and an unknown field: the body must arrive byte for byte
        return "{ \"model\" : \"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"x_vendor\":{\"a\":[1, 2.50]}"
                + (stream ? ",\"stream\":true" : "") + " }";
    }

    /** Asserts the upstream request carried the server's key and static header, and nothing of the client's key. */
    private static void sentWithServerKey(RecordedRequest sent, String key) {
        assertThat(sent.header("authorization")).isEqualTo("Bearer " + key);
        assertThat(sent.header("x-title")).isEqualTo("nexus-test");
        assertThat(sent.header("x-goog-api-key")).isNull();
        assertThat(sent.header("x-api-key")).isNull();
        assertThat(sent.header("api-key")).isNull();
        assertThat(sent.queryParam("key")).isNull();
        assertThat(sent.headers().toString()).doesNotContain(CLIENT_KEY);
        assertThat(String.valueOf(sent.query())).doesNotContain(CLIENT_KEY);
        assertThat(sent.body()).doesNotContain(CLIENT_KEY);
    }

    @Test
    void chatCompletionsPassThroughWithTheServersKeyAndNeverTheClients() {
        String body = chat(false);
        HttpResponse<String> res = nexus.send(nexus.request("/acme/v1/chat/completions?key=" + CLIENT_KEY + "&trace=on&x=1%202")
                .header("Authorization", "Bearer " + CLIENT_KEY).header("x-goog-api-key", CLIENT_KEY).header("api-key", CLIENT_KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(json(res.body()).at("/choices/0/message/content").asText()).isEqualTo("Hello from " + MODEL);
        RecordedRequest sent = acme.requests().getLast();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.query()).isEqualTo("trace=on&x=1%202");
        assertThat(sent.body()).isEqualTo(body);
        sentWithServerKey(sent, KEY_ONE);
    }

    @Test
    void aStreamIsRelayedAsItArrives() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        acme.enqueue(CompatReply.builder().text("first", "second", "third").holdAfter(1, release).build());
        HttpRequest request = nexus.request("/acme/v1/chat/completions").header("x-api-key", CLIENT_KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(chat(true))).build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
            InputStream in = response.body();
            String head = LiveReads.until(in, "\"first\"", SOON);
            assertThat(head).startsWith("data: ").doesNotContain("second");

            release.countDown();
            String whole = head + new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(whole).contains("\"second\"", "\"third\"").endsWith("data: [DONE]\n\n");
        } finally {
            release.countDown();
        }
        sentWithServerKey(acme.requests().getLast(), KEY_ONE);
    }

    @Test
    void modelsPassThrough() {
        HttpResponse<String> res = nexus.get("/acme/v1/models?key=" + CLIENT_KEY);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(json(res.body()).at("/data/0/id").asText()).isEqualTo(MODEL);
        RecordedRequest sent = acme.requests("/v1/models").getLast();
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.query()).isNull();
        sentWithServerKey(sent, KEY_ONE);
    }

    @Test
    void anthropicMessagesPassThroughWithTheirHeadersAndAJsonContentTypeByDefault() {
        String body = "{\"model\":\"" + MODEL + "\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResponse<String> res = nexus.send(nexus.request("/acme/v1/messages").header("x-api-key", CLIENT_KEY)
                .header("anthropic-version", "2023-06-01").POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(json(res.body()).at("/content/0/text").asText()).isEqualTo("Hello from fake Anthropic");
        RecordedRequest sent = acme.requests("/v1/messages").getLast();
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.header("content-type")).isEqualTo("application/json");
        assertThat(sent.body()).isEqualTo(body);
        sentWithServerKey(sent, KEY_ONE);
    }

    @Test
    void withoutAClientKeyTheAnswerIs401AndNothingGoesUpstream() {
        HttpResponse<String> res = nexus.post("/acme/v1/chat/completions", chat(false));
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(json(res.body()).at("/error/message").asText()).startsWith("missing API key");
        assertThat(json(res.body()).at("/error/type").asText()).as("OpenAI's envelope").isEqualTo("authentication_error");
        assertThat(json(res.body()).at("/error/code").asText()).isEqualTo("missing_api_key");
        HttpResponse<String> wrong = nexus.get("/acme/v1/models", "Authorization", "Bearer sk-not-a-nexus-key");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(acme.requests()).isEmpty();
    }

    @Test
    void anUnknownProviderIs404NamingItAndTheCatalog() {
        HttpResponse<String> res = nexus.get("/nope/v1/models", "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(res.statusCode()).isEqualTo(404);
        String message = json(res.body()).at("/error/message").asText();
        assertThat(message).contains("unknown provider 'nope'", "acme", "dead", "ghost");
        assertThat(json(res.body()).at("/error/type").asText()).as("OpenAI's envelope").isEqualTo("not_found_error");
        assertThat(json(res.body()).at("/error/code").asText()).isEqualTo("unknown_provider");
    }

    @Test
    void aProviderWithoutAKeyIs503NamingTheVariable() {
        HttpResponse<String> res = nexus.get("/ghost/v1/models", "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(res.statusCode()).isEqualTo(503);
        assertThat(json(res.body()).at("/error/message").asText()).contains("'ghost'", "NEXUS_GHOST_API_KEY");
    }

    @Test
    void theServersOwnPathsWinAndAClashingIdIsRefused() {
        HttpResponse<String> models = nexus.get("/v1/models", "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(models.statusCode()).isEqualTo(200);
        HttpResponse<String> admin = nexus.get("/api/no-such/thing", "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(admin.statusCode()).isEqualTo(404);
        assertThat(admin.body()).contains("no endpoint").doesNotContain("unknown provider");
        assertThat(nexus.get("/healthz").statusCode()).isEqualTo(200);
        assertThat(acme.requests()).isEmpty();
        JsonNode providers = json(nexus.get("/api/providers").body());
        assertThat(providers.toString()).contains("acme").doesNotContain("clash.invalid");
    }

    @Test
    void aRateLimitedKeyPassesToTheNextWhichStays() {
        acme.rateLimit(KEY_ONE, Duration.ofSeconds(60));
        HttpResponse<String> first = nexus.get("/acme/v1/models", "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(acme.requests()).extracting(r -> r.header("authorization"))
                .containsExactly("Bearer " + KEY_ONE, "Bearer " + KEY_TWO);

        acme.liftRateLimit(KEY_ONE);
        HttpResponse<String> second = nexus.get("/acme/v1/models", "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(acme.requests().getLast().header("authorization")).isEqualTo("Bearer " + KEY_TWO);
        assertThat(acme.requests()).hasSize(3);
    }

    @Test
    void theMonitorRecordsTheRequestWithItsProviderStatusAndUsage() {
        HttpResponse<String> models = nexus.get("/acme/v1/models?key=" + CLIENT_KEY);
        assertThat(models.statusCode()).isEqualTo(200);
        String streamWithUsage = chat(true).replace(" }", ",\"stream_options\":{\"include_usage\":true} }");
        HttpResponse<String> streamed = nexus.post("/acme/v1/chat/completions", streamWithUsage, "x-api-key", CLIENT_KEY);
        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
        HttpResponse<String> unary = nexus.post("/acme/v1/chat/completions", chat(false), "x-api-key", CLIENT_KEY);
        assertThat(unary.statusCode()).isEqualTo(200);
        nexus.get("/nope/v1/models?key=" + CLIENT_KEY);
        AtomicReference<JsonNode> page = new AtomicReference<>();
        NexusHarness.awaitTrue(SOON, () -> {
            page.set(json(nexus.get("/api/monitor/requests").body()));
            return page.get().path("records").size() >= 4;
        });
        List<JsonNode> records = page.get().path("records").valueStream().toList();
        assertThat(records).extracting(r -> r.path("surface").asText()).containsOnly("provider-proxy");
        assertThat(records).extracting(r -> r.path("path").asText() + " " + r.path("status").asInt()).containsExactlyInAnyOrder(
                "/acme/v1/models 200", "/acme/v1/chat/completions 200", "/acme/v1/chat/completions 200", "/nope/v1/models 404");
        for (JsonNode record : records.stream().filter(r -> r.path("path").asText().startsWith("/acme/")).toList()) {
            assertThat(record.path("provider").asText()).isEqualTo("acme");
            assertThat(record.toString()).doesNotContain(CLIENT_KEY);
        }
        assertThat(records.stream().filter(r -> r.path("path").asText().endsWith("/chat/completions")))
                .allSatisfy(r -> assertThat(r.path("input_tokens").asLong() + "/" + r.path("output_tokens").asLong()).isEqualTo("9/5"));
    }

    @Test
    void everyKeyLimitedIs429WithRetryAfterAndAnUnreachableProvider502() {
        acme.rateLimit(KEY_ONE, Duration.ofSeconds(60)).rateLimit(KEY_TWO, Duration.ofSeconds(30));
        HttpResponse<String> limited = nexus.get("/acme/v1/models", "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(limited.body()).at("/error/message").asText()).contains("every acme API key is rate limited",
                "NEXUS_ACME_API_KEY");

        HttpResponse<String> dead = nexus.get("/dead/v1/models", "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(dead.statusCode()).isEqualTo(502);
        assertThat(json(dead.body()).at("/error/message").asText()).contains("cannot reach the dead API", "NEXUS_DEAD_BASE_URL");
    }

    @Test
    void aPreflightWithoutAKeyDoesNotGoUpstream() {
        HttpResponse<String> res = nexus.send(nexus.request("/acme/v1/models").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(acme.requests()).isEmpty();
    }
}
