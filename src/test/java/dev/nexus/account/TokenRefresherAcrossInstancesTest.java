package dev.nexus.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.config.Settings;
import dev.nexus.secret.Secret;
import dev.nexus.secret.SecretBox;
import dev.nexus.store.Database;
import dev.nexus.store.SqlAccounts;
import dev.nexus.store.SqlLeases;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two token refreshers, as two instances would have, on one database: while one holds an account's refresh lease the
 * other waits, then uses what the first stored instead of spending the refresh token again.
 */
class TokenRefresherAcrossInstancesTest {
    @TempDir
    Path dir;
    private Database first;
    private Database second;
    private SqlAccounts accounts;
    private final AtomicInteger renewals = new AtomicInteger();
    private final SecretBox box = SecretBox.fromOperatorKey("test key", new SecureRandom());

    @BeforeEach
    void open() {
        Path file = dir.resolve("nexus.db");
        Settings.Database where = new Settings.Database("jdbc:sqlite:" + file, Optional.of(file), Optional.empty(), Optional.empty());
        first = Database.open(where);
        second = Database.open(where);
        accounts = new SqlAccounts(first, box, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    private TokenRefresher instance(Database database) {
        TokenSource source = new TokenSource() {
            @Override
            public String provider() {
                return Account.GOOGLE;
            }

            @Override
            public Renewal renew(Account account) {
                return new Renewal.Granted(Secret.of("ya29.renewed-" + renewals.incrementAndGet()),
                        Instant.now().plus(Duration.ofHours(1)), Optional.empty());
            }
        };
        return new TokenRefresher(List.of(source), new SqlAccounts(database, box, Clock.systemUTC()), Clock.systemUTC(),
                new SqlLeases(database, Clock.systemUTC()));
    }

    /** The refresher asked for the account's token on a thread of its own. */
    private static CompletableFuture<Secret> asked(TokenRefresher refresher, Account account) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return refresher.accessToken(account, false);
            } catch (AccountUnavailableException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The first instance's leases, holding the account's refresh lease as if it were refreshing now. */
    private SqlLeases refreshingElsewhere(Account account) {
        SqlLeases leases = new SqlLeases(first, Clock.systemUTC());
        assertThat(leases.tryTake("refresh:" + account.id(), Duration.ofSeconds(60))).isTrue();
        return leases;
    }

    private Account linkedWithoutToken() {
        return accounts.upsert(new NewAccount(Account.GOOGLE, "a@example.com", Secret.of("1//refresh"), Optional.empty(),
                Optional.empty(), Optional.of("proj"), Optional.empty(), Optional.of("antigravity"))).account();
    }

    @Test
    void anInstanceThatWaitedForAnothersRefreshUsesItsToken() throws Exception {
        Account account = linkedWithoutToken();
        SqlLeases elsewhere = refreshingElsewhere(account);

        CompletableFuture<Secret> waiting = asked(instance(second), account);
        accounts.updateTokens(account.id(), Secret.of("ya29.from-the-other-instance"), Instant.now().plus(Duration.ofHours(1)),
                Optional.empty());
        elsewhere.release("refresh:" + account.id());

        assertThat(waiting.get(10, TimeUnit.SECONDS).reveal()).isEqualTo("ya29.from-the-other-instance");
        assertThat(renewals).as("the refresh token was not spent again").hasValue(0);
    }

    @Test
    void whenTheOtherInstanceGaveUpWithoutATokenTheWaiterRefreshesOnce() throws Exception {
        Account account = linkedWithoutToken();
        SqlLeases elsewhere = refreshingElsewhere(account);
        CompletableFuture<Secret> waiting = asked(instance(second), account);
        elsewhere.release("refresh:" + account.id());
        assertThat(waiting.get(10, TimeUnit.SECONDS).reveal()).isEqualTo("ya29.renewed-1");
        assertThat(renewals).hasValue(1);
        assertThat(accounts.find(account.id()).orElseThrow().accessToken().orElseThrow().reveal()).isEqualTo("ya29.renewed-1");
    }

    @Test
    void twoInstancesAskingAtOnceRefreshOnce() throws Exception {
        Account account = linkedWithoutToken();
        TokenRefresher one = instance(first);
        TokenRefresher two = instance(second);
        List<CompletableFuture<Secret>> asks = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TokenRefresher refresher = i % 2 == 0 ? one : two;
            asks.add(asked(refresher, account));
        }
        for (CompletableFuture<Secret> ask : asks) {
            assertThat(ask.get(10, TimeUnit.SECONDS).reveal()).isEqualTo("ya29.renewed-1");
        }
        assertThat(renewals).hasValue(1);
    }
}
