package dev.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.account.Account;
import dev.nexus.account.AccountState;
import dev.nexus.config.SettingsLoader;
import dev.nexus.testing.NexusHarness;
import dev.nexus.testing.StoredValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code accounts import --seed-db}: switching from the Go version without logging in again. */
class SeedImportTest {
    private static final String GO_KEY = "sk-0123456789abcdef0123456789abcdef";
    /** Nothing listens on the discard port: upstream calls fail at once instead of reaching Google. */
    private static final String NOWHERE = "http://127.0.0.1:9";
    @TempDir
    Path dir;
    @TempDir
    Path goDir;
    private Path goDb;
    private NexusHarness nexus;

    @BeforeEach
    void goDatabase() throws Exception {
        goDb = goDir.resolve("nexus.db");
        try (GoNexusDb go = GoNexusDb.create(goDb)) {
            go.account("6a1c-alice", "alice@example.com", "", "ya29.GoAliceAccess", "1//GoAliceRefresh",
                            "2026-11-26 12:00:00.5+00:00", true, false,
                            "{\"project_id\":\"proj-alice\",\"subscription_tier\":\"standard-tier\"}", "2026-01-01 10:00:00+00:00")
                    .account("6a1c-bob", "bob@example.com", "google", "ya29.GoBobAccess", "1//GoBobRefresh",
                            "2030-01-01 00:00:00+00:00", true, true,
                            "{\"project_id\":\"proj-bob\",\"subscription_tier\":\"free-tier\",\"source\":\"oauth\"}",
                            "2026-01-02 10:00:00+00:00")
                    .account("6a1c-carol", "carol@example.com", "google", null, "1//GoCarolRefresh", null, false, false, null,
                            "2026-01-03 10:00:00+00:00")
                    .account("6a1c-dave", "dave@example.com", "google", "ya29.GoDaveAccess", "", null, true, false, "{}",
                            "2026-01-04 10:00:00+00:00")
                    .config("api_key", GO_KEY)
                    .config("openai_models", "[{\"id\":\"gpt-4o\",\"object\":\"model\"}]")
                    .route("gpt-4o", "google", "gemini-3-flash", true)
                    .route("my-team-model", "google", "gemini-2.5-pro", true)
                    .route("gpt-5.2-codex", "codex", "gpt-5.2-codex", true)
                    .route("o1", "google", "gemini-3-pro-low", false);
        }
        nexus = new NexusHarness(dir).env("NEXUS_GOOGLE_TOKEN_URL", NOWHERE).env("NEXUS_GOOGLE_USERINFO_URL", NOWHERE)
                .env("NEXUS_CLOUDCODE_BASE_URLS", NOWHERE + "/v1internal");
    }

    @AfterEach
    void close() {
        nexus.close();
    }

    @Test
    void importingAGoDatabaseBringsItsAccountsOverWithStatesPrimaryProjectAndTier() {
        var result = nexus.cli("accounts", "import", "--seed-db", goDb.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("Importing from the Go database " + goDb.toAbsolutePath(),
                "Imported bob@example.com", "Skipped account dave@example.com: it has no refresh token",
                "Accounts: 3 imported, 0 updated, 1 skipped.");
        Map<String, JsonNode> accounts = byEmail(nexus.cli("accounts", "list", "--json").json());
        assertThat(accounts).containsOnlyKeys("alice@example.com", "bob@example.com", "carol@example.com");
        JsonNode alice = accounts.get("alice@example.com");
        JsonNode bob = accounts.get("bob@example.com");
        JsonNode carol = accounts.get("carol@example.com");
        assertThat(alice.path("provider").asText()).isEqualTo("google");
        assertThat(alice.path("primary").asBoolean()).isFalse();
        assertThat(alice.path("project_id").asText()).isEqualTo("proj-alice");
        assertThat(alice.path("tier").asText()).isEqualTo("standard-tier");
        assertThat(bob.path("primary").asBoolean()).isTrue();
        assertThat(bob.path("state").asText()).isEqualTo("active");
        assertThat(bob.path("project_id").asText()).isEqualTo("proj-bob");
        assertThat(bob.path("tier").asText()).isEqualTo("free-tier");
        assertThat(carol.path("state").asText()).isEqualTo("disabled");
        assertThat(carol.path("project_id").isNull()).isTrue();
        assertThat(accounts.values()).allSatisfy(a -> assertThat(a.path("oauth_client").asText())
                .as("the Go version's tokens are the antigravity client's").isEqualTo("antigravity"));
        assertThat(nexus.cli("accounts", "list").out()).contains("disabled (inactive in the Go database)");
    }

    @Test
    void goTokensAreReEncryptedByTheStoreAndNoneIsStoredInTheClear() {
        assertThat(nexus.cli("accounts", "import", "--seed-db", goDb.toString()).code()).isZero();

        assertThat(StoredValues.of(dir.resolve("nexus.db"))).noneMatch(v -> v.contains("GoAlice") || v.contains("GoBob")
                || v.contains("GoCarol") || v.contains(GO_KEY.substring(3)));
        Map<String, Account> stored = storedAccounts();
        Account alice = stored.get("alice@example.com");
        assertThat(alice.refreshToken().reveal()).isEqualTo("1//GoAliceRefresh");
        assertThat(alice.accessToken().orElseThrow().reveal()).isEqualTo("ya29.GoAliceAccess");
        assertThat(alice.tokenExpiresAt()).contains(Instant.parse("2026-11-26T12:00:00.5Z"));
        Account carol = stored.get("carol@example.com");
        assertThat(carol.accessToken()).isEmpty();
        assertThat(carol.state()).isEqualTo(AccountState.DISABLED);
        assertThat(carol.stateReason()).contains("inactive in the Go database");
    }

    @Test
    void theGoRoutesAndApiKeyAreServedAndTheRoutesFileDoesNotReplaceThem() {
        var result = nexus.cli("accounts", "import", "--seed-db", goDb.toString());
        assertThat(result.out()).contains("Model routes: 4 imported (1 inactive)", "API key: imported as client key");

        nexus.start();

        assertThat(nexus.console()).as("a key exists, so none is generated").doesNotContain("shown only this once");
        var models = nexus.get("/v1/models", "Authorization", "Bearer " + GO_KEY);
        assertThat(models.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        NexusHarness.json(models.body()).path("data").forEach(m -> ids.add(m.path("id").asText()));
        assertThat(ids).contains("gpt-4o", "my-team-model", "gpt-5.2-codex")
                .doesNotContain("o1", "claude-3-haiku"); // inactive in Go; a route of the bundled file only
        assertThat(nexus.get("/v1/models", "Authorization", "Bearer sk-0123456789abcdef0123456789abcdee").statusCode())
                .isEqualTo(401);
        try (NexusState state = openState()) {
            assertThat(state.settings.get(NexusState.ROUTES_SEEDED)).contains("go database " + goDb.toAbsolutePath());
            assertThat(state.modelRoutes.list()).extracting(r -> r.clientModel() + ">" + r.provider() + "/" + r.targetModel())
                    .containsExactly("gpt-4o>google/gemini-3-flash", "my-team-model>google/gemini-2.5-pro",
                            "gpt-5.2-codex>codex/gpt-5.2-codex", "o1>google/gemini-3-pro-low");
        }
    }

    @Test
    void aGoRouteWhoseTargetIsNotAModelIdIsSkippedWithALineNamingItAndTheRestAreImported() throws Exception {
        try (GoNexusDb go = GoNexusDb.open(goDb)) {
            go.route("files", "gemini", "../../v1beta/files?x=", true);
        }
        var result = nexus.cli("accounts", "import", "--seed-db", goDb.toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("Skipped model route 5 of 5 (to provider gemini): target_model \"../../v1beta/files?x=\""
                + " is not a model id provider \"gemini\" takes: use letters, digits and . _ : - only",
                "Model routes: 4 imported (1 inactive)", "1 skipped (blank, duplicate or invalid)");
        try (NexusState state = openState()) {
            assertThat(state.modelRoutes.list()).extracting(r -> r.clientModel()).doesNotContain("files").hasSize(4);
        }
    }

    @Test
    void theGoApiKeyIsStoredOnlyAsAHashWithAShortPrefix() {
        nexus.cli("accounts", "import", "--seed-db", goDb.toString());

        JsonNode key = nexus.cli("keys", "list", "--json").json().get(0);
        assertThat(key.path("name").asText()).isEqualTo("imported from Go nexus.db");
        assertThat(key.path("prefix").asText()).isEqualTo("sk-012345");
        assertThat(StoredValues.of(dir.resolve("nexus.db"))).noneMatch(v -> v.contains(GO_KEY));
    }

    @Test
    void importingTwiceUpdatesInsteadOfDuplicating() {
        nexus.cli("accounts", "import", "--seed-db", goDb.toString());

        var again = nexus.cli("accounts", "import", "--seed-db", goDb.toString());

        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("Accounts: 0 imported, 3 updated, 1 skipped.", "Model routes: 4 imported",
                "API key: skipped, already present as client key");
        Map<String, JsonNode> accounts = byEmail(nexus.cli("accounts", "list", "--json").json());
        assertThat(accounts).hasSize(3);
        assertThat(accounts.get("bob@example.com").path("primary").asBoolean()).isTrue();
        assertThat(accounts.get("carol@example.com").path("state").asText()).isEqualTo("disabled");
        assertThat(nexus.cli("keys", "list", "--json").json()).hasSize(1);
        try (NexusState state = openState()) {
            assertThat(state.modelRoutes.list()).hasSize(4);
        }
    }

    @Test
    void theGoPrimaryWinsOverTheAccountThatWasPrimaryHere() {
        nexus.cli("accounts", "import", "--refresh-token", "1//here", "--email", "here@example.com", "--project", "p");

        nexus.cli("accounts", "import", "--seed-db", goDb.toString());

        Map<String, JsonNode> accounts = byEmail(nexus.cli("accounts", "list", "--json").json());
        assertThat(accounts.get("here@example.com").path("primary").asBoolean()).isFalse();
        assertThat(accounts.get("bob@example.com").path("primary").asBoolean()).isTrue();
    }

    @Test
    void aGoDatabaseWithoutTheExpectedTablesIsRefusedAndNothingIsImported() throws Exception {
        Path partial = goDir.resolve("partial.db");
        try (GoNexusDb go = GoNexusDb.createWith(partial, "CREATE TABLE accounts (id TEXT PRIMARY KEY, email TEXT,"
                + " refresh_token TEXT)")) {
            go.toString();
        }
        var result = nexus.cli("accounts", "import", "--seed-db", partial.toString());
        assertOneLineFailure(result, partial + " is not a Go nexus.db: it has no table configs, model_routes",
                "point --seed-db at the nexus.db in the Go version's working directory");
        assertNothingImported();
    }

    @Test
    void aMissingGoDatabaseIsAOneLineErrorAndCreatesNothing() {
        Path missing = goDir.resolve("missing.db");
        var result = nexus.cli("accounts", "import", "--seed-db", missing.toString());
        assertOneLineFailure(result, "no such file: " + missing, "point --seed-db at");
        assertThat(missing).doesNotExist();
        assertThat(dir.resolve("nexus.db")).doesNotExist();
    }

    @Test
    void aFileThatIsNotSqliteIsRefused() throws Exception {
        Path text = Files.writeString(goDir.resolve("notes.db"), "just some text, not a database at all\n".repeat(50));
        var result = nexus.cli("accounts", "import", "--seed-db", text.toString());
        assertOneLineFailure(result, text + " is not a SQLite database", "point --seed-db at");
        assertNothingImported();
    }

    @Test
    void aDatabaseOfThisNexusIsNotMistakenForTheGoVersions() {
        Path other = goDir.resolve("java-nexus");
        try (NexusHarness java = new NexusHarness(other)) {
            assertThat(java.cli("accounts", "list").code()).isZero();
        }
        var result = nexus.cli("accounts", "import", "--seed-db", other.resolve("nexus.db").toString());
        assertOneLineFailure(result, "is a database of this (Java) Nexus, not of the Go version", "NEXUS_DB");
    }

    @Test
    void emailAndProjectDoNotGoWithSeedDb() {
        var result = nexus.cli("accounts", "import", "--seed-db", goDb.toString(), "--email", "a@example.com");
        assertOneLineFailure(result, "--email, --project and --client go with --refresh-token or --file, not --seed-db");
        assertNothingImported();
    }

    @Test
    void theThreeSourcesAreMutuallyExclusive() {
        var both = nexus.cli("accounts", "import", "--seed-db", goDb.toString(), "--refresh-token", "1//x");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        var none = nexus.cli("accounts", "import", "--email", "a@example.com");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("Missing required argument", "--refresh-token", "--file", "--seed-db");
        assertNothingImported();
    }

    private static void assertOneLineFailure(NexusHarness.CliResult result, String... fragments) {
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).startsWith("nexus: ").contains(fragments);
    }

    private void assertNothingImported() {
        assertThat(nexus.cli("accounts", "list", "--json").json()).isEmpty();
        assertThat(nexus.cli("keys", "list", "--json").json()).isEmpty();
        try (NexusState state = openState()) {
            // Opening a database loads the routes file; a refused import must not have replaced those routes.
            assertThat(state.settings.get(NexusState.ROUTES_SEEDED)).hasValueSatisfying(
                    source -> assertThat(source).doesNotStartWith("go database"));
        }
    }

    private static Map<String, JsonNode> byEmail(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false)
                .collect(Collectors.toMap(a -> a.path("email").asText(), Function.identity()));
    }

    private Map<String, Account> storedAccounts() {
        try (NexusState state = openState()) {
            return state.accounts.list().stream().collect(Collectors.toMap(Account::email, Function.identity()));
        }
    }

    private NexusState openState() {
        return NexusState.open(new SettingsLoader(nexus.env(), dir).load(), dir, new SecureRandom(), Clock.systemUTC());
    }
}
