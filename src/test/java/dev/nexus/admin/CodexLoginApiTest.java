package dev.nexus.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.account.oauth.Pkce;
import dev.nexus.fake.FakeOpenAi;
import dev.nexus.testing.NexusHarness;
import dev.nexus.testing.TestBrowser;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ChatGPT logins through the running server's admin API, the test playing the browser on another machine. */
class CodexLoginApiTest {
    @TempDir
    Path dir;
    private FakeOpenAi openai;
    private NexusHarness nexus;
    private final TestBrowser browser = new TestBrowser();

    @BeforeEach
    void start() {
        openai = FakeOpenAi.start();
        openai.addAccount("coder@example.com", "team");
        nexus = new NexusHarness(dir).env("NEXUS_OPENAI_AUTH_URL", openai.authUrl())
                .env("NEXUS_OPENAI_TOKEN_URL", openai.tokenUrl()).env("NEXUS_CODEX_CALLBACK_PORT", "0")
                .env("NEXUS_OAUTH_CALLBACK_PORT", "0").start();
    }

    @AfterEach
    void stop() {
        browser.close();
        nexus.close();
        openai.close();
    }

    @Test
    void aLoginStartedWithProviderCodexIsFinishedByThePastedAddress() {
        HttpResponse<String> started = nexus.post("/api/accounts/login", "{\"provider\":\"codex\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        JsonNode attempt = NexusHarness.json(started.body());
        assertThat(attempt.path("oauth_client").asText()).isEqualTo("codex-cli");
        assertThat(attempt.path("redirect_uri").asText()).endsWith("/auth/callback");
        assertThat(attempt.has("notice")).as("Google's terms notice is not about ChatGPT").isFalse();

        URI callback = browser.consent(URI.create(attempt.path("url").asText()));
        HttpResponse<String> done = nexus.post("/api/accounts/login/complete", "{\"url\":\"" + callback + "\"}");

        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        JsonNode account = NexusHarness.json(done.body()).path("account");
        assertThat(account.path("email").asText()).as("masked, as every account view").isEqualTo("c***r@e***.com");
        assertThat(account.path("tier").asText()).isEqualTo("team");
        assertThat(account.path("provider").asText()).isEqualTo("codex");
        assertThat(Pkce.challengeOf(openai.requests("/oauth/token").get(0).form().get("code_verifier")))
                .isEqualTo(openai.authorizations().get(0).codeChallenge());
    }

    @Test
    void theBrowserLoginRedirectsToOpenAiAndAnUnknownProviderIs400() {
        HttpResponse<String> redirect = nexus.get("/auth/codex/login");
        HttpResponse<String> unknown = nexus.post("/api/accounts/login", "{\"provider\":\"claude\"}");

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("location").orElseThrow()).startsWith(openai.authUrl() + "?")
                .contains("client_id=" + FakeOpenAi.CODEX_CLIENT_ID);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown provider", "codex");
    }
}
