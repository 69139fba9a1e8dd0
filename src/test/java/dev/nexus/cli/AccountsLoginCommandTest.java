package dev.nexus.cli;

import static dev.nexus.testing.NexusHarness.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.account.Account;
import dev.nexus.account.AccountState;
import dev.nexus.account.oauth.Pkce;
import dev.nexus.config.SettingsLoader;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.testing.NexusHarness;
import dev.nexus.testing.TestBrowser;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nexus accounts login}, waiting for the browser's callback or reading the pasted redirect URL from stdin. */
class AccountsLoginCommandTest {
    private static final Pattern CONSENT_LINE = Pattern.compile("(?m)^ {4}(http\\S+)$");
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private FakeGoogle google;
    private NexusHarness nexus;
    private final TestBrowser browser = new TestBrowser();

    @BeforeEach
    void fakes() {
        google = FakeGoogle.start();
        google.addAccount("alice@example.com", "proj-alice", "standard-tier");
        nexus = new NexusHarness(dir)
                .usingGoogle(google)
                .env("NEXUS_OAUTH_CALLBACK_PORT", "0");
    }

    @AfterEach
    void stop() {
        browser.close();
        nexus.close();
        google.close();
    }

    /** Waits until the command has printed the consent address, and returns it. */
    private static URI consentUrlPrintedBy(NexusHarness.BackgroundCli cli) {
        awaitTrue(DEADLINE, () -> CONSENT_LINE.matcher(cli.out()).find() || cli.finished());
        Matcher m = CONSENT_LINE.matcher(cli.out());
        assertThat(m.find()).as("consent URL in: " + cli.out() + cli.err()).isTrue();
        return URI.create(m.group(1));
    }

    private Account storedAccount() {
        try (NexusState state = NexusState.open(new SettingsLoader(nexus.env(), dir).load(), dir, new SecureRandom(), Clock.systemUTC())) {
            return state.accounts.list().get(0);
        }
    }

    @Test
    void loginWaitsForTheBrowserToComeBackAndPrintsTheNewAccount() {
        NexusHarness.BackgroundCli cli = nexus.cliInBackground("accounts", "login", "--no-browser");
        URI consent = consentUrlPrintedBy(cli);
        assertThat(consent.toString()).startsWith(google.authUrl() + "?");
        // The waiting line follows the consent URL's; it may still be on its way.
        awaitTrue(DEADLINE, () -> cli.out().contains("Waiting up to 5 minutes") || cli.finished());
        assertThat(cli.out()).contains("Waiting up to 5 minutes", "/oauth-callback");

        URI callback = browser.consent(consent);
        HttpResponse<String> page = browser.get(callback);
        NexusHarness.CliResult result = cli.await(DEADLINE);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Account added", "alice@example.com");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("Added alice@example.com as account", "(primary), project proj-alice, tier standard-tier.");
        JsonNode listed = nexus.cli("accounts", "list", "--json").json().get(0);
        assertThat(listed.path("email").asText()).isEqualTo("alice@example.com");
        assertThat(listed.path("project_id").asText()).isEqualTo("proj-alice");
        assertThat(Pkce.challengeOf(google.requests("/token").get(0).form().get("code_verifier")))
                .isEqualTo(google.authorizations().get(0).codeChallenge());
        assertThat(listed.path("oauth_client").asText()).isEqualTo("antigravity");
        assertThat(google.authorizations().get(0).clientId()).isEqualTo(FakeGoogle.ANTIGRAVITY_CLIENT_ID);
        assertThat(google.tokenClientIds()).containsExactly(FakeGoogle.ANTIGRAVITY_CLIENT_ID);
    }

    @Test
    void pasteLoginReadsTheFinalAddressFromStdin() {
        NexusHarness.BackgroundCli cli = nexus.cliInBackground("accounts", "login", "--paste", "--no-browser");
        URI consent = consentUrlPrintedBy(cli);
        awaitTrue(DEADLINE, () -> cli.err().contains("Paste the address here"));
        URI callback = browser.consent(consent);
        assertThat(callback.toString()).startsWith("http://localhost:51121/oauth-callback?");

        cli.type("  " + callback + "  ");
        NexusHarness.CliResult result = cli.await(DEADLINE);

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("Copy that whole address", "Added alice@example.com");
        assertThat(storedAccount().email()).isEqualTo("alice@example.com");
    }

    @Test
    void reLoginReactivatesADisabledAccountAndReplacesItsTokens() {
        NexusHarness.BackgroundCli first = nexus.cliInBackground("accounts", "login", "--paste", "--no-browser");
        first.type(browser.consent(consentUrlPrintedBy(first)).toString());
        assertThat(first.await(DEADLINE).code()).isZero();
        Account before = storedAccount();
        try (NexusState state = NexusState.open(new SettingsLoader(nexus.env(), dir).load(), dir, new SecureRandom(), Clock.systemUTC())) {
            state.accounts.setState(before.id(), AccountState.DISABLED, Optional.of("switched off by the operator"));
        }

        NexusHarness.BackgroundCli again = nexus.cliInBackground("accounts", "login", "--no-browser");
        browser.get(browser.consent(consentUrlPrintedBy(again)));
        NexusHarness.CliResult result = again.await(DEADLINE);

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("Logged in again as alice@example.com, account " + before.id(), "it is active.");
        Account after = storedAccount();
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.state()).isEqualTo(AccountState.ACTIVE);
        assertThat(after.stateReason()).isEmpty();
        assertThat(after.refreshToken().reveal()).isNotEqualTo(before.refreshToken().reveal())
                .isEqualTo(google.account("alice@example.com").refreshToken());
        assertThat(after.accessToken().get().reveal()).isNotEqualTo(before.accessToken().get().reveal());
    }

    @Test
    void deniedConsentFailsWithExitCode1AndAddsNoAccount() {
        google.denyConsent();
        NexusHarness.BackgroundCli cli = nexus.cliInBackground("accounts", "login", "--paste", "--no-browser");

        cli.type(browser.consent(consentUrlPrintedBy(cli)).toString());
        NexusHarness.CliResult result = cli.await(DEADLINE);

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("nexus: login failed: access was not granted", "choose Allow");
        assertThat(nexus.cli("accounts", "list", "--json").json()).isEmpty();
    }

    @Test
    void endingInputWithoutPastingFailsWithWhatToDo() {
        NexusHarness.BackgroundCli cli = nexus.cliInBackground("accounts", "login", "--paste", "--no-browser");
        consentUrlPrintedBy(cli);

        cli.endInput();
        NexusHarness.CliResult result = cli.await(DEADLINE);

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("no address was pasted");
    }

    @Test
    void anUnknownClientIsAOneLineErrorListingTheProfilesAndPrintsNoAddress() {
        NexusHarness.CliResult result = nexus.cli("accounts", "login", "--no-browser", "--client", "home-made");

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err().lines()).hasSize(1).first().asString().startsWith("nexus: login failed: unknown OAuth client")
                .contains("home-made", "antigravity, gemini-cli, custom");
        assertThat(result.out()).doesNotContain("http");
        assertThat(google.authorizations()).isEmpty();
    }

    @Test
    void theCustomClientWithoutGoogleClientIdIsAOneLineErrorNamingTheVariable() {
        NexusHarness.CliResult result = nexus.cli("accounts", "login", "--no-browser", "--client", "custom");

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err().lines()).hasSize(1).first().asString().contains("GOOGLE_CLIENT_ID", "--client antigravity");
    }

    @Test
    void theTermsNoticeIsShownAtTheFirstLoginOnly() {
        NexusHarness.BackgroundCli first = nexus.cliInBackground("accounts", "login", "--paste", "--no-browser");
        first.type(browser.consent(consentUrlPrintedBy(first)).toString());
        NexusHarness.CliResult firstResult = first.await(DEADLINE);
        NexusHarness.BackgroundCli second = nexus.cliInBackground("accounts", "login", "--paste", "--no-browser");
        second.type(browser.consent(consentUrlPrintedBy(second)).toString());
        NexusHarness.CliResult secondResult = second.await(DEADLINE);

        assertThat(firstResult.code()).as(firstResult.err()).isZero();
        assertThat(firstResult.out()).contains("Note: Nexus logs in with a public installed-app OAuth client",
                "limit their OAuth to their own tools", "suspended", "Gemini API and Vertex AI key proxies");
        assertThat(secondResult.code()).as(secondResult.err()).isZero();
        assertThat(secondResult.out()).doesNotContain("Note:").contains("OAuth client antigravity");
    }

    @Test
    void helpDescribesTheBrowserAndPastePaths() {
        NexusHarness.CliResult help = nexus.cli("accounts", "login", "--help");

        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--no-browser", "--paste", "NEXUS_OAUTH_CALLBACK_PORT");
    }
}
