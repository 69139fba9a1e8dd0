package dev.nexus.front;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.FakeChatGptAccount;
import dev.nexus.fake.FakeOpenAi;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.testing.NexusHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Codex usage windows through the real server and CLI: ChatGPT accounts imported from Codex CLI {@code auth.json}
 * files, the fake ChatGPT backend's usage endpoint (bearer and {@code ChatGPT-Account-ID} checked) as the source, then
 * {@code GET /v1/codex/quota} (the Go original's shape plus every account), the dashboard's admin endpoint and
 * {@code nexus quota}.
 */
class CodexQuotaEndpointTest {
    private static final String KEY = "sk-codex-quota-test-0001";
    private static final String PASSWORD = "codex-quota-admin-0001";

    @TempDir
    Path dir;
    private FakeOpenAi openai;
    private NexusHarness nexus;
    private FakeChatGptAccount coder;
    private FakeChatGptAccount second;

    @BeforeEach
    void start() {
        openai = FakeOpenAi.start();
        coder = openai.addAccount("coder@example.com", "plus");
        second = openai.addAccount("second@example.com", "pro");
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", KEY).env("NEXUS_ADMIN_PASSWORD", PASSWORD)
                .env("NEXUS_OPENAI_TOKEN_URL", openai.tokenUrl()).env("NEXUS_CODEX_BASE_URL", openai.codexBaseUrl());
    }

    @AfterEach
    void stop() {
        nexus.close();
        openai.close();
    }

    private JsonNode quota(String query) {
        HttpResponse<String> res = nexus.get("/v1/codex/quota" + query, "Authorization", "Bearer " + KEY);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return NexusHarness.json(res.body());
    }

    private String[] admin() {
        return new String[] {"Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes())};
    }

    @Test
    void withoutAChatGptAccountTheAnswerIsA404NamingHowToAddOne() {
        nexus.start();
        HttpResponse<String> res = nexus.get("/v1/codex/quota", "Authorization", "Bearer " + KEY);
        assertThat(res.statusCode()).isEqualTo(404);
        JsonNode error = NexusHarness.json(res.body()).path("error");
        assertThat(error.path("message").asText()).contains("no ChatGPT account", "nexus accounts login --provider codex",
                "nexus accounts import --file");
        assertThat(nexus.get("/v1/codex/quota").statusCode()).as("client-key auth like every /v1 route").isEqualTo(401);
    }

    @Test
    void theGoShapeForTheFirstAccountPlusEveryAccountsWindowsFromTheUsageEndpoint() {
        nexus.importChatGptAccount(openai, coder.email());
        nexus.importChatGptAccount(openai, second.email());
        openai.usedPercent(coder.email(), 42.5, 7);
        openai.usedPercent(second.email(), 90, 55);
        nexus.start();

        JsonNode quota = quota("");
        assertThat(quota.path("email").asText()).isEqualTo("c***r@e***.com");
        assertThat(quota.path("plan_type").asText()).isEqualTo("plus");
        assertThat(quota.path("account_id").asText()).isEqualTo(coder.chatgptAccountId());
        assertThat(quota.path("has_access").asBoolean()).isTrue();
        assertThat(quota.path("models")).extracting(JsonNode::asText).contains("gpt-5.2-codex", "gpt-5.1-codex-mini");
        JsonNode accounts = quota.path("accounts");
        assertThat(accounts).hasSize(2);
        JsonNode first = accounts.get(0);
        assertThat(first.path("email").asText()).isEqualTo("c***r@e***.com");
        assertThat(first.path("id").asText()).isNotBlank();
        assertThat(first.path("plan_type").asText()).isEqualTo("plus");
        assertThat(first.at("/primary/used_percent").asDouble()).isEqualTo(42.5);
        assertThat(first.at("/primary/window_minutes").asInt()).isEqualTo(300);
        assertThat(first.at("/primary/resets_in_seconds").asLong()).isBetween(1L, 5 * 3600L);
        assertThat(first.at("/primary/resets_at").asText()).isNotBlank();
        assertThat(first.at("/secondary/used_percent").asDouble()).isEqualTo(7.0);
        assertThat(first.at("/secondary/window_minutes").asInt()).isEqualTo(7 * 24 * 60);
        assertThat(first.path("seen_at").asText()).isNotBlank();
        assertThat(first.path("note").isNull()).isTrue();
        JsonNode other = accounts.get(1);
        assertThat(other.path("email").asText()).isEqualTo("s***d@e***.com");
        assertThat(other.path("plan_type").asText()).isEqualTo("pro");
        assertThat(other.path("chatgpt_account_id").asText()).isEqualTo(second.chatgptAccountId());
        assertThat(other.at("/primary/used_percent").asDouble()).isEqualTo(90.0);
        assertThat(other.at("/secondary/used_percent").asDouble()).isEqualTo(55.0);

        List<RecordedRequest> asked = openai.requests("/wham/usage");
        assertThat(asked).hasSize(2);
        assertThat(asked).extracting(r -> r.header("chatgpt-account-id"))
                .containsExactlyInAnyOrder(coder.chatgptAccountId(), second.chatgptAccountId());
        assertThat(asked).allSatisfy(r -> assertThat(r.header("authorization")).startsWith("Bearer "));

        openai.usedPercent(coder.email(), 60, 8);
        assertThat(quota("").at("/accounts/0/primary/used_percent").asDouble()).as("the windows seen are kept").isEqualTo(42.5);
        assertThat(openai.requests("/wham/usage")).as("no new usage call while windows are known").hasSize(2);
        assertThat(quota("?refresh=true").at("/accounts/0/primary/used_percent").asDouble()).isEqualTo(60.0);
        assertThat(openai.requests("/wham/usage")).hasSize(4);

        String id = first.path("id").asText();
        HttpResponse<String> card = nexus.get("/api/accounts/" + id + "/codex-quota", admin());
        assertThat(card.statusCode()).as(card.body()).isEqualTo(200);
        JsonNode windows = NexusHarness.json(card.body());
        assertThat(windows.at("/primary/used_percent").asDouble()).isEqualTo(60.0);
        assertThat(windows.path("email").asText()).isEqualTo("c***r@e***.com");
        assertThat(card.body()).doesNotContain(openai.account(coder.email()).refreshToken())
                .doesNotContain(asked.get(0).header("authorization").substring("Bearer ".length()));
    }

    @Test
    void anAccountTheBackendRefusesIsReportedUnknownWithTheReason() {
        nexus.importChatGptAccount(openai, coder.email());
        openai.expireAccessTokens(coder.email());
        openai.revokeRefreshTokens(coder.email());
        nexus.start();
        JsonNode account = quota("").path("accounts").get(0);
        assertThat(account.path("primary").isNull()).isTrue();
        assertThat(account.path("secondary").isNull()).isTrue();
        assertThat(account.path("note").asText()).startsWith("unknown until the first request");
    }

    @Test
    void aFailingUsageEndpointIsNotAskedAgainWithinAMinuteUnlessARefreshIsAsked() {
        nexus.env("NEXUS_CODEX_BASE_URL", openai.baseUrl() + "/elsewhere/codex");
        nexus.importChatGptAccount(openai, coder.email());
        nexus.start();
        JsonNode account = quota("").path("accounts").get(0);
        assertThat(account.path("primary").isNull()).isTrue();
        assertThat(account.path("note").asText()).startsWith("unknown until the first request")
                .contains("/elsewhere/wham/usage", "HTTP 404");
        assertThat(quota("").at("/accounts/0/note").asText()).contains("HTTP 404");
        assertThat(openai.requests("/elsewhere/wham/usage")).hasSize(1);
        quota("?refresh=true");
        assertThat(openai.requests("/elsewhere/wham/usage")).hasSize(2);
    }

    @Test
    void nexusQuotaPrintsAChatGptAccountsTwoWindows() {
        nexus.importChatGptAccount(openai, coder.email());
        openai.usedPercent(coder.email(), 25, 3.5);
        NexusHarness.CliResult text = nexus.cli("quota", coder.email());
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("Codex quota of coder@example.com (plus)", "primary (5-hour)", " 25.0%",
                "secondary (weekly)", "  3.5%", "5h 0m", "7d 0h");
        NexusHarness.CliResult unnamed = nexus.cli("quota");
        assertThat(unnamed.code()).isNotZero();
        assertThat(unnamed.err()).contains("no Google account is linked", "nexus quota ACCOUNT");
        NexusHarness.CliResult json = nexus.cli("quota", coder.email(), "--json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode parsed = json.json();
        assertThat(parsed.path("email").asText()).as("the operator at the terminal sees the email").isEqualTo(coder.email());
        assertThat(parsed.at("/primary/used_percent").asDouble()).isEqualTo(25.0);
        assertThat(parsed.at("/secondary/used_percent").asDouble()).isEqualTo(3.5);
        assertThat(parsed.at("/secondary/window_minutes").asInt()).isEqualTo(10080);
    }
}
