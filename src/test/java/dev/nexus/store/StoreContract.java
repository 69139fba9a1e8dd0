package dev.nexus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nexus.account.Account;
import dev.nexus.account.AccountRepository;
import dev.nexus.account.NewAccount;
import dev.nexus.clientkey.ClientKey;
import dev.nexus.clientkey.ClientKeys;
import dev.nexus.config.ConfigException;
import dev.nexus.config.Settings;
import dev.nexus.gateway.ModelRoute;
import dev.nexus.gateway.RouteWrite;
import dev.nexus.secret.Secret;
import dev.nexus.secret.SecretBox;
import dev.nexus.testing.TickingClock;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every database backend must show; run on SQLite and on PostgreSQL. */
abstract class StoreContract {
    private final SecureRandom random = new SecureRandom();
    private final TickingClock clock = new TickingClock(Instant.parse("2026-11-26T10:00:00Z"));
    protected Database database;
    private SecretBox box;
    private SqlAccounts accounts;
    private SqlClientKeys keys;

    /** A fresh, empty database for one test. */
    abstract Settings.Database freshDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(freshDatabase());
        box = SecretBox.fromOperatorKey("test key", random);
        KeyCheck.verify(new SqlSettings(database, clock), box, "test");
        accounts = new SqlAccounts(database, box, clock);
        keys = new SqlClientKeys(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static NewAccount google(String email, String refresh) {
        return new NewAccount(Account.GOOGLE, email, Secret.of(refresh), Optional.of(Secret.of("ya29.access-" + refresh)),
                Optional.of(Instant.parse("2026-11-26T11:00:00Z")), Optional.of("proj-1"), Optional.of("standard-tier"));
    }

    @Test
    void theFirstAccountBecomesPrimaryAndLaterOnesDoNot() {
        Account first = accounts.upsert(google("a@example.com", "1//a")).account();
        Account second = accounts.upsert(google("b@example.com", "1//b")).account();
        assertThat(first.primary()).isTrue();
        assertThat(second.primary()).isFalse();
        assertThat(accounts.list()).extracting(Account::email).containsExactly("a@example.com", "b@example.com");
    }

    @Test
    void tokensAreSealedInTheDatabaseAndOpenBackOnRead() {
        Account stored = accounts.upsert(google("a@example.com", "1//secret-refresh")).account();
        Map<String, Object> raw = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT access_token, refresh_token FROM accounts WHERE id = :id").bind("id", stored.id()).mapToMap().one());
        assertThat(raw.get("refresh_token").toString()).startsWith("v1:").doesNotContain("secret-refresh");
        assertThat(raw.get("access_token").toString()).startsWith("v1:").doesNotContain("access-1//");
        Account read = accounts.find(stored.id()).orElseThrow();
        assertThat(read.refreshToken().reveal()).isEqualTo("1//secret-refresh");
        assertThat(read.accessToken().orElseThrow().reveal()).isEqualTo("ya29.access-1//secret-refresh");
        assertThat(read.projectId()).contains("proj-1");
        assertThat(read.tokenExpiresAt()).contains(Instant.parse("2026-11-26T11:00:00Z"));
    }

    @Test
    void importingTheSameEmailAgainReplacesTokensInsteadOfDuplicating() {
        Account first = accounts.upsert(google("a@example.com", "1//old")).account();
        AccountRepository.Upserted again = accounts.upsert(google("A@Example.com", "1//new"));
        assertThat(again.created()).isFalse();
        assertThat(again.account().id()).isEqualTo(first.id());
        assertThat(again.account().refreshToken().reveal()).isEqualTo("1//new");
        assertThat(accounts.list()).hasSize(1);
        assertThat(accounts.findByEmail(Account.GOOGLE, "a@EXAMPLE.com")).isPresent();
    }

    @Test
    void removingThePrimaryPromotesTheOldestRemainingAccount() {
        Account a = accounts.upsert(google("a@example.com", "1//a")).account();
        Account b = accounts.upsert(google("b@example.com", "1//b")).account();
        assertThat(accounts.remove(a.id())).isTrue();
        assertThat(accounts.find(b.id()).orElseThrow().primary()).isTrue();
        assertThat(accounts.remove(a.id())).isFalse();
    }

    @Test
    void everyChangeMovesTheRevision() {
        long r0 = accounts.revision();
        Account a = accounts.upsert(google("a@example.com", "1//a")).account();
        long r1 = accounts.revision();
        accounts.remove(a.id());
        assertThat(r1).isGreaterThan(r0);
        assertThat(accounts.revision()).isGreaterThan(r1);
    }

    @Test
    void clientKeysAreStoredAsHashesOnly() {
        ClientKeys service = new ClientKeys(keys, Optional.empty(), random, clock);
        var issued = service.issue("laptop");
        List<Map<String, Object>> rows = database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM client_keys").mapToMap().list());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).values()).allSatisfy(v -> assertThat(String.valueOf(v)).doesNotContain(issued.fullKey()));
        assertThat(rows.get(0).get("key_hash")).isEqualTo(ClientKeys.hashHex(issued.fullKey()));
        assertThat(service.verify(issued.fullKey())).map(ClientKey::id).contains(issued.key().id());
    }

    @Test
    void revokedKeysLeaveTheActiveSetAndTouchRecordsLastUse() {
        ClientKeys service = new ClientKeys(keys, Optional.empty(), random, clock);
        var issued = service.issue("ci");
        service.touch(issued.key());
        assertThat(keys.list().get(0).lastUsedAt()).contains(clock.last());
        assertThat(service.revoke(issued.key().id())).isTrue();
        Instant revokedAt = clock.last();
        assertThat(service.revoke(issued.key().id())).isFalse();
        assertThat(keys.active()).isEmpty();
        assertThat(keys.list().get(0).revokedAt()).contains(revokedAt);
        assertThat(service.verify(issued.fullKey())).isEmpty();
    }

    @Test
    void anAdoptedKeyIsStoredByHashVerifiesAndIsAdoptedOnlyOnce() {
        ClientKeys service = new ClientKeys(keys, Optional.empty(), random, clock);
        String foreign = "sk-0123456789abcdef0123456789abcdef";
        var adopted = service.adopt("imported", foreign);
        assertThat(adopted.added()).isTrue();
        assertThat(adopted.key().prefix()).isEqualTo("sk-012345");
        assertThat(keys.findByHash(ClientKeys.hashHex(foreign))).map(ClientKey::id).contains(adopted.key().id());
        assertThat(service.verify(foreign)).map(ClientKey::id).contains(adopted.key().id());
        List<Map<String, Object>> rows = database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM client_keys").mapToMap().list());
        assertThat(rows.get(0).values()).allSatisfy(v -> assertThat(String.valueOf(v)).doesNotContain(foreign));

        service.revoke(adopted.key().id());
        var again = service.adopt("imported", foreign);
        assertThat(again.added()).isFalse();
        assertThat(again.key().revoked()).as("a revoked key stays revoked").isTrue();
        assertThat(keys.list()).hasSize(1);
        assertThat(service.verify(foreign)).isEmpty();
    }

    @Test
    void aDifferentSecretKeyIsRefusedAtOpen() {
        SecretBox other = SecretBox.fromOperatorKey("another key", random);
        assertThatThrownBy(() -> KeyCheck.verify(new SqlSettings(database, clock), other, "NEXUS_SECRET_KEY"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("NEXUS_SECRET_KEY is not the key this database was encrypted with");
    }

    @Test
    void promotingAnAccountMakesItTheOnlyActivePrimary() {
        Account a = accounts.upsert(google("a@example.com", "1//a")).account();
        Account b = accounts.upsert(google("b@example.com", "1//b")).account();
        accounts.setState(b.id(), dev.nexus.account.AccountState.DISABLED, Optional.of("operator"));
        accounts.setPrimary(b.id());
        assertThat(accounts.find(a.id()).orElseThrow().primary()).isFalse();
        Account promoted = accounts.find(b.id()).orElseThrow();
        assertThat(promoted.primary()).isTrue();
        assertThat(promoted.active()).isTrue();
        assertThat(promoted.stateReason()).isEmpty();
    }

    @Test
    void routesKeepTheirFallbacksAndOrder() {
        SqlModelRoutes routes = new SqlModelRoutes(database, clock);
        routes.replaceAll(List.of(
                new dev.nexus.gateway.ModelRoute("r1", "gpt-4o", "google", "gemini-3-flash", List.of("gemini-2.5-flash", "gemini-2.5-pro"), true),
                new dev.nexus.gateway.ModelRoute("r2", "o3", "google", "gemini-3-pro-high", List.of(), true)));
        assertThat(routes.list()).extracting(dev.nexus.gateway.ModelRoute::clientModel).containsExactly("gpt-4o", "o3");
        assertThat(routes.list().get(0).fallbacks()).containsExactly("gemini-2.5-flash", "gemini-2.5-pro");
        assertThat(routes.list().get(1).fallbacks()).isEmpty();
    }

    @Test
    void anAddedRouteGoesLastEvenAfterSeededRoutesWithLaterCreationTimes() {
        SqlModelRoutes routes = new SqlModelRoutes(database, clock);
        routes.replaceAll(List.of(route("r1", "gpt-4o", "gemini-3-flash"), route("r2", "o3", "gemini-3-pro-high"),
                route("r3", "o1", "gemini-3-pro-low")));
        assertThat(routes.add(route("r4", "my-model", "gemini-3-flash"))).isInstanceOf(RouteWrite.Saved.class);
        assertThat(routes.list()).extracting(ModelRoute::id).containsExactly("r1", "r2", "r3", "r4");
        assertThat(routes.find("r4")).contains(route("r4", "my-model", "gemini-3-flash"));
        assertThat(routes.find("nope")).isEmpty();
    }

    @Test
    void aSecondRouteForTheSameClientModelAndProviderIsRefusedAsADuplicate() {
        SqlModelRoutes routes = new SqlModelRoutes(database, clock);
        routes.add(route("r1", "gpt-4o", "gemini-3-flash"));
        long revision = routes.revision();
        assertThat(routes.add(route("r2", "gpt-4o", "gemini-3-pro-high"))).isEqualTo(new RouteWrite.Duplicate(route("r1", "gpt-4o", "gemini-3-flash")));
        assertThat(routes.add(new ModelRoute("r3", "gpt-4o", "codex", "gpt-4o", List.of(), true))).isInstanceOf(RouteWrite.Saved.class);
        routes.add(route("r4", "o3", "gemini-3-pro-high"));
        assertThat(routes.update(route("r4", "gpt-4o", "x"))).isInstanceOf(RouteWrite.Duplicate.class);
        assertThat(routes.list()).hasSize(3);
        assertThat(routes.revision()).isEqualTo(revision + 2);
    }

    @Test
    void anUpdateReplacesTheRouteInPlaceAndAMissingIdIsReported() {
        SqlModelRoutes routes = new SqlModelRoutes(database, clock);
        routes.add(route("r1", "gpt-4o", "gemini-3-flash"));
        routes.add(route("r2", "o3", "gemini-3-pro-high"));
        ModelRoute changed = new ModelRoute("r1", "gpt-4o", "google", "gemini-3-pro-high", List.of("gemini-3-flash"), false);
        assertThat(routes.update(changed)).isEqualTo(new RouteWrite.Saved(changed));
        assertThat(routes.list()).containsExactly(changed, route("r2", "o3", "gemini-3-pro-high"));
        assertThat(routes.update(route("gone", "x", "y"))).isEqualTo(new RouteWrite.Missing("gone"));
    }

    @Test
    void removingARouteMovesTheRevisionOnlyWhenSomethingWasRemoved() {
        SqlModelRoutes routes = new SqlModelRoutes(database, clock);
        routes.add(route("r1", "gpt-4o", "gemini-3-flash"));
        long revision = routes.revision();
        assertThat(routes.remove("r1")).isTrue();
        assertThat(routes.remove("r1")).isFalse();
        assertThat(routes.list()).isEmpty();
        assertThat(routes.revision()).isEqualTo(revision + 1);
    }

    private static ModelRoute route(String id, String client, String target) {
        return new ModelRoute(id, client, "google", target, List.of(), true);
    }

    @Test
    void storedResponsesChainAndExpire() {
        SqlStoredResponses responses = new SqlStoredResponses(database);
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        responses.save(new dev.nexus.conversation.StoredResponse("resp_1", Optional.empty(), "gemini-3-flash", now,
                now.plusSeconds(3600), "[{\"type\":\"message\"}]", "[]", "{\"id\":\"resp_1\"}"));
        responses.save(new dev.nexus.conversation.StoredResponse("resp_2", Optional.of("resp_1"), "gemini-3-flash", now,
                now.plusSeconds(60), "[]", "[]", "{\"id\":\"resp_2\"}"));
        assertThat(responses.find("resp_2", now).orElseThrow().previousId()).contains("resp_1");
        assertThat(responses.find("resp_1", now).orElseThrow().inputItems()).contains("message");
        assertThat(responses.find("resp_2", now.plusSeconds(61))).isEmpty();
        assertThat(responses.purgeExpired(now.plusSeconds(61))).isEqualTo(1);
        assertThat(responses.delete("resp_1")).isTrue();
        assertThat(responses.delete("resp_1")).isFalse();
        assertThat(responses.find("nope", now)).isEmpty();
    }

    @Test
    void theDatabaseAnswersTheReadinessProbe() {
        assertThat(database.reachable()).isTrue();
    }
}
