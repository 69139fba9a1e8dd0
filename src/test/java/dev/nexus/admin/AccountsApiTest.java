package dev.nexus.admin;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.FakeAccount;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.testing.NexusHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account admin API on the real server, against the fake Google. No answer but the reveal carries a full email. */
class AccountsApiTest {
    private static final String ALICE = "alice@example.com";
    private static final String BOB = "bob.jones@example.com";
    @TempDir
    Path dir;
    private FakeGoogle google;
    private NexusHarness nexus;
    private final List<HttpResponse<String>> answers = new ArrayList<>();

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        FakeAccount alice = google.addAccount(ALICE, "proj-alice");
        FakeAccount bob = google.addAccount(BOB, "proj-bob");
        nexus = new NexusHarness(dir)
                .usingGoogle(google);
        assertThat(nexus.cli("accounts", "import", "--refresh-token", alice.refreshToken()).code()).isZero();
        assertThat(nexus.cli("accounts", "import", "--refresh-token", bob.refreshToken()).code()).isZero();
        nexus.start();
    }

    @AfterEach
    void stop() {
        nexus.close();
        google.close();
        assertThat(answers).as("answers seen by this test").isNotEmpty();
        for (HttpResponse<String> answer : answers) {
            if (!answer.uri().getPath().endsWith("/email")) {
                assertThat(answer.body()).as(answer.uri().getPath()).doesNotContain(ALICE, BOB, "alice@", "bob.jones@");
            }
        }
    }

    private HttpResponse<String> get(String path) {
        return seen(nexus.get(path));
    }

    private HttpResponse<String> post(String path, String body) {
        return seen(nexus.post(path, body));
    }

    private HttpResponse<String> delete(String path) {
        return seen(nexus.delete(path));
    }

    private HttpResponse<String> seen(HttpResponse<String> answer) {
        answers.add(answer);
        return answer;
    }

    private JsonNode account(String maskedEmail) {
        for (JsonNode a : json(get("/api/accounts").body()).path("accounts")) {
            if (a.path("email").asText().equals(maskedEmail)) {
                return a;
            }
        }
        throw new AssertionError("no account " + maskedEmail);
    }

    private String id(String maskedEmail) {
        return account(maskedEmail).path("id").asText();
    }

    private static String error(HttpResponse<String> res) {
        return json(res.body()).path("error").path("message").asText();
    }

    @Test
    void theListMasksEmailsAndShowsStateReasonAndSince() {
        JsonNode list = json(get("/api/accounts").body());
        assertThat(list.path("count").asInt()).isEqualTo(2);
        JsonNode alice = account("a***e@e***.com");
        assertThat(alice.path("state").asText()).isEqualTo("active");
        assertThat(alice.path("state_reason").isNull()).isTrue();
        assertThat(Instant.parse(alice.path("state_since").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(alice.path("primary").asBoolean()).isTrue();
        assertThat(alice.has("access_token")).isFalse();
    }

    @Test
    void theRevealEndpointGivesTheFullEmailOfOneAccount() {
        String bob = id("b***s@e***.com");
        JsonNode revealed = json(get("/api/accounts/" + bob + "/email").body());
        assertThat(revealed.path("id").asText()).isEqualTo(bob);
        assertThat(revealed.path("email").asText()).isEqualTo(BOB);
    }

    @Test
    void promotingAnAccountMakesItTheOnlyPrimary() {
        String bob = id("b***s@e***.com");
        HttpResponse<String> promoted = post("/api/accounts/" + bob + "/promote", "");
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        assertThat(json(promoted.body()).path("status").asText()).isEqualTo("ok");
        assertThat(json(promoted.body()).at("/account/primary").asBoolean()).isTrue();
        assertThat(account("b***s@e***.com").path("primary").asBoolean()).isTrue();
        assertThat(account("a***e@e***.com").path("primary").asBoolean()).isFalse();
    }

    @Test
    void aChatGptAccountCannotBePromotedAndTheGooglePrimaryStays() {
        try (dev.nexus.fake.FakeOpenAi openai = dev.nexus.fake.FakeOpenAi.start()) {
            openai.addAccount("coder@example.com", "plus");
            nexus.importChatGptAccount(openai, "coder@example.com");
            NexusHarness.awaitTrue(java.time.Duration.ofSeconds(3),
                    () -> json(get("/api/accounts").body()).path("count").asInt() == 3);
            String coder = id("c***r@e***.com");
            HttpResponse<String> refused = post("/api/accounts/" + coder + "/promote", "");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(error(refused)).contains(coder, "ChatGPT account", "cannot be primary", "promote a Google account");
            assertThat(account("a***e@e***.com").path("primary").asBoolean()).isTrue();
            assertThat(account("c***r@e***.com").path("primary").asBoolean()).isFalse();
        }
    }

    @Test
    void disablingTakesAnAccountOutOfServiceWithAReasonAndEnablingBringsItBack() {
        String alice = id("a***e@e***.com");
        HttpResponse<String> disabled = post("/api/accounts/" + alice + "/active", "{\"is_active\":false}");
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(json(disabled.body()).path("is_active").asBoolean()).isFalse();
        JsonNode listed = account("a***e@e***.com");
        assertThat(listed.path("state").asText()).isEqualTo("disabled");
        assertThat(listed.path("state_reason").asText()).isEqualTo("disabled by the operator");

        post("/api/accounts/" + alice + "/active", "{\"is_active\":true}");
        assertThat(account("a***e@e***.com").path("state").asText()).isEqualTo("active");
        assertThat(account("a***e@e***.com").path("state_reason").isNull()).isTrue();

        HttpResponse<String> bad = post("/api/accounts/" + alice + "/active", "{\"is_active\":\"no\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(error(bad)).contains("{\"is_active\": false}");
    }

    @Test
    void refreshingWithAGoodRefreshTokenAsksGoogleForANewAccessToken() {
        String alice = id("a***e@e***.com");
        int before = google.requests("/token").size();
        HttpResponse<String> refreshed = post("/api/accounts/" + alice + "/refresh", "");
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(json(refreshed.body()).path("status").asText()).isEqualTo("ok");
        assertThat(json(refreshed.body()).at("/account/state").asText()).isEqualTo("active");
        assertThat(google.requests("/token")).hasSize(before + 1);
    }

    @Test
    void refreshingWithARevokedRefreshTokenReportsAndRecordsThatTheAccountNeedsRelogin() {
        String bob = id("b***s@e***.com");
        google.revokeRefreshToken(BOB);
        HttpResponse<String> refused = post("/api/accounts/" + bob + "/refresh", "");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused.body()).path("error").path("code").asText()).isEqualTo("needs_relogin");
        assertThat(error(refused)).contains("b***s@e***.com", "needs re-login", "nexus accounts login");
        JsonNode listed = account("b***s@e***.com");
        assertThat(listed.path("state").asText()).isEqualTo("needs_relogin");
        assertThat(listed.path("state_reason").asText()).contains("revoked");
    }

    @Test
    void deletingAnAccountRemovesItAndPassesPrimaryOn() {
        String alice = id("a***e@e***.com");
        HttpResponse<String> deleted = delete("/api/accounts/" + alice);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(json(deleted.body()).path("removed").asText()).isEqualTo(alice);
        JsonNode list = json(get("/api/accounts").body());
        assertThat(list.path("count").asInt()).isEqualTo(1);
        assertThat(list.at("/accounts/0/primary").asBoolean()).isTrue();
        assertThat(delete("/api/accounts/" + alice).statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownIdIsA404NamingItOnEveryEndpoint() {
        List<HttpResponse<String>> missing = List.of(get("/api/accounts/no-such-id/email"),
                post("/api/accounts/no-such-id/promote", ""), post("/api/accounts/no-such-id/active", "{\"is_active\":true}"),
                post("/api/accounts/no-such-id/refresh", ""), get("/api/accounts/no-such-id/models"),
                delete("/api/accounts/no-such-id"));
        for (HttpResponse<String> res : missing) {
            assertThat(res.statusCode()).as(res.uri().getPath()).isEqualTo(404);
            assertThat(error(res)).as(res.uri().getPath()).contains("no account with id or email 'no-such-id'");
            assertThat(json(res.body()).path("error").path("code").asText()).isEqualTo("account_not_found");
        }
    }

    @Test
    void theModelsEndpointShowsEachModelsRemainingQuotaAndResetTime() {
        Instant reset = Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        google.setQuota(ALICE, "gemini-3-flash", 0.25, reset);
        google.setRemainingFraction(ALICE, "claude-sonnet-4-5", 0.0);
        String alice = id("a***e@e***.com");

        HttpResponse<String> res = get("/api/accounts/" + alice + "/models");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode body = json(res.body());
        assertThat(body.path("account_id").asText()).isEqualTo(alice);
        assertThat(body.path("email").asText()).isEqualTo("a***e@e***.com");
        List<String> catalog = dev.nexus.fake.FakeModel.defaults().stream().map(dev.nexus.fake.FakeModel::id).sorted().toList();
        assertThat(body.path("count").asInt()).isEqualTo(catalog.size());
        assertThat(body.path("models").findValuesAsText("id")).as("sorted by id").containsExactlyElementsOf(catalog);
        JsonNode flash = body.path("models").get(catalog.indexOf("gemini-3-flash"));
        assertThat(flash.path("display_name").asText()).isEqualTo("Gemini 3 Flash");
        assertThat(flash.path("remaining_fraction").asDouble()).isEqualTo(0.25);
        assertThat(flash.path("reset_time").asText()).isEqualTo(reset.toString());
        assertThat(flash.path("resets_in_seconds").asLong()).isBetween(3 * 3600L - 60, 3 * 3600L);
        assertThat(body.path("models").get(1).path("remaining_fraction").asDouble()).as("exhausted").isEqualTo(0.0);
        assertThat(body.path("models").get(0).path("remaining_fraction").asDouble()).as("untouched").isEqualTo(1.0);
        assertThat(google.requests(":fetchAvailableModels").get(0).json().path("project").asText()).isEqualTo("proj-alice");
    }

    @Test
    void aQuotaCloudCodeWillNotListIsA502NamingTheMaskedAccount() {
        google.expireAccessTokens(ALICE);
        HttpResponse<String> res = get("/api/accounts/" + id("a***e@e***.com") + "/models");
        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(error(res)).contains("a***e@e***.com", "HTTP 401");
    }
}
