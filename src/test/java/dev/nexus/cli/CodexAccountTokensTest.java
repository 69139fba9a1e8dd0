package dev.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.account.Account;
import dev.nexus.account.AccountState;
import dev.nexus.account.AccountUnavailableException;
import dev.nexus.account.TokenRefresher;
import dev.nexus.config.Settings;
import dev.nexus.config.SettingsLoader;
import dev.nexus.fake.FakeChatGptAccount;
import dev.nexus.fake.FakeOpenAi;
import dev.nexus.secret.Secret;
import dev.nexus.store.SqlCodexAccounts;
import dev.nexus.testing.NexusHarness;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ChatGPT login imported from a Codex CLI auth.json through the real CLI, then refreshed by the {@link TokenRefresher} with the Codex token source against
 * the fake auth.openai.com: the rotated refresh token is stored (and survives reopening the database) and written back to
 * the linked file, newer tokens the Codex CLI wrote are adopted, and a reused refresh token means needs_relogin.
 */
class CodexAccountTokensTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private FakeOpenAi openai;
    private NexusHarness nexus;
    private FakeChatGptAccount coder;
    private Path authFile;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        openai = FakeOpenAi.start();
        coder = openai.addAccount("coder@example.com", "plus");
        nexus = new NexusHarness(dir).env("NEXUS_OPENAI_TOKEN_URL", openai.tokenUrl())
                .env("NEXUS_CODEX_BASE_URL", openai.codexBaseUrl());
        authFile = dir.resolve("codex-home/auth.json");
        Files.createDirectories(authFile.getParent());
        openai.accessTokenLifetime(Duration.ofMinutes(-1));
        String expiredAccess = openai.issueAccessToken(coder.email());
        openai.accessTokenLifetime(Duration.ofDays(10));
        Files.writeString(authFile, "{\"auth_mode\":\"chatgpt\",\"OPENAI_API_KEY\":null,\"tokens\":{\"id_token\":\""
                + openai.issueIdToken(coder.email()) + "\",\"access_token\":\"" + expiredAccess + "\",\"refresh_token\":\""
                + coder.refreshToken() + "\",\"account_id\":\"" + coder.chatgptAccountId() + "\"},"
                + "\"last_refresh\":\"2026-01-01T00:00:00Z\",\"agent_identity\":{\"kept\":true}}");
    }

    @AfterEach
    void stop() {
        http.close();
        nexus.close();
        openai.close();
    }

    /** The tokens of the accounts in the database, as a server started on it would refresh them. */
    private final class Opened implements AutoCloseable {
        final Settings settings = new SettingsLoader(nexus.env(), dir).load();
        final NexusState state = NexusState.open(settings, dir, new SecureRandom(), Clock.systemUTC());
        final UpstreamClients upstreams = new UpstreamClients(settings, JSON, Clock.systemUTC());
        final TokenRefresher tokens = new TokenRefresher(upstreams.tokenSources(new SqlCodexAccounts(state.database)),
                state.accounts, Clock.systemUTC());

        Account account() {
            return state.accounts.findByEmail(Account.CODEX, coder.email()).orElseThrow();
        }

        @Override
        public void close() {
            upstreams.close();
            state.close();
        }
    }

    private int codexCall(Secret token, String chatgptAccountId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(openai.codexBaseUrl() + "/responses"))
                .header("Authorization", "Bearer " + token.reveal()).header("ChatGPT-Account-ID", chatgptAccountId)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-5-codex\",\"instructions\":\"\",\"input\":[],"
                        + "\"stream\":true,\"store\":false}")).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private JsonNode fileTokens() throws IOException {
        return JSON.readTree(authFile.toFile()).path("tokens");
    }

    @Test
    void anExpiredImportIsRefreshedOnceTheRotatedTokenIsStoredAndWrittenBackAndSurvivesARestart() throws Exception {
        var imported = nexus.cli("accounts", "import", "--file", authFile.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("Imported coder@example.com", "tier plus", "linked to " + authFile);
        JsonNode listed = nexus.cli("accounts", "list", "--json").json().get(0);
        assertThat(listed.path("primary").asBoolean()).as("a ChatGPT login is never primary of the Google pool").isFalse();

        Secret fresh;
        try (Opened opened = new Opened()) {
            fresh = opened.tokens.accessToken(opened.account(), false);
            assertThat(opened.tokens.accessToken(opened.account(), false)).as("fresh now: no second refresh").isEqualTo(fresh);
            assertThat(new SqlCodexAccounts(opened.state.database).details(opened.account().id()).chatgptAccountId())
                    .contains(coder.chatgptAccountId());
        }
        assertThat(openai.requests("/oauth/token")).hasSize(1);
        String rotated = openai.account(coder.email()).refreshToken();
        assertThat(rotated).isNotEqualTo(coder.refreshToken());
        assertThat(codexCall(fresh, coder.chatgptAccountId())).as("the Codex backend takes the new token").isEqualTo(200);

        JsonNode written = fileTokens();
        assertThat(written.path("refresh_token").asText()).isEqualTo(rotated);
        assertThat(written.path("access_token").asText()).isEqualTo(fresh.reveal());
        assertThat(written.path("account_id").asText()).isEqualTo(coder.chatgptAccountId());
        JsonNode root = JSON.readTree(authFile.toFile());
        assertThat(root.path("auth_mode").asText()).isEqualTo("chatgpt");
        assertThat(root.path("agent_identity").path("kept").asBoolean()).as("fields Nexus does not own stay").isTrue();
        assertThat(root.path("last_refresh").asText()).isNotEqualTo("2026-01-01T00:00:00Z");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(authFile))).isEqualTo("rw-------");

        try (Opened restarted = new Opened()) {
            assertThat(restarted.account().refreshToken().reveal()).isEqualTo(rotated);
            assertThat(restarted.tokens.accessToken(restarted.account(), false)).isEqualTo(fresh);
        }
        assertThat(openai.requests("/oauth/token")).as("the stored token was still good after the restart").hasSize(1);
    }

    @Test
    void tokensTheCodexCliRefreshedInTheLinkedFileAreAdoptedBeforeRefreshing() throws Exception {
        assertThat(nexus.cli("accounts", "import", "--file", authFile.toString()).code()).isZero();
        // The Codex CLI refreshes first: OpenAI retires the refresh token Nexus holds, the file gets the new one.
        TokenAnswer cli = refreshAsTheCodexCli(coder.refreshToken());
        ObjectMapper mapper = new ObjectMapper();
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(authFile.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("tokens")).put("access_token", cli.access())
                .put("refresh_token", cli.refresh());
        Files.writeString(authFile, mapper.writeValueAsString(root));

        try (Opened opened = new Opened()) {
            assertThat(opened.tokens.accessToken(opened.account(), false).reveal()).as("the file's token is fresh: adopted")
                    .isEqualTo(cli.access());
            Secret forced = opened.tokens.accessToken(opened.account(), true);
            assertThat(forced.reveal()).isNotEqualTo(cli.access());
            assertThat(opened.account().state()).isEqualTo(AccountState.ACTIVE);
        }
        assertThat(fileTokens().path("refresh_token").asText()).isEqualTo(openai.account(coder.email()).refreshToken());
    }

    @Test
    void aReusedRefreshTokenMovesTheAccountToNeedsReloginWithTheFix() throws Exception {
        assertThat(nexus.cli("accounts", "import", "--file", authFile.toString(), "--no-link").code()).isZero();
        refreshAsTheCodexCli(coder.refreshToken());

        try (Opened opened = new Opened()) {
            assertThatThrownBy(() -> opened.tokens.accessToken(opened.account(), false))
                    .isInstanceOf(AccountUnavailableException.class).hasMessageContaining("needs re-login");
            Account after = opened.account();
            assertThat(after.state()).isEqualTo(AccountState.NEEDS_RELOGIN);
            assertThat(after.stateReason().orElseThrow()).contains("refresh_token_reused", "nexus accounts login --provider codex");
        }
        assertThat(fileTokens().path("refresh_token").asText()).as("--no-link: the file is never written")
                .isEqualTo(coder.refreshToken());
    }

    @Test
    void concurrentCallersShareOneRefreshAndABurstOf401sCostsOne() throws Exception {
        assertThat(nexus.cli("accounts", "import", "--file", authFile.toString()).code()).isZero();

        try (Opened opened = new Opened(); var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            Account stale = opened.account();
            var calls = java.util.stream.IntStream.range(0, 8)
                    .mapToObj(i -> threads.submit(() -> opened.tokens.accessToken(stale, false))).toList();
            java.util.Set<Secret> got = new java.util.HashSet<>();
            for (var call : calls) {
                got.add(call.get());
            }
            assertThat(got).as("every caller got the one refreshed token").hasSize(1);
            assertThat(openai.requests("/oauth/token")).as("a rotated refresh token can be used once: one refresh").hasSize(1);

            Account holding = opened.account();
            Secret refused = holding.accessToken().orElseThrow();
            Secret first = opened.tokens.replaceRejected(holding, refused);
            Secret second = opened.tokens.replaceRejected(holding, refused);
            assertThat(second).as("the second 401 with the same token gets the refreshed one").isEqualTo(first);
            assertThat(openai.requests("/oauth/token")).hasSize(2);
        }
    }

    @Test
    void theDashboardsRefreshButtonRefreshesAChatGptAccountThroughOpenAi() throws Exception {
        assertThat(nexus.cli("accounts", "import", "--file", authFile.toString()).code()).isZero();
        String id = nexus.cli("accounts", "list", "--json").json().get(0).path("id").asText();
        nexus.start();

        HttpResponse<String> refreshed = nexus.post("/api/accounts/" + id + "/refresh", "");

        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(openai.requests("/oauth/token")).singleElement()
                .satisfies(r -> assertThat(r.form()).containsEntry("client_id", FakeOpenAi.CODEX_CLIENT_ID));
        assertThat(fileTokens().path("refresh_token").asText()).isEqualTo(openai.account(coder.email()).refreshToken());
        assertThat(nexus.cli("accounts", "list", "--json").json().get(0).path("state").asText()).isEqualTo("active");
    }

    private record TokenAnswer(String access, String refresh) {}

    private TokenAnswer refreshAsTheCodexCli(String refreshToken) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("client_id", FakeOpenAi.CODEX_CLIENT_ID, "grant_type", "refresh_token",
                "refresh_token", refreshToken, "scope", "openid profile email"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(openai.tokenUrl()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode json = JSON.readTree(response.body());
        return new TokenAnswer(json.path("access_token").asText(), json.path("refresh_token").asText());
    }
}
