package dev.nexus.account.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nexus.account.Account;
import dev.nexus.account.AccountState;
import dev.nexus.fake.Authorization;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.testing.TestBrowser;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The login chain itself, finished the pasted-URL way: state, code exchange with PKCE, userinfo, Cloud Code, upsert. */
class GoogleLoginTest {
    private static final URI REDIRECT = URI.create("http://localhost:51121/oauth-callback");

    @TempDir
    Path dir;
    private LoginRig rig;
    private final TestBrowser browser = new TestBrowser();

    @BeforeEach
    void start() {
        rig = new LoginRig(dir);
        rig.google.addAccount("alice@example.com", "proj-alice", "standard-tier");
    }

    @AfterEach
    void stop() {
        browser.close();
        rig.close();
    }

    /** Starts a login and plays the browser up to Google's redirect; returns where the browser was sent. */
    private URI consentedRedirect(LoginAttempt attempt) {
        return browser.consent(attempt.consentUrl());
    }

    @Test
    void aLoginStoresTheAccountWithItsEmailProjectTierAndTokens() throws Exception {
        LoginAttempt attempt = rig.login.start(REDIRECT, rig.client);

        LoginResult result = rig.login.complete(CallbackParams.fromPastedUrl(consentedRedirect(attempt).toString()));

        assertThat(result.created()).isTrue();
        assertThat(result.email()).isEqualTo("alice@example.com");
        assertThat(result.projectId()).contains("proj-alice");
        assertThat(result.tier()).contains("standard-tier");
        assertThat(result.summary()).isEqualTo("Added alice@example.com as account " + result.account().id()
                + " (primary), project proj-alice, tier standard-tier.");
        Account stored = rig.storedAccounts().get(0);
        assertThat(stored.refreshToken().reveal()).isEqualTo(rig.google.account("alice@example.com").refreshToken());
        assertThat(stored.accessToken()).isPresent();
        assertThat(stored.state()).isEqualTo(AccountState.ACTIVE);
        assertThat(attempt.flow().await(Duration.ofSeconds(1))).isEqualTo(result);
    }

    @Test
    void theCodeIsExchangedWithTheVerifierWhoseS256ChallengeTheConsentCarried() throws Exception {
        LoginAttempt attempt = rig.login.start(REDIRECT, rig.client);

        rig.login.complete(CallbackParams.fromPastedUrl(consentedRedirect(attempt).toString()));

        Authorization seen = rig.google.authorizations().get(0);
        assertThat(seen.codeChallengeMethod()).isEqualTo("S256");
        assertThat(seen.accessType()).isEqualTo("offline");
        assertThat(seen.prompt()).isEqualTo("consent");
        assertThat(seen.state()).isEqualTo(attempt.flow().state());
        RecordedRequest exchange = rig.google.requests("/token").get(0);
        assertThat(exchange.form()).containsEntry("grant_type", "authorization_code")
                .containsEntry("code", seen.code())
                .containsEntry("redirect_uri", REDIRECT.toString())
                .containsEntry("client_id", FakeGoogle.ANTIGRAVITY_CLIENT_ID)
                .containsEntry("client_secret", "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");
        assertThat(seen.clientId()).isEqualTo(FakeGoogle.ANTIGRAVITY_CLIENT_ID);
        assertThat(seen.scope().split(" ")).contains("https://www.googleapis.com/auth/cclog",
                "https://www.googleapis.com/auth/experimentsandconfigs");
        assertThat(rig.storedAccounts().get(0).oauthClient()).contains("antigravity");
        assertThat(Pkce.challengeOf(exchange.form().get("code_verifier"))).isEqualTo(seen.codeChallenge());
        assertThat(rig.google.requests("/oauth2/v2/userinfo")).hasSize(1);
        assertThat(rig.google.requests(":loadCodeAssist")).hasSize(1);
    }

    @Test
    void anAttemptOlderThanFiveMinutesIsRefusedAndStoresNothing() throws Exception {
        LoginAttempt attempt = rig.login.start(REDIRECT, rig.client);
        URI redirect = consentedRedirect(attempt);
        rig.clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        assertThatThrownBy(() -> rig.login.complete(CallbackParams.fromPastedUrl(redirect.toString())))
                .isInstanceOfSatisfying(LoginException.class, e -> assertThat(e.reason()).isEqualTo(LoginException.Reason.EXPIRED));
        assertThat(rig.google.requests("/token")).isEmpty();
        assertThat(rig.storedAccounts()).isEmpty();
    }

    @Test
    void deniedConsentStoresNothingAndUsesUpTheAttempt() throws Exception {
        rig.google.denyConsent();
        LoginAttempt attempt = rig.login.start(REDIRECT, rig.client);
        URI redirect = consentedRedirect(attempt);

        assertThatThrownBy(() -> rig.login.complete(CallbackParams.fromPastedUrl(redirect.toString())))
                .isInstanceOfSatisfying(LoginException.class, e -> {
                    assertThat(e.reason()).isEqualTo(LoginException.Reason.DENIED);
                    assertThat(e.getMessage()).contains("no account was added", "choose Allow");
                });
        assertThat(rig.storedAccounts()).isEmpty();
        assertThat(rig.google.requests("/token")).isEmpty();
        assertThat(attempt.flow().settled()).isTrue();
    }

    @Test
    void aWrongStateIsRefusedAndTheRealRedirectStillWorks() throws Exception {
        LoginAttempt attempt = rig.login.start(REDIRECT, rig.client);
        URI redirect = consentedRedirect(attempt);
        String forged = redirect.toString().replace(attempt.flow().state(), "forged-state");

        assertThatThrownBy(() -> rig.login.complete(CallbackParams.fromPastedUrl(forged)))
                .isInstanceOfSatisfying(LoginException.class, e -> assertThat(e.reason()).isEqualTo(LoginException.Reason.UNKNOWN_STATE));
        assertThat(rig.google.requests("/token")).isEmpty();

        assertThat(rig.login.complete(CallbackParams.fromPastedUrl(redirect.toString())).email()).isEqualTo("alice@example.com");
    }

    @Test
    void theSameRedirectCannotFinishALoginTwice() throws Exception {
        URI redirect = consentedRedirect(rig.login.start(REDIRECT, rig.client));
        rig.login.complete(CallbackParams.fromPastedUrl(redirect.toString()));

        assertThatThrownBy(() -> rig.login.complete(CallbackParams.fromPastedUrl(redirect.toString())))
                .isInstanceOfSatisfying(LoginException.class, e -> assertThat(e.reason()).isEqualTo(LoginException.Reason.UNKNOWN_STATE));
        assertThat(rig.google.requests("/token")).hasSize(1);
    }

    @Test
    void aCloudCodeFailureAfterTheExchangeLeavesNoHalfMadeAccount() throws Exception {
        rig.google.suspend("alice@example.com");
        URI redirect = consentedRedirect(rig.login.start(REDIRECT, rig.client));

        assertThatThrownBy(() -> rig.login.complete(CallbackParams.fromPastedUrl(redirect.toString())))
                .isInstanceOfSatisfying(LoginException.class, e -> {
                    assertThat(e.reason()).isEqualTo(LoginException.Reason.GOOGLE_FAILED);
                    assertThat(e.getMessage()).contains("Cloud Code", "alice@example.com");
                });
        assertThat(rig.google.requests("/token")).hasSize(1);
        assertThat(rig.storedAccounts()).isEmpty();
    }

    @Test
    void reLoginOfAKnownEmailReactivatesTheAccountAndReplacesItsTokens() throws Exception {
        LoginResult first = rig.login.complete(CallbackParams.fromPastedUrl(consentedRedirect(rig.login.start(REDIRECT, rig.client)).toString()));
        String oldRefresh = rig.storedAccounts().get(0).refreshToken().reveal();
        rig.accounts.setState(first.account().id(), AccountState.DISABLED, Optional.of("switched off"));

        LoginResult again = rig.login.complete(CallbackParams.fromPastedUrl(consentedRedirect(rig.login.start(REDIRECT, rig.client)).toString()));

        assertThat(again.created()).isFalse();
        assertThat(again.account().id()).isEqualTo(first.account().id());
        assertThat(again.summary()).startsWith("Logged in again as alice@example.com").endsWith("it is active.");
        Account stored = rig.storedAccounts().get(0);
        assertThat(rig.storedAccounts()).hasSize(1);
        assertThat(stored.state()).isEqualTo(AccountState.ACTIVE);
        assertThat(stored.refreshToken().reveal()).isNotEqualTo(oldRefresh)
                .isEqualTo(rig.google.account("alice@example.com").refreshToken());
    }

    @Test
    void theCustomClientWithoutAClientIdIsRefusedBeforeALoginStartsAndTheErrorNamesTheVariable() {
        assertThatThrownBy(() -> rig.logins.client(Optional.of("custom"))).isInstanceOfSatisfying(LoginException.class, e -> {
            assertThat(e.reason()).isEqualTo(LoginException.Reason.NOT_CONFIGURED);
            assertThat(e.getMessage()).contains("GOOGLE_CLIENT_ID", "antigravity", "gemini-cli").doesNotContain("\n");
        });
        assertThat(rig.flows.pending()).isZero();
    }

    @Test
    void aGeminiCliLoginAsksForGeminiClisScopesAndRecordsItsProfile() throws Exception {
        OAuthClientProfile geminiCli = rig.logins.client(Optional.of("gemini-cli"));
        LoginAttempt attempt = rig.login.start(REDIRECT, geminiCli);

        LoginResult result = rig.login.complete(CallbackParams.fromPastedUrl(consentedRedirect(attempt).toString()));

        assertThat(rig.google.authorizations().get(0).clientId()).isEqualTo(FakeGoogle.GEMINI_CLI_CLIENT_ID);
        assertThat(rig.google.authorizations().get(0).scope().split(" ")).containsExactly(
                "https://www.googleapis.com/auth/cloud-platform", "https://www.googleapis.com/auth/userinfo.email",
                "https://www.googleapis.com/auth/userinfo.profile");
        assertThat(rig.google.tokenClientIds()).containsExactly(FakeGoogle.GEMINI_CLI_CLIENT_ID);
        assertThat(result.account().oauthClient()).contains("gemini-cli");
    }
}
