package dev.nexus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nexus.account.Account;
import dev.nexus.account.AccountRepository;
import dev.nexus.account.NewAccount;
import dev.nexus.clientkey.ClientKey;
import dev.nexus.clientkey.ClientKeys;
import dev.nexus.clientkey.KeyPolicy;
import dev.nexus.config.ConfigException;
import dev.nexus.config.Settings;
import dev.nexus.gateway.ModelRoute;
import dev.nexus.gateway.RouteWrite;
import dev.nexus.monitor.Cursor;
import dev.nexus.monitor.RecordQuery;
import dev.nexus.monitor.RecordsRefusedException;
import dev.nexus.monitor.RequestLogRetention;
import dev.nexus.monitor.RequestRecord;
import dev.nexus.monitor.StatusClass;
import dev.nexus.monitor.Tally;
import dev.nexus.monitor.UsageTotals;
import dev.nexus.secret.Secret;
import dev.nexus.secret.SecretBox;
import dev.nexus.testing.SettableClock;
import dev.nexus.testing.TickingClock;
import java.time.Duration;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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

    /** Where {@link #database} is: another {@code Database.open} of it is a second instance on the same data. */
    protected Settings.Database where;

    @BeforeEach
    void open() throws Exception {
        where = freshDatabase();
        database = Database.open(where);
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
        return google(email, refresh, "antigravity");
    }

    private static NewAccount google(String email, String refresh, String oauthClient) {
        return new NewAccount(Account.GOOGLE, email, Secret.of(refresh), Optional.of(Secret.of("ya29.access-" + refresh)),
                Optional.of(Instant.parse("2026-11-26T11:00:00Z")), Optional.of("proj-1"), Optional.of("standard-tier"),
                Optional.of(oauthClient));
    }

    @Test
    void anAccountKeepsTheOAuthClientOfItsLatestTokensAndACodexLoginHasNone() {
        Account stored = accounts.upsert(google("a@example.com", "1//a", "gemini-cli")).account();
        assertThat(stored.oauthClient()).contains("gemini-cli");
        assertThat(accounts.upsert(google("a@example.com", "1//b", "antigravity")).account().oauthClient()).contains("antigravity");
        Account codex = accounts.upsert(new NewAccount(Account.CODEX, "c@example.com", Secret.of("rt"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())).account();
        assertThat(codex.oauthClient()).isEmpty();
    }

    /**
     * A database from before V6: its Google accounts get the profile the migrating process would log in with
     * (here custom, as with GOOGLE_CLIENT_ID set), Codex logins none; the value is fixed once, so a later start
     * under another environment neither changes it nor fails Flyway's checksum validation.
     */
    @Test
    void accountsStoredBeforeOAuthClientsWereRecordedGetTheProfileOfTheMigratingEnvironment() throws Exception {
        database.close();
        Settings.Database settings = freshDatabase();
        org.flywaydb.core.api.configuration.FluentConfiguration flyway = org.flywaydb.core.Flyway.configure()
                .dataSource(settings.jdbcUrl(), settings.user().orElse(null), settings.password().orElse(null))
                .locations("classpath:db/migration").placeholders(Map.of("legacy_oauth_client", "unused"))
                .cleanDisabled(false);
        flyway.load().clean();
        flyway.target("5").load().migrate();
        org.jdbi.v3.core.Jdbi.create(flyway.getDataSource()).useHandle(h -> {
            for (String[] row : List.of(new String[] {"g1", "google", "old@example.com"},
                    new String[] {"c1", "codex", "codex@example.com"})) {
                h.createUpdate("INSERT INTO accounts (id, provider, email, state, state_since, is_primary, refresh_token,"
                                + " created_at, updated_at) VALUES (:id, :provider, :email, 'active', 0, :primary, :refresh, 0, 0)")
                        .bind("id", row[0]).bind("provider", row[1]).bind("email", row[2]).bind("primary", row[0].equals("g1"))
                        .bind("refresh", box.seal("1//" + row[0], "accounts.refresh_token:" + row[0])).execute();
            }
        });

        database = Database.open(settings, "custom");
        accounts = new SqlAccounts(database, box, clock);
        assertThat(accounts.find("g1").orElseThrow().oauthClient()).contains("custom");
        assertThat(accounts.find("c1").orElseThrow().oauthClient()).isEmpty();

        database.close();
        database = Database.open(settings, "antigravity");
        accounts = new SqlAccounts(database, box, clock);
        assertThat(accounts.find("g1").orElseThrow().oauthClient()).contains("custom");
    }

    private boolean atLatest() {
        return database.jdbi().<Boolean, RuntimeException>withHandle(h -> SchemaHistory.atLatest(h.getConnection()));
    }

    /** Opening a database at the latest migration skips Flyway, so the check must know which migration is the latest. */
    @Test
    void theSchemaCheckKnowsTheLatestMigration() throws Exception {
        java.nio.file.Path migrations = java.nio.file.Path.of(Database.class.getResource("/db/migration").toURI());
        int highest;
        try (var files = java.nio.file.Files.list(migrations)) {
            highest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
        assertThat(SchemaHistory.LATEST).isEqualTo(highest);
        assertThat(atLatest()).isTrue();
    }

    /**
     * Only a history that ends at the latest migration, all of it applied, skips Flyway; one ahead of this build or with
     * a failed migration goes to Flyway, which decides as it did before the check existed.
     */
    @Test
    void aHistoryAheadOfThisBuildOrWithAFailedMigrationIsLeftToFlyway() {
        database.jdbi().useHandle(h -> h.createUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description,"
                        + " type, script, checksum, installed_by, execution_time, success) VALUES (:rank, :version, 'from a newer"
                        + " build', 'SQL', :script, 1, 'test', 1, :ok)")
                .bind("rank", 1000).bind("version", String.valueOf(SchemaHistory.LATEST + 1))
                .bind("script", "V" + (SchemaHistory.LATEST + 1) + "__newer.sql").bind("ok", true).execute());
        assertThat(atLatest()).isFalse();
        Database.open(where).close(); // as before the check: Flyway warns of the newer schema and opens it
        database.jdbi().useHandle(h -> h.createUpdate("UPDATE flyway_schema_history SET version = :latest, success = :ok"
                + " WHERE installed_rank = 1000").bind("latest", String.valueOf(SchemaHistory.LATEST)).bind("ok", false).execute());
        assertThat(atLatest()).isFalse();
        database.jdbi().useHandle(h -> h.createUpdate("DELETE FROM flyway_schema_history WHERE installed_rank = 1000").execute());
        assertThat(atLatest()).isTrue();
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
    void aKeysPolicyIsStoredUpdatedAndClearedAndTheUpdateIsARevision() {
        ClientKeys service = new ClientKeys(keys, Optional.empty(), random, clock);
        KeyPolicy policy = new KeyPolicy(List.of("gemini-*", "claude-sonnet-*"), OptionalLong.of(60), OptionalLong.of(200_000),
                OptionalLong.of(4), OptionalLong.of(2_000_000), OptionalLong.of(50_000_000_000L),
                Optional.of(Instant.parse("2027-01-31T00:00:00Z")), true);
        var issued = service.issue("limited", policy);
        assertThat(keys.list().get(0).policy()).isEqualTo(policy);
        assertThat(service.verify(issued.fullKey())).map(ClientKey::policy).contains(policy);
        long revision = keys.revision();

        KeyPolicy changed = policy.withRequestsPerMinute(OptionalLong.empty()).withModels(List.of()).withEnabled(false);
        assertThat(service.update(issued.key().id(), "renamed", changed)).map(ClientKey::name).contains("renamed");

        assertThat(keys.revision()).isGreaterThan(revision);
        assertThat(keys.list().get(0).policy()).isEqualTo(changed);
        assertThat(service.verify(issued.fullKey())).map(ClientKey::policy).contains(changed);
        assertThat(service.update("key_missing", "x", changed)).isEmpty();
        service.revoke(issued.key().id());
        assertThat(service.update(issued.key().id(), "x", changed)).as("a revoked key stays as it was").isEmpty();
    }

    @Test
    void tokensPerKeyAndPeriodAddUp() {
        SqlKeyUsage usage = new SqlKeyUsage(database);
        assertThat(usage.tokens("key_a", "d:2026-12-31")).isZero();
        usage.add("key_a", List.of("d:2026-12-31", "m:2026-12"), 14);
        usage.add("key_a", List.of("d:2026-12-31", "m:2026-12"), 6);
        usage.add("key_b", List.of("d:2026-12-31"), 1);
        assertThat(usage.tokens("key_a", "d:2026-12-31")).isEqualTo(20);
        assertThat(usage.tokens("key_a", "m:2026-12")).isEqualTo(20);
        assertThat(usage.tokens("key_b", "d:2026-12-31")).isEqualTo(1);
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
        responses.save(new dev.nexus.conversation.StoredResponse("resp_1", "key_a", Optional.empty(), "gemini-3-flash", now,
                now.plusSeconds(3600), "[{\"type\":\"message\"}]", "[]", "{\"id\":\"resp_1\"}"));
        responses.save(new dev.nexus.conversation.StoredResponse("resp_2", "key_a", Optional.of("resp_1"), "gemini-3-flash", now,
                now.plusSeconds(60), "[]", "[]", "{\"id\":\"resp_2\"}"));
        assertThat(responses.find("resp_2", "key_a", now).orElseThrow().previousId()).contains("resp_1");
        assertThat(responses.find("resp_1", "key_a", now).orElseThrow().inputItems()).contains("message");
        assertThat(responses.find("resp_2", "key_a", now.plusSeconds(61))).isEmpty();
        assertThat(responses.purgeExpired(now.plusSeconds(61))).isEqualTo(1);
        assertThat(responses.delete("resp_1", "key_a")).isTrue();
        assertThat(responses.delete("resp_1", "key_a")).isFalse();
        assertThat(responses.find("nope", "key_a", now)).isEmpty();
    }

    @Test
    void aStoredResponseExistsOnlyForItsOwnerAndOneWithoutAnOwnerForNobody() {
        SqlStoredResponses responses = new SqlStoredResponses(database);
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        responses.save(new dev.nexus.conversation.StoredResponse("resp_a", "key_a", Optional.empty(), "gemini-3-flash", now,
                now.plusSeconds(3600), "[]", "[]", "{}"));
        assertThat(responses.find("resp_a", "key_b", now)).isEmpty();
        assertThat(responses.delete("resp_a", "key_b")).isFalse();
        assertThat(responses.find("resp_a", "key_a", now).orElseThrow().ownerKeyId()).isEqualTo("key_a");

        database.jdbi().useHandle(h -> h.execute("UPDATE stored_responses SET owner_key_id = NULL WHERE id = 'resp_a'"));
        assertThat(responses.find("resp_a", "key_a", now)).as("stored before owners were recorded").isEmpty();
        assertThat(responses.delete("resp_a", "key_a")).isFalse();
    }

    @Test
    void theDatabaseAnswersTheReadinessProbe() {
        assertThat(database.reachable()).isTrue();
    }

    // ---- request log (the monitor) ----

    private static final Instant LOG_T0 = Instant.parse("2026-11-26T10:00:00Z");

    private static RequestRecord logged(String id, Instant at, int status, String clientModel, String targetModel,
            String account, String keyName, Long input, Long output, String error) {
        return new RequestRecord(id, at, "req_" + id, "POST", "/v1/chat/completions", "openai.chat", status, 250, 40L,
                clientModel, targetModel == null ? null : "google", targetModel, account == null ? null : "acc-" + account.charAt(0),
                account, keyName == null ? null : "key_" + keyName, keyName, input, output,
                targetModel == null ? null : "google/" + targetModel + "@acc", error, null, null);
    }

    private static RequestRecord logged(String id, Instant at) {
        return logged(id, at, 200, "gpt-4o", "gemini-3-flash", "a***e@e***.com", "laptop", 10L, 5L, null);
    }

    private static List<String> ids(List<RequestRecord> records) {
        return records.stream().map(RequestRecord::id).toList();
    }

    @Test
    void aRequestRecordComesBackAsWrittenWithItsBodiesAndItsGaps() {
        SqlRequestLogs logs = new SqlRequestLogs(database);
        RequestRecord full = logged("rl_full", LOG_T0).withBodies("{\"model\":\"gpt-4o\"}", "data: {\"x\":1}\n\n");
        RequestRecord bare = new RequestRecord("rl_bare", LOG_T0.plusMillis(1), "req_b", "GET", "/v1/nowhere", "other", 401, 3,
                null, null, null, null, null, null, null, null, null, null, null, "missing API key", null, null);
        logs.insert(List.of(full, bare));
        assertThat(logs.find("rl_full")).contains(full);
        assertThat(logs.find("rl_bare")).contains(bare);
        assertThat(logs.find("rl_none")).isEmpty();
        assertThat(logs.search(RecordQuery.newest(10))).extracting(RequestRecord::requestBody).containsOnlyNulls();
    }

    @Test
    void aBatchHoldingARecordTheDatabaseRefusesIsRefusedWholeAndSaysSoWhileItsOtherRecordsGoInOneByOne() {
        SqlRequestLogs logs = new SqlRequestLogs(database);
        logs.insert(List.of(logged("rl_taken", LOG_T0)));
        List<RequestRecord> batch = List.of(logged("rl_a", LOG_T0), logged("rl_taken", LOG_T0.plusMillis(1)), logged("rl_b", LOG_T0));
        assertThatThrownBy(() -> logs.insert(batch)).isInstanceOf(RecordsRefusedException.class).hasMessageContaining("3 request record");
        assertThat(logs.find("rl_a")).as("a batch is written whole or not at all").isEmpty();
        logs.insert(List.of(batch.get(0)));
        assertThatThrownBy(() -> logs.insert(List.of(batch.get(1)))).isInstanceOf(RecordsRefusedException.class);
        logs.insert(List.of(batch.get(2)));
        assertThat(ids(logs.search(RecordQuery.newest(10)))).containsExactlyInAnyOrder("rl_taken", "rl_a", "rl_b");
        assertThat(logs.find("rl_taken").orElseThrow().startedAt()).isEqualTo(LOG_T0);
    }

    @Test
    void aNulCharacterInARecordIsKeptAsAReplacementCharacterOnEveryDatabase() {
        SqlRequestLogs logs = new SqlRequestLogs(database);
        RequestRecord nul = logged("rl_nul", LOG_T0, 400, "gpt\u00004o", null, null, null, null, null, "model: \u0000")
                .withBodies("{\"model\":\"gpt\u00004o\"}", null);
        logs.insert(List.of(nul, logged("rl_next", LOG_T0)));
        RequestRecord stored = logs.find("rl_nul").orElseThrow();
        assertThat(stored.clientModel()).isEqualTo("gpt\uFFFD4o");
        assertThat(stored.error()).isEqualTo("model: \uFFFD");
        assertThat(stored.requestBody()).isEqualTo("{\"model\":\"gpt\uFFFD4o\"}");
        assertThat(logs.find("rl_next")).isPresent();
    }

    @Test
    void aDatabaseThatCannotBeReachedIsNotARefusalOfTheRecords() {
        SqlRequestLogs logs = new SqlRequestLogs(database);
        database.close();
        assertThatThrownBy(() -> logs.insert(List.of(logged("rl_x", LOG_T0)))).isInstanceOf(RuntimeException.class)
                .isNotInstanceOf(RecordsRefusedException.class);
    }

    @Test
    void theHistoryIsNewestFirstAndACursorContinuesItWithoutRepeats() {
        SqlRequestLogs logs = new SqlRequestLogs(database);
        for (int i = 0; i < 5; i++) {
            logs.insert(List.of(logged("rl_" + i, LOG_T0.plusMillis(i / 2))));
        }
        List<RequestRecord> first = logs.search(RecordQuery.newest(2));
        assertThat(ids(first)).containsExactly("rl_4", "rl_3");
        RecordQuery next = RecordQuery.newest(2).before(Cursor.after(first.get(1)));
        assertThat(ids(logs.search(next))).containsExactly("rl_2", "rl_1");
        assertThat(ids(logs.search(RecordQuery.newest(10).before(new Cursor(LOG_T0.plusMillis(1), "rl_2")))))
                .containsExactly("rl_1", "rl_0");
    }

    @Test
    void theHistoryFiltersByStatusSurfaceModelAccountKeyAndFreeText() {
        SqlRequestLogs logs = new SqlRequestLogs(database);
        logs.insert(List.of(
                logged("rl_ok", LOG_T0, 200, "gpt-4o", "gemini-3-flash", "a***e@e***.com", "laptop", 10L, 5L, null),
                logged("rl_cut", LOG_T0.plusMillis(1), 200, "gpt-4o", "gemini-3-flash", "a***e@e***.com", "laptop", 1L, 1L,
                        "upstream broke mid-answer"),
                logged("rl_429", LOG_T0.plusMillis(2), 429, "claude-sonnet-4-5", "claude-sonnet-4-5", "b***b@e***.com", "ci", null,
                        null, "every account is rate limited (50% used)"),
                logged("rl_503", LOG_T0.plusMillis(3), 503, "gemini-3-pro", null, null, "NEXUS_API_KEY", null, null, "no account")));
        java.util.function.Function<RecordQuery, List<String>> run = q -> ids(logs.search(q));
        RecordQuery all = RecordQuery.newest(50);
        assertThat(run.apply(with(all, "status", StatusClass.SUCCESS))).containsExactly("rl_cut", "rl_ok");
        assertThat(run.apply(with(all, "status", StatusClass.CLIENT_ERROR))).containsExactly("rl_429");
        assertThat(run.apply(with(all, "status", StatusClass.SERVER_ERROR))).containsExactly("rl_503");
        assertThat(run.apply(with(all, "status", StatusClass.ERROR))).containsExactly("rl_503", "rl_429", "rl_cut");
        assertThat(run.apply(with(all, "model", "gemini-3-flash"))).containsExactly("rl_cut", "rl_ok");
        assertThat(run.apply(with(all, "model", "gemini-3-pro"))).containsExactly("rl_503");
        assertThat(run.apply(with(all, "account", "b***b@e***.com"))).containsExactly("rl_429");
        assertThat(run.apply(with(all, "account", "acc-a"))).containsExactly("rl_cut", "rl_ok");
        assertThat(run.apply(with(all, "key", "NEXUS_API_KEY"))).containsExactly("rl_503");
        assertThat(run.apply(with(all, "key", "key_ci"))).containsExactly("rl_429");
        assertThat(run.apply(with(all, "surface", "openai.chat"))).hasSize(4);
        assertThat(run.apply(with(all, "surface", "anthropic"))).isEmpty();
        assertThat(run.apply(with(all, "text", "CLAUDE"))).containsExactly("rl_429");
        assertThat(run.apply(with(all, "text", "mid-answer"))).containsExactly("rl_cut");
        assertThat(run.apply(with(all, "text", "req_rl_ok"))).containsExactly("rl_ok");
        assertThat(run.apply(with(all, "text", "laptop"))).containsExactly("rl_cut", "rl_ok");
        assertThat(run.apply(with(all, "text", "50%"))).as("%% is literal").containsExactly("rl_429");
        assertThat(run.apply(with(all, "text", "5_"))).as("_ is literal").isEmpty();
    }

    private static RecordQuery with(RecordQuery q, String filter, Object value) {
        Optional<String> text = filter.equals("text") ? Optional.of((String) value) : q.text();
        Optional<StatusClass> status = filter.equals("status") ? Optional.of((StatusClass) value) : q.status();
        Optional<String> surface = filter.equals("surface") ? Optional.of((String) value) : q.surface();
        Optional<String> model = filter.equals("model") ? Optional.of((String) value) : q.model();
        Optional<String> account = filter.equals("account") ? Optional.of((String) value) : q.account();
        Optional<String> key = filter.equals("key") ? Optional.of((String) value) : q.key();
        return new RecordQuery(text, status, surface, model, account, key, q.before(), q.limit());
    }

    @Test
    void usageIsCountedPerBucketAccountModelAndKey() {
        SqlRequestLogs logs = new SqlRequestLogs(database);
        Instant from = Instant.parse("2026-11-26T00:00:00Z");
        logs.insert(List.of(
                logged("rl_1", from.plusSeconds(60), 200, "gpt-4o", "gemini-3-flash", "a***e@e***.com", "laptop", 10L, 5L, null),
                logged("rl_2", from.plusSeconds(3599), 429, "gpt-4o", "gemini-3-flash", "b***b@e***.com", "laptop", null, null, "limited"),
                logged("rl_3", from.plusSeconds(3 * 3600 + 5), 200, "claude-sonnet-4-5", "claude-sonnet-4-5", "a***e@e***.com", "ci",
                        7L, 3L, null),
                logged("rl_4", from.plusSeconds(4 * 3600), 401, "gemini-3-pro", null, null, null, null, null, "missing key"),
                logged("rl_before", from.minusSeconds(1)),
                logged("rl_after", from.plusSeconds(24 * 3600))));
        UsageTotals totals = logs.usage(from, from.plus(Duration.ofHours(24)), Duration.ofHours(1));
        assertThat(totals.bySlot().keySet()).containsExactlyInAnyOrder(0, 3, 4);
        assertThat(totals.bySlot().get(0)).isEqualTo(new Tally("0", 2, 1, 10, 5));
        assertThat(totals.bySlot().get(3)).isEqualTo(new Tally("3", 1, 0, 7, 3));
        assertThat(totals.bySlot().get(4)).isEqualTo(new Tally("4", 1, 1, 0, 0));
        assertThat(totals.byAccount()).containsExactly(new Tally("a***e@e***.com", 2, 0, 17, 8), new Tally("b***b@e***.com", 1, 1, 0, 0));
        assertThat(totals.byModel()).containsExactly(new Tally("gemini-3-flash", 2, 1, 10, 5),
                new Tally("claude-sonnet-4-5", 1, 0, 7, 3), new Tally("gemini-3-pro", 1, 1, 0, 0));
        assertThat(totals.byKey()).containsExactly(new Tally("laptop", 2, 1, 10, 5), new Tally("ci", 1, 0, 7, 3));
    }

    @Test
    void retentionRemovesOldRecordsAndTheOldestBeyondTheRowLimitAndKeepsRecentOnes() {
        SqlRequestLogs logs = new SqlRequestLogs(database);
        SettableClock now = new SettableClock(LOG_T0);
        logs.insert(List.of(logged("rl_old", LOG_T0.minus(Duration.ofDays(8))), logged("rl_edge", LOG_T0.minus(Duration.ofDays(7))),
                logged("rl_1", LOG_T0.minusSeconds(30)), logged("rl_2", LOG_T0.minusSeconds(20)), logged("rl_3", LOG_T0.minusSeconds(10))));
        RequestLogRetention retention = new RequestLogRetention(logs, Duration.ofDays(7), 3, now);
        assertThat(retention.purge()).isEqualTo(new RequestLogRetention.Removed(1, 1));
        assertThat(ids(logs.search(RecordQuery.newest(10)))).containsExactly("rl_3", "rl_2", "rl_1");

        now.advance(Duration.ofDays(7).minusSeconds(15));
        assertThat(retention.purge()).isEqualTo(new RequestLogRetention.Removed(2, 0));
        assertThat(ids(logs.search(RecordQuery.newest(10)))).containsExactly("rl_3");
        assertThat(logs.keepNewest(5)).isZero();
    }

    @Test
    void aLeaseHasOneHolderAtATimeUntilReleasedOrLapsed() {
        SettableClock now = new SettableClock(LOG_T0);
        try (Database other = Database.open(where)) {
            SqlLeases mine = new SqlLeases(database, now);
            SqlLeases theirs = new SqlLeases(other, now);
            assertThat(mine.tryTake("refresh:a", Duration.ofSeconds(60))).isTrue();
            assertThat(mine.tryTake("refresh:a", Duration.ofSeconds(60))).as("its holder takes it again").isTrue();
            assertThat(theirs.tryTake("refresh:a", Duration.ofSeconds(60))).isFalse();
            assertThat(theirs.tryTake("refresh:b", Duration.ofSeconds(60))).as("another name").isTrue();
            theirs.release("refresh:a");
            assertThat(theirs.tryTake("refresh:a", Duration.ofSeconds(60))).as("only the holder releases").isFalse();
            mine.release("refresh:a");
            assertThat(theirs.tryTake("refresh:a", Duration.ofSeconds(60))).isTrue();
            now.advance(Duration.ofSeconds(60));
            assertThat(mine.tryTake("refresh:a", Duration.ofSeconds(60))).as("a dead holder's lease lapses").isTrue();
        }
    }

    @Test
    void aConversationSticksToTheAccountLastSavedForItInItsPool() {
        SqlStickySessions sticky = new SqlStickySessions(database);
        sticky.save("google", "hash:abc", "acc-1", LOG_T0);
        sticky.save("codex", "hash:abc", "acc-9", LOG_T0);
        sticky.save("google", "hash:abc", "acc-2", LOG_T0.plusSeconds(5));
        try (Database other = Database.open(where)) {
            SqlStickySessions seenElsewhere = new SqlStickySessions(other);
            assertThat(seenElsewhere.find("google", "hash:abc", LOG_T0))
                    .contains(new dev.nexus.account.StickyRepository.Stuck("acc-2", LOG_T0.plusSeconds(5)));
            assertThat(seenElsewhere.find("codex", "hash:abc", LOG_T0).orElseThrow().accountId()).isEqualTo("acc-9");
            assertThat(seenElsewhere.find("google", "hash:abc", LOG_T0.plusSeconds(6))).as("unused since").isEmpty();
            assertThat(seenElsewhere.find("google", "hash:other", LOG_T0)).isEmpty();
        }
        assertThat(sticky.purge(LOG_T0.plusSeconds(1))).isEqualTo(1);
        assertThat(sticky.find("codex", "hash:abc", LOG_T0)).isEmpty();
    }

    @Test
    void toolSignaturesAreFoundByCallIdInOneBatchAndExpire() {
        SqlToolSignatures signatures = new SqlToolSignatures(database);
        signatures.save("call_1", new dev.nexus.chat.Signature("sig-one", "cloudcode"), LOG_T0);
        signatures.save("call_2", new dev.nexus.chat.Signature("gAAAA-encrypted", "codex"), LOG_T0.plusSeconds(10));
        signatures.save("call_1", new dev.nexus.chat.Signature("sig-one-again", "cloudcode"), LOG_T0.plusSeconds(20));
        List<String> many = new java.util.ArrayList<>(List.of("call_1", "call_2", "call_none"));
        for (int i = 0; i < 1200; i++) {
            many.add("filler_" + i);
        }
        try (Database other = Database.open(where)) {
            assertThat(new SqlToolSignatures(other).find(many, LOG_T0)).isEqualTo(Map.of(
                    "call_1", new dev.nexus.chat.Signature("sig-one-again", "cloudcode"),
                    "call_2", new dev.nexus.chat.Signature("gAAAA-encrypted", "codex")));
        }
        assertThat(signatures.find(List.of("call_1", "call_2"), LOG_T0.plusSeconds(15)).keySet()).containsExactly("call_1");
        assertThat(signatures.purge(LOG_T0.plusSeconds(15))).isEqualTo(1);
    }

    @Test
    void aStoredCooldownMovesTheRevisionAndAnUnchangedOneDoesNot() {
        SqlCooldowns cooldowns = new SqlCooldowns(database);
        long before = cooldowns.revision();
        cooldowns.save("acc-1", "gemini-3-flash", LOG_T0.plusSeconds(60));
        long after = cooldowns.revision();
        assertThat(after).isGreaterThan(before);
        cooldowns.save("acc-1", "gemini-3-flash", LOG_T0.plusSeconds(30));
        assertThat(cooldowns.revision()).as("an earlier end changes nothing").isEqualTo(after);
        cooldowns.save("acc-1", "gemini-3-flash", LOG_T0.plusSeconds(90));
        assertThat(cooldowns.revision()).isGreaterThan(after);
        try (Database other = Database.open(where)) {
            assertThat(new SqlCooldowns(other).active(LOG_T0)).containsExactly(
                    new dev.nexus.account.CooldownRepository.Cooldown("acc-1", "gemini-3-flash", LOG_T0.plusSeconds(90)));
        }
    }

    @Test
    void instancesStartingTogetherAgreeOnTheFirstValueOfASetting() throws Exception {
        try (Database other = Database.open(where)) {
            SqlSettings mine = new SqlSettings(database, clock);
            SqlSettings theirs = new SqlSettings(other, clock);
            List<java.util.concurrent.Callable<String>> starts = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                SqlSettings settings = i % 2 == 0 ? mine : theirs;
                String value = "value-" + i;
                starts.add(() -> settings.putIfAbsent("first_start", value));
                starts.add(() -> {
                    settings.put("last_start", value);
                    return value;
                });
            }
            try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                List<String> agreed = new java.util.ArrayList<>();
                for (var done : pool.invokeAll(starts)) {
                    agreed.add(done.get());
                }
                String first = mine.get("first_start").orElseThrow();
                for (int i = 0; i < agreed.size(); i += 2) {
                    assertThat(agreed.get(i)).isEqualTo(first);
                }
                assertThat(theirs.get("last_start")).isPresent();
            }
        }
    }
}
