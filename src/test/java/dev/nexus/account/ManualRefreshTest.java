package dev.nexus.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.account.oauth.GoogleOAuthClient;
import dev.nexus.account.oauth.GoogleTokens;
import dev.nexus.account.oauth.OAuthClients;
import dev.nexus.config.Settings;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.secret.Secret;
import dev.nexus.secret.SecretBox;
import dev.nexus.store.Database;
import dev.nexus.store.SqlAccounts;
import dev.nexus.upstream.UpstreamHttp;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Refresh now" against the fake Google, on a real SQLite store. */
class ManualRefreshTest {
    @TempDir
    Path dir;
    private FakeGoogle google;
    private Database database;
    private UpstreamHttp http;
    private SqlAccounts accounts;
    private ManualRefresh refresh;

    @BeforeEach
    void open() {
        google = FakeGoogle.start();
        Path file = dir.resolve("nexus.db");
        database = Database.open(new Settings.Database("jdbc:sqlite:" + file, Optional.of(file), Optional.empty(), Optional.empty()));
        accounts = new SqlAccounts(database, SecretBox.fromOperatorKey("test key", new SecureRandom()), Clock.systemUTC());
        http = new UpstreamHttp(Duration.ofSeconds(10));
        GoogleOAuthClient oauth = new GoogleOAuthClient(http, new ObjectMapper(), Clock.systemUTC(), URI.create(google.tokenUrl()),
                URI.create(google.userinfoUrl()));
        refresh = new ManualRefresh(accounts, new TokenRefresher(List.of(new GoogleTokens(oauth, new OAuthClients(Optional.empty(), Optional.empty()))),
                accounts, Clock.systemUTC()));
    }

    @AfterEach
    void close() {
        http.close();
        database.close();
        google.close();
    }

    private Account linked(String email) {
        String token = google.addAccount(email, "proj").refreshToken();
        return accounts.upsert(new NewAccount(Account.GOOGLE, email, Secret.of(token), Optional.empty(), Optional.empty(),
                Optional.of("proj"), Optional.empty(), Optional.of(OAuthClients.ANTIGRAVITY))).account();
    }

    @Test
    void aWorkingRefreshStoresTheNewTokenAndReactivatesAnAccountThatNeededRelogin() {
        Account a = linked("a@example.com");
        accounts.setState(a.id(), AccountState.NEEDS_RELOGIN, Optional.of("refresh token was revoked or expired"));

        ManualRefresh.Result result = refresh.refresh(accounts.find(a.id()).orElseThrow());
        assertThat(result).isInstanceOf(ManualRefresh.Result.Refreshed.class);
        assertThat(result.account().state()).isEqualTo(AccountState.ACTIVE);
        assertThat(result.account().stateReason()).isEmpty();
        assertThat(result.account().accessToken()).isPresent();
        assertThat(result.account().tokenExpiresAt()).isPresent();
    }

    @Test
    void aWorkingRefreshDoesNotLiftAnOperatorsDisable() {
        Account a = linked("a@example.com");
        accounts.setState(a.id(), AccountState.DISABLED, Optional.of(AccountAdmin.DISABLED_REASON));
        ManualRefresh.Result result = refresh.refresh(accounts.find(a.id()).orElseThrow());
        assertThat(result).isInstanceOf(ManualRefresh.Result.Refreshed.class);
        assertThat(result.account().state()).isEqualTo(AccountState.DISABLED);
    }

    @Test
    void aRevokedRefreshTokenIsReportedAsNeedingReloginEvenWhenTheAccountAlreadyDid() {
        Account a = linked("a@example.com");
        google.revokeRefreshToken("a@example.com");
        ManualRefresh.Result first = refresh.refresh(a);
        assertThat(first).isInstanceOf(ManualRefresh.Result.NeedsRelogin.class);
        assertThat(first.account().state()).isEqualTo(AccountState.NEEDS_RELOGIN);
        assertThat(refresh.refresh(first.account())).isInstanceOf(ManualRefresh.Result.NeedsRelogin.class);
    }

    @Test
    void anUnreachableGoogleIsAFailureThatLeavesTheStateAlone() {
        Account a = linked("a@example.com");
        google.close();
        ManualRefresh.Result result = refresh.refresh(a);
        assertThat(result).isInstanceOf(ManualRefresh.Result.Failed.class);
        assertThat(result.account().state()).isEqualTo(AccountState.ACTIVE);
        assertThat(((ManualRefresh.Result.Failed) result).message()).contains("a***@e***.com");
    }
}
