package dev.nexus.cli;

import static dev.nexus.testing.NexusHarness.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.account.oauth.Pkce;
import dev.nexus.fake.FakeChatGptAccount;
import dev.nexus.fake.FakeOpenAi;
import dev.nexus.testing.NexusHarness;
import dev.nexus.testing.TestBrowser;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nexus accounts login --provider codex} through the fake auth.openai.com: PKCE S256 with the Codex CLI's client,
 * the identity from the id_token, by the local callback and by a pasted address.
 */
class CodexLoginCommandTest {
    private static final Pattern CONSENT_LINE = Pattern.compile("(?m)^ {4}(http\\S+)$");
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private FakeOpenAi openai;
    private FakeChatGptAccount coder;
    private NexusHarness nexus;
    private final TestBrowser browser = new TestBrowser();

    @BeforeEach
    void fakes() {
        openai = FakeOpenAi.start();
        coder = openai.addAccount("coder@example.com", "pro");
        nexus = new NexusHarness(dir).env("NEXUS_OPENAI_AUTH_URL", openai.authUrl())
                .env("NEXUS_OPENAI_TOKEN_URL", openai.tokenUrl())
                .env("NEXUS_CODEX_CALLBACK_PORT", "0");
    }

    @AfterEach
    void stop() {
        browser.close();
        nexus.close();
        openai.close();
    }

    private static URI consentUrlPrintedBy(NexusHarness.BackgroundCli cli) {
        awaitTrue(DEADLINE, () -> CONSENT_LINE.matcher(cli.out()).find() || cli.finished());
        Matcher m = CONSENT_LINE.matcher(cli.out());
        assertThat(m.find()).as("consent URL in: " + cli.out() + cli.err()).isTrue();
        return URI.create(m.group(1));
    }

    /** The token request's verifier matches the challenge the authorize request carried. */
    private void assertPkceVerified() {
        String verifier = openai.requests("/oauth/token").get(0).form().get("code_verifier");
        assertThat(Pkce.challengeOf(verifier)).isEqualTo(openai.authorizations().get(0).codeChallenge());
        assertThat(openai.authorizations().get(0).clientId()).isEqualTo(FakeOpenAi.CODEX_CLIENT_ID);
    }

    @Test
    void aPastedAddressFinishesAChatGptLogin() {
        NexusHarness.BackgroundCli cli = nexus.cliInBackground("accounts", "login", "--provider", "codex", "--paste", "--no-browser");
        URI consent = consentUrlPrintedBy(cli);
        assertThat(consent.toString()).startsWith(openai.authUrl() + "?").contains("codex_cli_simplified_flow=true",
                "code_challenge_method=S256", "scope=openid%20profile%20email%20offline_access");
        awaitTrue(DEADLINE, () -> cli.err().contains("Paste the address here"));
        URI callback = browser.consent(consent);
        assertThat(callback.toString()).startsWith("http://localhost:1455/auth/callback?");

        cli.type(" " + callback + " ");
        NexusHarness.CliResult result = cli.await(DEADLINE);

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("sign in with the ChatGPT account to add", "OpenAI then sends the browser",
                "Added coder@example.com as account", "ChatGPT plan pro.").doesNotContain("(primary)");
        assertPkceVerified();
        JsonNode listed = nexus.cli("accounts", "list", "--json").json().get(0);
        assertThat(listed.path("provider").asText()).isEqualTo("codex");
        assertThat(listed.path("tier").asText()).isEqualTo("pro");
        assertThat(listed.path("primary").asBoolean()).isFalse();
    }

    @Test
    void theBrowserComingBackToTheLocalCallbackFinishesIt() {
        NexusHarness.BackgroundCli cli = nexus.cliInBackground("accounts", "login", "--provider", "codex", "--no-browser");
        URI consent = consentUrlPrintedBy(cli);
        // The line naming the callback follows the consent URL's; it may still be on its way.
        awaitTrue(DEADLINE, () -> cli.out().contains("/auth/callback") || cli.finished());
        assertThat(cli.out()).contains("/auth/callback");

        URI callback = browser.consent(consent);
        assertThat(callback.getPath()).isEqualTo("/auth/callback");
        HttpResponse<String> page = browser.get(callback);
        NexusHarness.CliResult result = cli.await(DEADLINE);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Account added", "coder@example.com", "ChatGPT login", "pro");
        assertThat(result.code()).as(result.err()).isZero();
        assertPkceVerified();
    }

    @Test
    void aDeniedSignInAddsNothing() {
        openai.denyConsent();
        NexusHarness.BackgroundCli cli = nexus.cliInBackground("accounts", "login", "--provider", "codex", "--paste", "--no-browser");

        cli.type(browser.consent(consentUrlPrintedBy(cli)).toString());
        NexusHarness.CliResult result = cli.await(DEADLINE);

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("login failed: access was not granted on OpenAI's sign-in page");
        assertThat(nexus.cli("accounts", "list", "--json").json()).isEmpty();
    }

    @Test
    void anUnknownProviderIsAOneLineError() {
        NexusHarness.CliResult result = nexus.cli("accounts", "login", "--provider", "claude", "--paste");

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err().strip()).contains("unknown --provider \"claude\"", "codex").doesNotContain("\n");
    }
}
