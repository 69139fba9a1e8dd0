package dev.nexus.gateway;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.fake.Reply;
import dev.nexus.testing.NexusHarness;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three Google accounts behind the real server; the fake rate-limits, revokes and expires them. */
class FailoverE2ETest {
    private static final String KEY = "sk-failover-test-01";
    @TempDir
    Path dir;
    private FakeGoogle google;
    private NexusHarness nexus;
    private final List<String> ids = new ArrayList<>();

    @BeforeEach
    void accounts() throws Exception {
        google = FakeGoogle.start();
        Path routes = dir.resolve("routes.yaml");
        Files.writeString(routes, """
                routes:
                  - { client: smart, provider: google, target: gemini-3-pro-high, fallbacks: [gemini-3-flash] }
                  - { client: gpt-4o, provider: google, target: gemini-3-flash }
                  - { client: claude-elsewhere, provider: nvidia, target: some-model }
                """);
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", KEY)
                .usingGoogle(google)
                .env("NEXUS_MODEL_ROUTES_FILE", routes.toString());
        for (String name : List.of("one", "two", "three")) {
            google.addAccount(name + "@example.com", "proj-" + name);
            // Offline import: no access token yet, so the first use refreshes.
            assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account(name + "@example.com").refreshToken(),
                    "--email", name + "@example.com", "--project", "proj-" + name).code()).isZero();
        }
        nexus.cli("accounts", "list", "--json").json().forEach(a -> ids.add(a.path("id").asText()));
    }

    @AfterEach
    void stop() {
        nexus.close();
        google.close();
    }

    private HttpResponse<String> chat(String model, String text, String... headers) {
        List<String> all = new ArrayList<>(List.of("Authorization", "Bearer " + KEY));
        all.addAll(List.of(headers));
        return nexus.post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + text + "\"}]}", all.toArray(String[]::new));
    }

    private List<String> projectsAsked() {
        List<String> projects = new ArrayList<>();
        for (RecordedRequest r : google.requests()) {
            if (r.path().endsWith(":generateContent") || r.path().endsWith(":streamGenerateContent")) {
                projects.add(r.json().path("project").asText() + "/" + r.json().path("model").asText());
            }
        }
        return projects;
    }

    @Test
    void aRateLimitedAccountIsSkippedForThatModelOnly() {
        nexus.start();
        google.script().enqueue("one@example.com", "gemini-3-flash", Reply.rateLimited(Duration.ofSeconds(37)));

        HttpResponse<String> first = chat("gemini-3-flash", "hello");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Nexus-Route").orElseThrow())
                .startsWith("resolved gemini-3-flash -> gemini-3-flash (catalog); google/gemini-3-flash@" + ids.get(1).substring(0, 8))
                .contains("tried google/gemini-3-flash@" + ids.get(0).substring(0, 8) + ":429");
        assertThat(projectsAsked()).containsExactly("proj-one/gemini-3-flash", "proj-two/gemini-3-flash");

        NexusHarness.awaitTrue(Duration.ofSeconds(2), () -> nexus.cli("accounts", "list").out().contains("cooling gemini-3-flash until"));
        assertThat(json(nexus.get("/api/accounts/cooldowns").body()).at("/cooldowns/0/model").asText()).isEqualTo("gemini-3-flash");
        assertThat(chat("gemini-3-flash", "again, another conversation").statusCode()).isEqualTo(200);
        assertThat(chat("claude-sonnet-4-5", "different model").statusCode()).isEqualTo(200);
        assertThat(projectsAsked()).containsExactly("proj-one/gemini-3-flash", "proj-two/gemini-3-flash",
                "proj-two/gemini-3-flash", "proj-one/claude-sonnet-4-5");
    }

    @Test
    void whenEveryAccountIsCoolingTheClientGets429WithTheEarliestReset() {
        nexus.start();
        google.script().enqueue("one@example.com", "gemini-3-flash", Reply.rateLimited(Duration.ofSeconds(300)));
        google.script().enqueue("two@example.com", "gemini-3-flash", Reply.rateLimited(Duration.ofSeconds(120)));
        google.script().enqueue("three@example.com", "gemini-3-flash", Reply.rateLimited(Duration.ofSeconds(200)));
        HttpResponse<String> res = chat("gemini-3-flash", "hello");
        assertThat(res.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(res.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(110L, 120L);
        assertThat(json(res.body()).path("error").path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(json(res.body()).path("error").path("message").asText()).contains("every account is rate limited");

        // Nothing is sent upstream while all rest: the answer comes from the cooldown table.
        int before = projectsAsked().size();
        HttpResponse<String> again = chat("gemini-3-flash", "hello again");
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(projectsAsked()).hasSize(before);
    }

    @Test
    void cooldownsSurviveARestart() {
        nexus.start();
        google.script().enqueue("one@example.com", "gemini-3-flash", Reply.rateLimited(Duration.ofSeconds(120)));
        assertThat(chat("gemini-3-flash", "hello").statusCode()).isEqualTo(200);
        NexusHarness.awaitTrue(Duration.ofSeconds(2), () -> nexus.cli("accounts", "list").out().contains("cooling gemini-3-flash"));
        nexus.stop();
        nexus.start();
        assertThat(chat("gemini-3-flash", "after the restart").statusCode()).isEqualTo(200);
        assertThat(projectsAsked()).containsExactly("proj-one/gemini-3-flash", "proj-two/gemini-3-flash", "proj-two/gemini-3-flash");
    }

    @Test
    void aPinnedAccountsRateLimitReachesTheClient() {
        nexus.start();
        google.script().enqueue("two@example.com", "gemini-3-flash", Reply.rateLimited(Duration.ofSeconds(30)));
        HttpResponse<String> res = chat("gemini-3-flash", "hello", "X-Nexus-Account", "two@example.com");
        assertThat(res.statusCode()).isEqualTo(429);
        assertThat(res.headers().firstValue("Retry-After")).contains("30");
        assertThat(projectsAsked()).containsExactly("proj-two/gemini-3-flash");
    }

    @Test
    void theFallbackModelServesWhenTheTargetIsExhaustedEverywhere() {
        nexus.start();
        for (String name : List.of("one", "two", "three")) {
            google.script().enqueue(name + "@example.com", "gemini-3-pro-high", Reply.rateLimited(Duration.ofMinutes(5)));
        }
        HttpResponse<String> res = chat("smart", "think hard");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.headers().firstValue("X-Nexus-Route").orElseThrow())
                .startsWith("resolved smart -> gemini-3-pro-high (route); google/gemini-3-flash@");
        assertThat(projectsAsked()).endsWith("proj-one/gemini-3-flash");
    }

    @Test
    void fiftyConcurrentRequestsWithAnExpiredTokenCauseOneRefresh() throws Exception {
        nexus.start();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String text = "same conversation";
                statuses.add(pool.submit(() -> chat("gemini-3-flash", text, "X-Nexus-Account", "one@example.com").statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        }
        long refreshesOfOne = google.requests("/token").stream()
                .filter(r -> r.form().get("refresh_token").equals(google.account("one@example.com").refreshToken())).count();
        assertThat(refreshesOfOne).isEqualTo(1);
    }

    @Test
    void aRevokedAccountNeedsReloginWhileTheOthersKeepServing() {
        google.revokeRefreshToken("one@example.com");
        nexus.start();
        HttpResponse<String> res = chat("gemini-3-flash", "hello");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(projectsAsked()).containsExactly("proj-two/gemini-3-flash");
        NexusHarness.awaitTrue(Duration.ofSeconds(2),
                () -> nexus.cli("accounts", "list", "--json").json().get(0).path("state").asText().equals("needs_relogin"));
        assertThat(chat("gemini-3-flash", "hello again").statusCode()).isEqualTo(200);
    }

    @Test
    void roundRobinSpreadsConversationsAndKeepsEachOnItsAccount() {
        nexus.env("NEXUS_POOL_STRATEGY", "round-robin").start();
        for (String conversation : List.of("alpha", "beta", "gamma")) {
            assertThat(chat("gemini-3-flash", conversation).statusCode()).isEqualTo(200);
        }
        assertThat(projectsAsked()).containsExactlyInAnyOrder("proj-one/gemini-3-flash", "proj-two/gemini-3-flash",
                "proj-three/gemini-3-flash");
        List<String> first = projectsAsked();
        // The same conversations again land where they were, whatever the rotation says.
        for (String conversation : List.of("alpha", "beta", "gamma")) {
            chat("gemini-3-flash", conversation);
        }
        assertThat(projectsAsked().subList(3, 6)).isEqualTo(first);
    }

    @Test
    void leastRecentlyUsedPicksTheAccountThatRestedLongest() {
        nexus.env("NEXUS_POOL_STRATEGY", "least-recently-used").start();
        for (String conversation : List.of("alpha", "beta", "gamma", "delta")) {
            assertThat(chat("gemini-3-flash", conversation).statusCode()).isEqualTo(200);
        }
        assertThat(projectsAsked()).containsExactly("proj-one/gemini-3-flash", "proj-two/gemini-3-flash",
                "proj-three/gemini-3-flash", "proj-one/gemini-3-flash");
    }

    @Test
    void fillFirstSpendsTheOldestAccountUntilItRests() {
        nexus.cli("accounts", "promote", "three@example.com");
        nexus.env("NEXUS_POOL_STRATEGY", "fill-first").start();
        google.script().enqueue("one@example.com", "gemini-3-flash", Reply.rateLimited(Duration.ofSeconds(60)));
        for (String conversation : List.of("alpha", "beta")) {
            assertThat(chat("gemini-3-flash", conversation).statusCode()).isEqualTo(200);
        }
        assertThat(projectsAsked()).containsExactly("proj-one/gemini-3-flash", "proj-two/gemini-3-flash", "proj-two/gemini-3-flash");
    }

    @Test
    void aRouteToAProviderThePolicyForbidsIsRefusedWith422() {
        nexus.start();
        HttpResponse<String> res = chat("claude-elsewhere", "hello");
        assertThat(res.statusCode()).isEqualTo(422);
        assertThat(json(res.body()).path("error").path("message").asText()).contains("nvidia", "allowed: google");
        assertThat(projectsAsked()).isEmpty();
    }

    @Test
    void accountsOfTheCustomClientWithoutGoogleClientIdNeedReloginWithAReasonNamingTheVariable() {
        nexus.env("GOOGLE_CLIENT_ID", "custom-test-client.apps.googleusercontent.com");
        for (String name : List.of("one", "two", "three")) {
            assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account(name + "@example.com").refreshToken(),
                    "--email", name + "@example.com", "--project", "proj-" + name).code()).isZero();
        }
        assertThat(nexus.cli("accounts", "list", "--json").json()).allSatisfy(a ->
                assertThat(a.path("oauth_client").asText()).as("GOOGLE_CLIENT_ID set: new imports are custom's").isEqualTo("custom"));
        nexus.env().remove("GOOGLE_CLIENT_ID");
        nexus.start();

        HttpResponse<String> res = chat("gemini-3-flash", "hello");

        assertThat(res.statusCode()).isEqualTo(503);
        assertThat(json(res.body()).path("error").path("message").asText())
                .contains("was issued by the custom OAuth client but GOOGLE_CLIENT_ID is not set");
        assertThat(google.requests("/token")).as("no refresh with a client that did not issue the token").isEmpty();
        JsonNode first = nexus.cli("accounts", "list", "--json").json().get(0);
        assertThat(first.path("state").asText()).isEqualTo("needs_relogin");
        assertThat(first.path("state_reason").asText()).contains("custom OAuth client", "GOOGLE_CLIENT_ID",
                "nexus accounts login");
    }

    @Test
    void attemptsAreBoundedByNexusMaxAttempts() {
        nexus.env("NEXUS_MAX_ATTEMPTS", "2").start();
        google.script().enqueue(Reply.serverError().repeat());
        HttpResponse<String> res = chat("gemini-3-flash", "hello");
        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(projectsAsked()).hasSize(2);
    }
}
