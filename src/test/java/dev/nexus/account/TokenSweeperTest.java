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
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSweeperTest {
    @TempDir
    Path dir;
    private FakeGoogle google;
    private Database database;
    private UpstreamHttp http;
    private SqlAccounts accounts;
    private AccountDirectory directory;
    private TokenSweeper sweeper;

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        Path file = dir.resolve("nexus.db");
        database = Database.open(new Settings.Database("jdbc:sqlite:" + file, Optional.of(file), Optional.empty(), Optional.empty()));
        accounts = new SqlAccounts(database, SecretBox.fromOperatorKey("k", new SecureRandom()), Clock.systemUTC());
        http = new UpstreamHttp(Duration.ofSeconds(10));
        GoogleOAuthClient oauth = new GoogleOAuthClient(http, new ObjectMapper(), Clock.systemUTC(), URI.create(google.tokenUrl()),
                URI.create(google.userinfoUrl()));
        directory = new AccountDirectory(accounts);
        sweeper = new TokenSweeper(directory, new TokenRefresher(List.of(new GoogleTokens(oauth, new OAuthClients(Optional.empty(), Optional.empty()))), accounts,
                Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        http.close();
        database.close();
        google.close();
    }

    private void link(String email, Duration tokenLeft) {
        google.addAccount(email, "proj");
        accounts.upsert(new NewAccount(Account.GOOGLE, email, Secret.of(google.account(email).refreshToken()),
                Optional.of(Secret.of("ya29.old-" + email)), Optional.of(Instant.now().plus(tokenLeft)), Optional.of("proj"),
                Optional.empty(), Optional.of(OAuthClients.ANTIGRAVITY)));
    }

    private long refreshesOf(String email) {
        return google.requests("/token").stream()
                .filter(r -> r.form().get("refresh_token").equals(google.account(email).refreshToken())).count();
    }

    @Test
    void tokensExpiringWithinTenMinutesAreRefreshedAheadAndOthersLeftAlone() {
        link("soon@example.com", Duration.ofMinutes(5));
        link("later@example.com", Duration.ofMinutes(30));
        directory.refreshIfChanged();
        sweeper.run();
        assertThat(refreshesOf("soon@example.com")).isEqualTo(1);
        assertThat(refreshesOf("later@example.com")).isZero();
        sweeper.run();
        assertThat(refreshesOf("soon@example.com")).as("the new token lasts an hour").isEqualTo(1);
    }

    @Test
    void theJitterShortensTheHorizonByAtMostTwoMinutesAndIsStablePerAccount() {
        Account a = accounts.upsert(new NewAccount(Account.GOOGLE, "x@example.com", Secret.of("1//x"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(OAuthClients.ANTIGRAVITY))).account();
        assertThat(TokenSweeper.horizon(a)).isBetween(Duration.ofMinutes(8), Duration.ofMinutes(10));
        assertThat(TokenSweeper.horizon(a)).isEqualTo(TokenSweeper.horizon(a));
    }
}
