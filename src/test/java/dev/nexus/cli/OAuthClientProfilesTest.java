package dev.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.secret.SecretBox;
import dev.nexus.testing.NexusHarness;
import dev.nexus.testing.TestBrowser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OAuth client profiles end to end, with no GOOGLE_CLIENT_* set: the fake Google knows only the clients Google knows,
 * refuses a refresh token used with another client, and records which client each token request used.
 */
class OAuthClientProfilesTest {
    private static final Pattern CONSENT_LINE = Pattern.compile("(?m)^ {4}(http\\S+)$");
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    @TempDir
    Path files;
    private FakeGoogle google;
    private NexusHarness nexus;
    private final TestBrowser browser = new TestBrowser();

    @BeforeEach
    void fakes() {
        google = FakeGoogle.start();
        nexus = new NexusHarness(dir).usingGoogle(google).env("NEXUS_OAUTH_CALLBACK_PORT", "0");
        assertThat(nexus.env()).doesNotContainKeys("GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET");
    }

    @AfterEach
    void stop() {
        browser.close();
        nexus.close();
        google.close();
    }

    /** A browser-less login through the fake, finished by pasting the redirect. */
    private void login(String email, String... options) {
        google.consentAs(email);
        List<String> args = new java.util.ArrayList<>(List.of("accounts", "login", "--paste", "--no-browser"));
        args.addAll(List.of(options));
        NexusHarness.BackgroundCli cli = nexus.cliInBackground(args.toArray(String[]::new));
        NexusHarness.awaitTrue(DEADLINE, () -> CONSENT_LINE.matcher(cli.out()).find() || cli.finished());
        Matcher m = CONSENT_LINE.matcher(cli.out());
        assertThat(m.find()).as(cli.out() + cli.err()).isTrue();
        cli.type(browser.consent(URI.create(m.group(1))).toString());
        NexusHarness.CliResult result = cli.await(DEADLINE);
        assertThat(result.code()).as(result.err()).isZero();
    }

    private JsonNode listed(String email) {
        for (JsonNode a : nexus.cli("accounts", "list", "--json").json()) {
            if (a.path("email").asText().equals(email)) {
                return a;
            }
        }
        throw new AssertionError("no account " + email);
    }

    /** The client_id of each refresh grant Google received for this refresh token. */
    private List<String> refreshClientsOf(String refreshToken) {
        return google.requests("/token").stream().map(RecordedRequest::form)
                .filter(f -> refreshToken.equals(f.get("refresh_token"))).map(f -> f.get("client_id")).toList();
    }

    private HttpResponse<String> manualRefresh(String email) {
        return nexus.post("/api/accounts/" + listed(email).path("id").asText() + "/refresh", "");
    }

    private Path write(String name, String content) throws IOException {
        Path file = files.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    @Test
    void loginAndRefreshTokenImportWorkWithTheBuiltInAntigravityClient() {
        google.addAccount("alice@example.com", "proj-alice");
        String bobToken = google.addAccount("bob@example.com", "proj-bob").refreshToken();

        login("alice@example.com");
        NexusHarness.CliResult imported = nexus.cli("accounts", "import", "--refresh-token", bobToken);

        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("Imported bob@example.com", "OAuth client antigravity", "project proj-bob");
        assertThat(google.authorizations()).extracting(a -> a.clientId()).containsExactly(FakeGoogle.ANTIGRAVITY_CLIENT_ID);
        assertThat(google.tokenClientIds()).isNotEmpty().containsOnly(FakeGoogle.ANTIGRAVITY_CLIENT_ID);
        assertThat(google.requests("/token")).allSatisfy(r ->
                assertThat(r.form()).containsEntry("client_secret", "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"));
        assertThat(listed("alice@example.com").path("oauth_client").asText()).isEqualTo("antigravity");
        assertThat(listed("bob@example.com").path("oauth_client").asText()).isEqualTo("antigravity");
    }

    @Test
    void aGeminiCliFileRefreshesWithTheGeminiCliClientWhileALoginAccountRefreshesWithAntigravity() throws IOException {
        google.addAccount("alice@example.com", "proj-alice");
        google.addAccount("gem@example.com", "proj-gem");
        String geminiToken = google.issueRefreshToken("gem@example.com", FakeGoogle.GEMINI_CLI_CLIENT_ID);
        login("alice@example.com");
        String aliceToken = google.account("alice@example.com").refreshToken();
        Path creds = write("gemini/oauth_creds.json", "{\"access_token\":\"ya29.stale\",\"refresh_token\":\"" + geminiToken
                + "\",\"token_type\":\"Bearer\",\"expiry_date\":1000}");
        write("gemini/google_accounts.json", "{\"active\":\"gem@example.com\",\"old\":[]}");

        NexusHarness.CliResult imported = nexus.cli("accounts", "import", "--file", creds.toString());

        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.err()).as("the project was asked of Cloud Code with a fresh token").isEmpty();
        assertThat(listed("gem@example.com").path("oauth_client").asText()).isEqualTo("gemini-cli");
        assertThat(listed("gem@example.com").path("project_id").asText()).isEqualTo("proj-gem");

        nexus.start();
        assertThat(manualRefresh("gem@example.com").statusCode()).isEqualTo(200);
        assertThat(manualRefresh("alice@example.com").statusCode()).isEqualTo(200);

        assertThat(refreshClientsOf(geminiToken)).hasSize(2).containsOnly(FakeGoogle.GEMINI_CLI_CLIENT_ID);
        assertThat(refreshClientsOf(aliceToken)).hasSize(1).containsOnly(FakeGoogle.ANTIGRAVITY_CLIENT_ID);
        assertThat(listed("gem@example.com").path("state").asText()).isEqualTo("active");
        assertThat(listed("alice@example.com").path("state").asText()).isEqualTo("active");
    }

    @Test
    void importWithClientGeminiCliRefreshesWithItAndAnUnknownClientIsAOneLineError() {
        google.addAccount("gem@example.com", "proj-gem");
        String geminiToken = google.issueRefreshToken("gem@example.com", FakeGoogle.GEMINI_CLI_CLIENT_ID);

        NexusHarness.CliResult unknown = nexus.cli("accounts", "import", "--refresh-token", geminiToken, "--client", "gemini");
        NexusHarness.CliResult imported = nexus.cli("accounts", "import", "--refresh-token", geminiToken, "--client", "gemini-cli");

        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err().lines()).hasSize(1).first().asString()
                .isEqualTo("nexus: unknown OAuth client \"gemini\": use one of antigravity, gemini-cli, custom"
                        + " (custom needs GOOGLE_CLIENT_ID)");
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(google.tokenClientIds()).containsExactly(FakeGoogle.GEMINI_CLI_CLIENT_ID);
        assertThat(listed("gem@example.com").path("oauth_client").asText()).isEqualTo("gemini-cli");
    }

    @Test
    void aRefreshGoogleAnswersUnauthorizedClientPutsTheAccountInNeedsReloginNamingTheProfile() {
        google.addAccount("carol@example.com", "proj-carol");
        String geminiToken = google.issueRefreshToken("carol@example.com", FakeGoogle.GEMINI_CLI_CLIENT_ID);
        // Imported offline under the wrong profile: nothing asks Google until the token is first refreshed.
        assertThat(nexus.cli("accounts", "import", "--refresh-token", geminiToken, "--client", "antigravity",
                "--email", "carol@example.com", "--project", "proj-carol").code()).isZero();
        nexus.start();

        HttpResponse<String> refreshed = manualRefresh("carol@example.com");

        assertThat(refreshed.statusCode()).isEqualTo(409);
        assertThat(NexusHarness.json(refreshed.body()).path("error").path("message").asText())
                .contains("needs re-login", "Google refused the antigravity OAuth client for this refresh token (unauthorized_client)");
        JsonNode carol = listed("carol@example.com");
        assertThat(carol.path("state").asText()).isEqualTo("needs_relogin");
        assertThat(carol.path("state_reason").asText()).startsWith(
                "Google refused the antigravity OAuth client for this refresh token (unauthorized_client)")
                .contains("nexus accounts login", "--client gemini-cli");
        assertThat(refreshClientsOf(geminiToken)).containsExactly(FakeGoogle.ANTIGRAVITY_CLIENT_ID);
    }

    @Test
    void aGoogleClientIdMakesCustomTheDefaultAndTheFakeRefusesAClientItDoesNotKnow() {
        google.addAccount("dave@example.com", "proj-dave");
        nexus.env("GOOGLE_CLIENT_ID", "home-made.apps.googleusercontent.com").env("GOOGLE_CLIENT_SECRET", "GOCSPX-home-made");

        NexusHarness.CliResult imported = nexus.cli("accounts", "import", "--refresh-token",
                google.account("dave@example.com").refreshToken());

        assertThat(imported.code()).isEqualTo(1);
        assertThat(imported.err()).contains("Google refused the custom OAuth client", "invalid_client", "pass --email");
        assertThat(google.tokenClientIds()).containsExactly("home-made.apps.googleusercontent.com");
        assertThat(imported.err() + imported.out()).doesNotContain("GOCSPX-home-made");
    }

    /** An accounts row from before V6 gets the profile today's environment logs in with, once. */
    @Test
    void aDatabaseFromBeforeProfilesGivesItsAccountsTheProfileOfTheEnvironment() {
        Map<String, String> expected = Map.of("with-id", "custom", "without-id", "antigravity");
        for (Map.Entry<String, String> run : expected.entrySet()) {
            Path db = dir.resolve(run.getKey() + ".db");
            Flyway.configure().dataSource("jdbc:sqlite:" + db, null, null).locations("classpath:db/migration")
                    .placeholders(Map.of("legacy_oauth_client", "unused")).target("5").load().migrate();
            SecretBox box = SecretBox.fromOperatorKey("migration test key", new SecureRandom());
            Jdbi.create("jdbc:sqlite:" + db).useHandle(h -> h.createUpdate("INSERT INTO accounts (id, provider, email, state,"
                            + " state_since, is_primary, refresh_token, created_at, updated_at)"
                            + " VALUES ('old-1', 'google', 'old@example.com', 'active', 0, TRUE, :refresh, 0, 0)")
                    .bind("refresh", box.seal("1//old", "accounts.refresh_token:old-1")).execute());
            nexus.env("NEXUS_DB", db.toString()).env("NEXUS_SECRET_KEY", "migration test key");
            if (run.getKey().equals("with-id")) {
                nexus.env("GOOGLE_CLIENT_ID", "home-made.apps.googleusercontent.com");
            } else {
                nexus.env().remove("GOOGLE_CLIENT_ID");
            }

            JsonNode old = listed("old@example.com");

            assertThat(old.path("oauth_client").asText()).as(run.getKey()).isEqualTo(run.getValue());
        }
    }
}
