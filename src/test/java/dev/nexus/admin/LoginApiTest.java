package dev.nexus.admin;

import static dev.nexus.testing.NexusHarness.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.account.oauth.Pkce;
import dev.nexus.fake.Authorization;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.secret.Masks;
import dev.nexus.testing.NexusHarness;
import dev.nexus.testing.TestBrowser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Google login through the running server, the test playing the browser: {@code GET /auth/google/login} with the
 * callback listener, and {@code POST /api/accounts/login} finished with a pasted redirect URL.
 */
class LoginApiTest {
    @TempDir
    Path dir;
    private FakeGoogle google;
    private NexusHarness nexus;
    private final TestBrowser browser = new TestBrowser();

    @BeforeEach
    void fakes() {
        google = FakeGoogle.start();
        google.addAccount("alice@example.com", "proj-alice", "standard-tier");
        google.addAccount("bob@example.com", "proj-bob", "free-tier");
        nexus = new NexusHarness(dir)
                .usingGoogle(google)
                .env("NEXUS_OAUTH_CALLBACK_PORT", "0");
    }

    @AfterEach
    void stop() {
        browser.close();
        nexus.close();
        google.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private URI loginPage() {
        return URI.create(nexus.baseUrl() + "/auth/google/login");
    }

    private JsonNode startThroughApi() {
        HttpResponse<String> started = nexus.post("/api/accounts/login", "");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        return NexusHarness.json(started.body());
    }

    private HttpResponse<String> paste(String url) {
        return nexus.post("/api/accounts/login/complete", urlBody(url));
    }

    private static String urlBody(String url) {
        return "{\"url\":\"" + url.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private JsonNode accounts() {
        return NexusHarness.json(nexus.get("/api/accounts").body()).path("accounts");
    }

    @Test
    void theLoginPageRedirectsToGoogleAndTheCallbackAddsTheAccount() throws Exception {
        int port = freePort();
        nexus.env("NEXUS_OAUTH_CALLBACK_PORT", Integer.toString(port)).start();

        HttpResponse<String> login = browser.get(loginPage());
        assertThat(login.statusCode()).isEqualTo(302);
        URI consent = TestBrowser.location(login);
        assertThat(consent.toString()).startsWith(google.authUrl() + "?");
        URI callback = browser.consent(consent);
        assertThat(callback.toString()).startsWith("http://localhost:" + port + "/oauth-callback?state=");

        HttpResponse<String> page = browser.get(callback);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Account added", "alice@example.com", "proj-alice", "standard-tier",
                "href=\"" + nexus.baseUrl() + "/\"");
        Authorization seen = google.authorizations().get(0);
        assertThat(seen.clientId()).as("no GOOGLE_CLIENT_ID: the built-in antigravity client").isEqualTo(FakeGoogle.ANTIGRAVITY_CLIENT_ID);
        assertThat(seen.codeChallengeMethod()).isEqualTo("S256");
        assertThat(seen.accessType()).isEqualTo("offline");
        assertThat(seen.prompt()).isEqualTo("consent");
        assertThat(seen.scope().split(" ")).contains("https://www.googleapis.com/auth/cclog",
                "https://www.googleapis.com/auth/experimentsandconfigs", "https://www.googleapis.com/auth/cloud-platform");
        assertThat(Pkce.challengeOf(google.requests("/token").get(0).form().get("code_verifier"))).isEqualTo(seen.codeChallenge());
        assertThat(google.requests(":loadCodeAssist")).hasSize(1);
        awaitTrue(Duration.ofSeconds(5), () -> accounts().size() == 1);
        JsonNode account = accounts().get(0);
        assertThat(account.path("email").asText()).isEqualTo(Masks.email("alice@example.com"));
        assertThat(account.path("project_id").asText()).isEqualTo("proj-alice");
        assertThat(account.path("state").asText()).isEqualTo("active");
        assertThat(account.path("oauth_client").asText()).isEqualTo("antigravity");
        awaitTrue(Duration.ofSeconds(10), () -> !listening(port));
    }

    @Test
    void aLoginStartedThroughTheApiIsFinishedWithThePastedRedirectUrl() {
        nexus.start();
        JsonNode started = startThroughApi();
        assertThat(started.path("state").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(started.path("redirect_uri").asText()).matches("http://localhost:\\d+/oauth-callback");
        assertThat(Instant.parse(started.path("expires_at").asText())).isBetween(Instant.now().plusSeconds(240), Instant.now().plusSeconds(301));
        URI callback = browser.consent(URI.create(started.path("url").asText()));

        HttpResponse<String> done = paste(callback.toString());

        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        JsonNode result = NexusHarness.json(done.body());
        assertThat(result.path("result").asText()).isEqualTo("created");
        assertThat(result.path("account").path("email").asText()).isEqualTo(Masks.email("alice@example.com"));
        assertThat(result.path("account").path("project_id").asText()).isEqualTo("proj-alice");
        assertThat(result.path("account").path("primary").asBoolean()).isTrue();
        assertThat(result.path("account").path("oauth_client").asText()).isEqualTo("antigravity");
        assertThat(started.path("oauth_client").asText()).isEqualTo("antigravity");
        assertThat(started.path("notice").asText()).contains("Antigravity", "Gemini CLI", "suspended", "Vertex");
        awaitTrue(Duration.ofSeconds(10), () -> !listening(callback.getPort()));

        HttpResponse<String> again = paste(callback.toString());
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(NexusHarness.json(again.body()).path("error").path("code").asText()).isEqualTo("login_unknown_state");
    }

    @Test
    void twoConcurrentLoginsDoNotMixUp() {
        nexus.start();
        JsonNode first = startThroughApi();
        JsonNode second = startThroughApi();
        assertThat(first.path("state").asText()).isNotEqualTo(second.path("state").asText());
        assertThat(first.path("redirect_uri").asText()).isNotEqualTo(second.path("redirect_uri").asText());
        google.consentAs("alice@example.com");
        URI aliceCallback = browser.consent(URI.create(first.path("url").asText()));
        google.consentAs("bob@example.com");
        URI bobCallback = browser.consent(URI.create(second.path("url").asText()));
        assertThat(google.authorizations().get(0).codeChallenge()).isNotEqualTo(google.authorizations().get(1).codeChallenge());

        HttpResponse<String> bobPage = browser.get(bobCallback);
        HttpResponse<String> alicePasted = paste(aliceCallback.toString());

        assertThat(bobPage.statusCode()).isEqualTo(200);
        assertThat(bobPage.body()).contains("bob@example.com", "proj-bob").doesNotContain("alice");
        assertThat(alicePasted.statusCode()).as(alicePasted.body()).isEqualTo(200);
        assertThat(NexusHarness.json(alicePasted.body()).path("account").path("project_id").asText()).isEqualTo("proj-alice");
        awaitTrue(Duration.ofSeconds(5), () -> accounts().size() == 2);
        assertThat(accounts()).extracting(a -> a.path("email").asText() + " " + a.path("project_id").asText())
                .containsExactlyInAnyOrder(Masks.email("alice@example.com") + " proj-alice", Masks.email("bob@example.com") + " proj-bob");
    }

    @Test
    void aWrongStateGetsAClearAnswerAndAddsNoAccount() {
        nexus.start();
        URI consent = TestBrowser.location(browser.get(loginPage()));
        URI callback = browser.consent(consent);
        String state = callback.getRawQuery().replaceAll(".*state=([^&]+).*", "$1");
        String forged = callback.toString().replace(state, "forged-state");

        HttpResponse<String> page = browser.get(URI.create(forged));
        HttpResponse<String> pasted = paste(forged);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
        assertThat(page.body()).contains("Unknown or finished login", "Start a new login", "nexus accounts login");
        assertThat(pasted.statusCode()).isEqualTo(400);
        assertThat(NexusHarness.json(pasted.body()).path("error").path("message").asText()).contains("belongs to no login waiting here");
        assertThat(google.requests("/token")).isEmpty();
        assertThat(accounts()).isEmpty();
    }

    @Test
    void deniedConsentShowsAClearPageAndAddsNoAccount() {
        nexus.start();
        google.denyConsent();
        URI callback = browser.consent(TestBrowser.location(browser.get(loginPage())));
        assertThat(callback.getQuery()).contains("error=access_denied");

        HttpResponse<String> page = browser.get(callback);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("Access was not granted", "no account was added", "choose Allow",
                "href=\"" + nexus.baseUrl() + "/\"");
        assertThat(google.requests("/token")).isEmpty();
        assertThat(accounts()).isEmpty();
        awaitTrue(Duration.ofSeconds(10), () -> !listening(callback.getPort()));
    }

    @Test
    void aBusyCallbackPortFallsBackToAFreeOne() throws Exception {
        try (ServerSocket occupant = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            nexus.env("NEXUS_OAUTH_CALLBACK_PORT", Integer.toString(occupant.getLocalPort())).start();

            URI callback = browser.consent(TestBrowser.location(browser.get(loginPage())));

            assertThat(callback.getPort()).isNotEqualTo(occupant.getLocalPort());
            assertThat(browser.get(callback).statusCode()).isEqualTo(200);
            awaitTrue(Duration.ofSeconds(5), () -> accounts().size() == 1);
        }
    }

    @Test
    void stoppingTheServerClosesTheCallbackListenersOfLoginsStillWaiting() {
        nexus.start();
        int port = URI.create(startThroughApi().path("redirect_uri").asText()).getPort();
        assertThat(listening(port)).isTrue();

        nexus.stop();

        assertThat(listening(port)).isFalse();
    }

    @Test
    void pastingSomethingThatIsNoRedirectIsRefusedNamingTheProblem() {
        nexus.start();
        startThroughApi();

        HttpResponse<String> garbage = paste("hello");
        HttpResponse<String> missing = nexus.post("/api/accounts/login/complete", "{}");

        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(NexusHarness.json(garbage.body()).path("error").path("code").asText()).isEqualTo("login_malformed");
        assertThat(NexusHarness.json(garbage.body()).path("error").path("message").asText()).contains("oauth-callback?state=");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(NexusHarness.json(missing.body()).path("error").path("message").asText()).contains("\"url\"");
    }

    @Test
    void theLoginEndpointsNeedTheAdminPasswordWhenOneIsSet() {
        nexus.env("NEXUS_ADMIN_PASSWORD", "s3cret").start();
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:s3cret".getBytes(StandardCharsets.UTF_8));

        assertThat(browser.get(loginPage()).statusCode()).isEqualTo(401);
        assertThat(nexus.post("/api/accounts/login", "").statusCode()).isEqualTo(401);
        assertThat(nexus.post("/api/accounts/login/complete", "{\"url\":\"x\"}").statusCode()).isEqualTo(401);
        assertThat(browser.get(loginPage(), "Authorization", basic).statusCode()).isEqualTo(302);
    }

    @Test
    void aLoginNamesItsClientInTheBodyOrQueryAndAnUndefinedOneIsRefusedListingTheProfiles() {
        nexus.start();

        HttpResponse<String> gemini = nexus.post("/api/accounts/login", "{\"client\":\"gemini-cli\"}");
        HttpResponse<String> custom = nexus.post("/api/accounts/login", "{\"client\":\"custom\"}");
        HttpResponse<String> page = browser.get(URI.create(loginPage() + "?client=home-made"));

        assertThat(gemini.statusCode()).as(gemini.body()).isEqualTo(200);
        assertThat(NexusHarness.json(gemini.body()).path("oauth_client").asText()).isEqualTo("gemini-cli");
        assertThat(NexusHarness.json(gemini.body()).path("url").asText()).contains(FakeGoogle.GEMINI_CLI_CLIENT_ID);
        assertThat(custom.statusCode()).isEqualTo(400);
        assertThat(NexusHarness.json(custom.body()).path("error").path("message").asText())
                .contains("custom OAuth client is not defined", "GOOGLE_CLIENT_ID");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
        assertThat(page.body()).contains("No such OAuth client", "home-made", "antigravity, gemini-cli, custom", "href=\"/\"");
    }
}
