package dev.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.account.Account;
import dev.nexus.config.SettingsLoader;
import dev.nexus.testing.FakeJwt;
import dev.nexus.testing.NexusHarness;
import dev.nexus.testing.StoredValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code accounts import --file}: Gemini CLI, Antigravity and Codex credential files, offline (Google's token endpoint
 * unreachable, as NexusHarness sets it up).
 */
class FileImportTest {
    private static final String GEMINI_REFRESH = "1//0gGeminiCliRefreshSecret";
    private static final String GEMINI_ACCESS = "ya29.GeminiCliAccessSecret";
    @TempDir
    Path dir;
    @TempDir
    Path files;
    private NexusHarness nexus;

    @BeforeEach
    void open() {
        nexus = new NexusHarness(dir);
    }

    @AfterEach
    void close() {
        nexus.close();
    }

    @Test
    void geminiCliCredentialsTakeTheirEmailFromTheAccountListBesideThem() throws IOException {
        Path creds = write("gemini/oauth_creds.json", "{\"access_token\":\"" + GEMINI_ACCESS + "\",\"refresh_token\":\""
                + GEMINI_REFRESH + "\",\"scope\":\"https://www.googleapis.com/auth/cloud-platform\",\"token_type\":\"Bearer\","
                + "\"expiry_date\":1795000000123}");
        write("gemini/google_accounts.json", "{\"active\":\"gemini.user@example.com\",\"old\":[]}");

        var result = nexus.cli("accounts", "import", "--file", creds.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("Imported gemini.user@example.com", "(primary)", "from oauth_creds.json (Gemini CLI credentials)",
                "1 imported, 0 updated, 0 skipped").doesNotContain(GEMINI_REFRESH, GEMINI_ACCESS);
        // No project in the file and Google unreachable: imported anyway, the project is found on first use.
        assertThat(result.err()).contains("note", "discovered when the account is first used");
        JsonNode account = onlyAccount();
        assertThat(account.path("email").asText()).isEqualTo("gemini.user@example.com");
        assertThat(account.path("provider").asText()).isEqualTo("google");
        assertThat(account.path("state").asText()).isEqualTo("active");
        assertThat(account.path("project_id").isNull()).isTrue();
        assertThat(account.path("oauth_client").asText()).as("Gemini CLI's tokens are its client's").isEqualTo("gemini-cli");
        assertThat(StoredValues.of(dir.resolve("nexus.db"))).noneMatch(v -> v.contains("GeminiCli"));
        Account stored = stored("gemini.user@example.com");
        assertThat(stored.refreshToken().reveal()).isEqualTo(GEMINI_REFRESH);
        assertThat(stored.accessToken().orElseThrow().reveal()).isEqualTo(GEMINI_ACCESS);
        assertThat(stored.tokenExpiresAt()).contains(Instant.ofEpochMilli(1795000000123L));
    }

    @Test
    void geminiCliCredentialsWithoutAnAccountListUseTheIdTokensEmail() throws IOException {
        Path creds = write("oauth_creds.json", "{\"refresh_token\":\"" + GEMINI_REFRESH + "\",\"expiry_date\":1795000000123,"
                + "\"id_token\":\"" + FakeJwt.withClaims("{\"email\":\"from.id.token@example.com\",\"sub\":\"42\"}") + "\"}");

        var result = nexus.cli("accounts", "import", "--file", creds.toString(), "--project", "proj-given");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(onlyAccount().path("email").asText()).isEqualTo("from.id.token@example.com");
        assertThat(onlyAccount().path("project_id").asText()).isEqualTo("proj-given");
    }

    @Test
    void aFlatAntigravityFileImportsWithItsEmailAndProjectWithoutAskingGoogle() throws IOException {
        Path file = write("google_ai_credentials.json", flatAntigravity("flat@example.com", "1//0gFlatRefreshSecret", "proj-flat"));

        var result = nexus.cli("accounts", "import", "--file", file.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("Imported flat@example.com", "project proj-flat", "(Antigravity account)");
        assertThat(onlyAccount().path("project_id").asText()).isEqualTo("proj-flat");
        assertThat(onlyAccount().path("oauth_client").asText()).isEqualTo("antigravity");
        assertThat(stored("flat@example.com").tokenExpiresAt()).contains(Instant.ofEpochSecond(1795000000L));
        assertThat(StoredValues.of(dir.resolve("nexus.db"))).noneMatch(v -> v.contains("FlatRefreshSecret") || v.contains("FlatAccess"));
    }

    @Test
    void aNestedAntigravityAccountImportsWithItsEmailAndProject() throws IOException {
        Path file = write("3f2a.json", nestedAntigravity("nested@example.com", "1//0gNestedRefreshSecret", "proj-nested"));

        var result = nexus.cli("accounts", "import", "--file", file.toString());

        assertThat(result.code()).as(result.err()).isZero();
        JsonNode account = onlyAccount();
        assertThat(account.path("email").asText()).isEqualTo("nested@example.com");
        assertThat(account.path("project_id").asText()).isEqualTo("proj-nested");
        assertThat(account.path("oauth_client").asText()).isEqualTo("antigravity");
        assertThat(stored("nested@example.com").refreshToken().reveal()).isEqualTo("1//0gNestedRefreshSecret");
        assertThat(StoredValues.of(dir.resolve("nexus.db"))).noneMatch(v -> v.contains("NestedRefreshSecret"));
    }

    @Test
    void aDirectoryImportsEveryAccountFileInItAndSaysWhatItSkipped() throws IOException {
        Path accounts = files.resolve("accounts");
        write("accounts/a.json", flatAntigravity("a@example.com", "1//a", "proj-a"));
        write("accounts/b.json", nestedAntigravity("b@example.com", "1//b", "proj-b"));
        write("accounts/settings.json", "{\"theme\":\"dark\"}");
        write("accounts/notes.txt", "not json, and not *.json");

        var result = nexus.cli("accounts", "import", "--file", accounts.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("Imported a@example.com", "Imported b@example.com",
                "Skipped settings.json: not a credential file Nexus knows", "2 imported, 0 updated, 1 skipped");
        assertThat(nexus.cli("accounts", "list", "--json").json()).extracting(a -> a.path("email").asText())
                .containsExactly("a@example.com", "b@example.com");
    }

    @Test
    void anArrayOfAccountsImportsEachOfThem() throws IOException {
        Path file = write("accounts.json", "[" + flatAntigravity("one@example.com", "1//one", "p1") + ","
                + nestedAntigravity("two@example.com", "1//two", "p2") + "]");

        var result = nexus.cli("accounts", "import", "--file", file.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("from accounts.json[0]", "from accounts.json[1]");
        assertThat(nexus.cli("accounts", "list", "--json").json()).hasSize(2);
    }

    @Test
    void importingAgainUpdatesTheAccountsAndTheirTokensInsteadOfAddingThem() throws IOException {
        write("accounts/a.json", flatAntigravity("a@example.com", "1//first", "proj-a"));
        write("accounts/b.json", nestedAntigravity("b@example.com", "1//b", "proj-b"));
        nexus.cli("accounts", "import", "--file", files.resolve("accounts").toString());
        write("accounts/a.json", flatAntigravity("a@example.com", "1//second", "proj-a2"));

        var again = nexus.cli("accounts", "import", "--file", files.resolve("accounts").toString());

        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("Updated a@example.com", "Updated b@example.com", "0 imported, 2 updated, 0 skipped");
        assertThat(nexus.cli("accounts", "list", "--json").json()).hasSize(2);
        Account a = stored("a@example.com");
        assertThat(a.refreshToken().reveal()).isEqualTo("1//second");
        assertThat(a.projectId()).contains("proj-a2");
    }

    @Test
    void aCodexLoginBecomesACodexAccountThatTheGooglePoolNeverHandsOut() throws IOException {
        String idToken = FakeJwt.withClaims("{\"email\":\"coder@example.com\",\"https://api.openai.com/auth\":"
                + "{\"chatgpt_plan_type\":\"pro\",\"chatgpt_account_id\":\"acc-9\"}}");
        String access = FakeJwt.withClaims("{\"exp\":1795000000,\"scp\":\"CodexAccessSecret\"}");
        Path auth = write("codex/auth.json", "{\"auth_mode\":\"chatgpt\",\"OPENAI_API_KEY\":null,\"tokens\":{\"id_token\":\""
                + idToken + "\",\"access_token\":\"" + access + "\",\"refresh_token\":\"rt_CodexRefreshSecret\",\"account_id\":\"acc-9\"},"
                + "\"last_refresh\":\"2026-11-01T12:00:00Z\"}");

        var result = nexus.cli("accounts", "import", "--file", auth.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("Imported coder@example.com", "tier pro", "(Codex login)").doesNotContain("rt_Codex");
        JsonNode account = onlyAccount();
        assertThat(account.path("provider").asText()).isEqualTo("codex");
        assertThat(account.path("tier").asText()).isEqualTo("pro");
        assertThat(account.path("oauth_client").isNull()).as("no Google OAuth client issued a ChatGPT login").isTrue();
        Account stored = stored("coder@example.com");
        assertThat(stored.refreshToken().reveal()).isEqualTo("rt_CodexRefreshSecret");
        assertThat(stored.tokenExpiresAt()).contains(Instant.ofEpochSecond(1795000000L));
        assertThat(StoredValues.of(dir.resolve("nexus.db"))).noneMatch(v -> v.contains("CodexRefreshSecret") || v.contains(access));

        nexus.env("NEXUS_API_KEY", "sk-test-key-for-codex-pinning").start();
        var pinned = nexus.post("/v1/chat/completions", "{\"model\":\"gemini-3-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization", "Bearer sk-test-key-for-codex-pinning", "X-Nexus-Account", "coder@example.com");
        assertThat(pinned.statusCode()).as("a header naming no Google account is the request's mistake, not a bad key")
                .isEqualTo(400);
        assertThat(pinned.body()).contains("names no Google account");
        assertThat(onlyAccount().path("state").asText()).isEqualTo("active");
    }

    @Test
    void aMissingFileIsAOneLineErrorNamingThePath() {
        var result = nexus.cli("accounts", "import", "--file", files.resolve("nope.json").toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err().lines()).hasSize(1).first().asString()
                .startsWith("nexus: no such file or directory: " + files.resolve("nope.json")).contains("check the path");
    }

    @Test
    void aFileOfUnknownShapeIsRefusedAndNothingIsImported() throws IOException {
        Path file = write("settings.json", "{\"selectedAuthType\":\"oauth-personal\",\"theme\":\"dark\"}");
        var result = nexus.cli("accounts", "import", "--file", file.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err().lines()).hasSize(1).first().asString()
                .contains(file + " is not a credential file Nexus knows", "point --file at Gemini CLI oauth_creds.json");
        assertThat(nexus.cli("accounts", "list", "--json").json()).isEmpty();
    }

    @Test
    void invalidJsonIsRefusedWithoutQuotingTheFile() throws IOException {
        Path file = write("oauth_creds.json", "{\"refresh_token\": 1//0gUnquotedSecret}");
        var result = nexus.cli("accounts", "import", "--file", file.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("is not valid JSON (line 1").doesNotContain("UnquotedSecret");
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void withoutAnEmailAnywhereAndGoogleUnreachableTheErrorSaysToPassEmail() throws IOException {
        Path file = write("oauth_creds.json", "{\"refresh_token\":\"" + GEMINI_REFRESH + "\",\"expiry_date\":1795000000123}");

        var refused = nexus.cli("accounts", "import", "--file", file.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err().lines()).hasSize(1).first().asString()
                .contains("nothing imported from", "cannot reach Google's token endpoint", "pass --email").doesNotContain(GEMINI_REFRESH);
        assertThat(nexus.cli("accounts", "list", "--json").json()).isEmpty();

        var withEmail = nexus.cli("accounts", "import", "--file", file.toString(), "--email", "given@example.com");
        assertThat(withEmail.code()).as(withEmail.err()).isZero();
        assertThat(onlyAccount().path("email").asText()).isEqualTo("given@example.com");
    }

    @Test
    void emailAndProjectApplyOnlyToAFileWithOneAccount() throws IOException {
        write("accounts/a.json", flatAntigravity("a@example.com", "1//a", "proj-a"));
        write("accounts/b.json", flatAntigravity("b@example.com", "1//b", "proj-b"));
        var result = nexus.cli("accounts", "import", "--file", files.resolve("accounts").toString(), "--email", "x@example.com");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("--email and --project apply to one account", "holds 2");
        assertThat(nexus.cli("accounts", "list", "--json").json()).isEmpty();
    }

    private static String flatAntigravity(String email, String refresh, String project) {
        return "{\"access_token\":\"ya29.FlatAccess\",\"refresh_token\":\"" + refresh + "\",\"expires_at\":1795000000,"
                + "\"email\":\"" + email + "\",\"project_id\":\"" + project + "\"}";
    }

    private static String nestedAntigravity(String email, String refresh, String project) {
        return "{\"id\":\"3f2a9c\",\"email\":\"" + email + "\",\"name\":\"Someone\",\"token\":{\"access_token\":\"ya29.NestedAccess\","
                + "\"refresh_token\":\"" + refresh + "\",\"expires_in\":3599,\"expiry_timestamp\":1795000000,\"project_id\":\""
                + project + "\"}}";
    }

    private Path write(String relative, String content) throws IOException {
        Path file = files.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private JsonNode onlyAccount() {
        JsonNode list = nexus.cli("accounts", "list", "--json").json();
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    /** The account as the store decrypts it. */
    private Account stored(String email) {
        try (NexusState state = NexusState.open(new SettingsLoader(nexus.env(), dir).load(), dir, new SecureRandom(),
                Clock.systemUTC())) {
            return state.accounts.list().stream().filter(a -> a.email().equals(email)).findFirst().orElseThrow();
        }
    }
}
