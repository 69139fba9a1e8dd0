package dev.nexus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.fake.CodexReply;
import dev.nexus.fake.FakeChatGptAccount;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.FakeOpenAi;
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

    @TempDir
    Path dir;
    private FakeGoogle google;
    private FakeOpenAi chatgpt;
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
                """);
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", KEY).usingGoogle(google)
                .env("NEXUS_MODEL_ROUTES_FILE", routes.toString())
                .env("NEXUS_OPENAI_TOKEN_URL", chatgpt.tokenUrl()).env("NEXUS_CODEX_BASE_URL", chatgpt.codexBaseUrl());
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
