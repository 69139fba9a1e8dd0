package dev.nexus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.CodexReply;
import dev.nexus.fake.FakeChatGptAccount;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.FakeOpenAi;
import dev.nexus.fake.FakeOpenAiCompat;
import dev.nexus.fake.CompatReply;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.fake.Reply;
import dev.nexus.testing.NexusHarness;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Route fallbacks on another provider ({@code provider/model}): a Google route falls back to ChatGPT when its only
 * account is limited, a ChatGPT route to Google, each hop shown in {@code X-Nexus-Route}; a fallback on a provider that
 * may not serve the client model is refused when the route is written.
 */
class CrossProviderFallbackE2ETest {
    private static final String KEY = "sk-cross-fallback-01";
    private static final String ACME_KEY = "sk-acme-fallback-key-01";

    @TempDir
    Path dir;
    private FakeGoogle google;
    private FakeOpenAi chatgpt;
    private FakeOpenAiCompat acme;
    private NexusHarness nexus;
    private FakeChatGptAccount coder;

    @BeforeEach
    void start() throws Exception {
        google = FakeGoogle.start();
        chatgpt = FakeOpenAi.start();
        Path routes = dir.resolve("routes.yaml");
        Files.writeString(routes, """
                routes:
                  - { client: gpt-5.2, provider: google, target: gemini-3-flash, fallbacks: [codex/gpt-5.2] }
                  - { client: gpt-5-fast, provider: codex, target: gpt-5.2-codex, fallbacks: [google/gemini-3-flash] }
                  - { client: claude-sonnet-4-5, provider: google, target: claude-sonnet-4-5, fallbacks: [acme/anthropic/claude-sonnet-4.5] }
                """);
        acme = FakeOpenAiCompat.start().acceptKey(ACME_KEY).addModel("anthropic/claude-sonnet-4.5");
        Path catalog = dir.resolve("catalog.yaml");
        Files.writeString(catalog, """
                providers:
                  - { id: acme, base_url: %s, capabilities: [openai.chat] }
                """.formatted(acme.baseUrl()));
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", KEY).usingGoogle(google)
                .env("NEXUS_MODEL_ROUTES_FILE", routes.toString())
                .env("NEXUS_OPENAI_TOKEN_URL", chatgpt.tokenUrl()).env("NEXUS_CODEX_BASE_URL", chatgpt.codexBaseUrl())
                .env("NEXUS_OPENAI_COMPAT_PROVIDERS_FILE", catalog.toString()).env("NEXUS_ACME_API_KEY", ACME_KEY);
        google.addAccount("one@example.com", "proj-one");
        assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account("one@example.com").refreshToken(),
                "--email", "one@example.com", "--project", "proj-one").code()).isZero();
        coder = chatgpt.addAccount("coder@example.com", "plus");
        Path auth = Files.createDirectories(dir.resolve("codex-home")).resolve("auth.json");
        Files.writeString(auth, chatgpt.codexAuthJson(coder.email(), chatgpt.issueAccessToken(coder.email())));
        assertThat(nexus.cli("accounts", "import", "--file", auth.toString()).code()).isZero();
    }

    @AfterEach
    void stop() {
        nexus.close();
        google.close();
        chatgpt.close();
        acme.close();
    }

    private HttpResponse<String> chat(String model) {
        return nexus.post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization", "Bearer " + KEY);
    }

    private List<RecordedRequest> googleGenerations() {
        return google.requests().stream().filter(r -> r.path().contains("enerateContent")).toList();
    }

    @Test
    void aGoogleRouteWhoseOnlyAccountIsLimitedFallsBackToChatGpt() {
        nexus.start();
        google.script().enqueue("one@example.com", "gemini-3-flash", Reply.rateLimited(Duration.ofMinutes(5)));
        chatgpt.script().enqueue(CodexReply.text("from ", "ChatGPT").times(2));

        HttpResponse<String> first = chat("gpt-5.2");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(NexusHarness.json(first.body()).at("/choices/0/message/content").asText()).isEqualTo("from ChatGPT");
        String route = first.headers().firstValue("X-Nexus-Route").orElseThrow();
        assertThat(route).startsWith("resolved gpt-5.2 -> gemini-3-flash (route); codex/gpt-5.2@")
                .contains("tried google/gemini-3-flash@").contains(":429");
        assertThat(chatgpt.requests("/codex/responses").get(0).json().path("model").asText()).isEqualTo("gpt-5.2");

        // The Google account rests now: the next request goes straight on, and the header says why.
        HttpResponse<String> second = chat("gpt-5.2");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("X-Nexus-Route").orElseThrow()).contains("tried google/gemini-3-flash:cooling");
        assertThat(googleGenerations()).hasSize(1);
    }

    @Test
    void claudeCodeOnTheGooglePoolFallsBackToACatalogProviderWhenItsOnlyAccountIsLimited() {
        nexus.start();
        google.script().enqueue("one@example.com", "claude-sonnet-4-5", Reply.rateLimited(Duration.ofMinutes(5)));
        acme.enqueue(CompatReply.builder().text("from ", "the catalog").usage(9, 3).build());

        HttpResponse<String> res = nexus.post("/anthropic/v1/messages", "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "x-api-key", KEY, "anthropic-version", "2023-06-01");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(NexusHarness.json(res.body()).at("/content/0/text").asText()).isEqualTo("from the catalog");
        assertThat(res.headers().firstValue("X-Nexus-Route").orElseThrow())
                .startsWith("resolved claude-sonnet-4-5 -> claude-sonnet-4-5 (route); acme/anthropic/claude-sonnet-4.5@key1")
                .contains("tried google/claude-sonnet-4-5@").contains(":429");
        RecordedRequest sent = acme.chats().get(0);
        assertThat(sent.json().path("model").asText()).isEqualTo("anthropic/claude-sonnet-4.5");
        assertThat(sent.header("authorization")).isEqualTo("Bearer " + ACME_KEY);
        // The monitor writes its records off the request path: wait for this one, then read the route it kept.
        NexusHarness.awaitTrue(Duration.ofSeconds(10), () -> NexusHarness.json(nexus.get("/api/monitor/requests").body())
                .toString().contains("acme/anthropic/claude-sonnet-4.5"));
        assertThat(nexus.get("/api/monitor/requests").body()).as("the monitor lists both hops")
                .contains("tried google/claude-sonnet-4-5@");
    }

    @Test
    void aChatGptRouteFallsBackToGoogleWhenTheUsageLimitIsReached() {
        nexus.start();
        chatgpt.limitUsage(coder.email(), Duration.ofMinutes(30));
        google.script().enqueue(Reply.text("from ", "Google"));

        HttpResponse<String> res = chat("gpt-5-fast");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(NexusHarness.json(res.body()).at("/choices/0/message/content").asText()).isEqualTo("from Google");
        assertThat(res.headers().firstValue("X-Nexus-Route").orElseThrow()).contains("google/gemini-3-flash@")
                .contains("tried codex/gpt-5.2-codex@");
        assertThat(googleGenerations().get(0).json().path("model").asText()).isEqualTo("gemini-3-flash");
    }

    @Test
    void whenEveryHopIsLimitedTheClientGets429WithTheEarliestReset() {
        nexus.start();
        google.script().enqueue("one@example.com", "gemini-3-flash", Reply.rateLimited(Duration.ofMinutes(5)));
        chatgpt.limitUsage(coder.email(), Duration.ofMinutes(30));

        HttpResponse<String> res = chat("gpt-5.2");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(429);
        long wait = Long.parseLong(res.headers().firstValue("Retry-After").orElseThrow());
        assertThat(wait).isBetween(250L, 300L);
    }

    @Test
    void aFallbackOnAProviderThatMayNotServeTheClientModelIsRefusedWhenWritten() {
        NexusHarness.CliResult refused = nexus.cli("routes", "set", "claude-sonnet-4-5", "gemini-3-flash", "--fallback", "codex/gpt-5.2");
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("fallbacks[0]").contains("\"codex\"").contains("claude-sonnet-4-5");

        NexusHarness.CliResult accepted = nexus.cli("routes", "set", "gpt-5.5", "gemini-3-flash", "--fallback", "codex/gpt-5.2");
        assertThat(accepted.code()).as(accepted.err()).isZero();
    }
}
