package dev.nexus.web;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.testing.NexusHarness;
import dev.nexus.testing.TestBrowser;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.NoAlertPresentException;

/**
 * The dashboard in Chromium against the real server (admin password set) and the fake Google. One browser serves the
 * whole class (starting one takes seconds); each test has its own server and database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
    private static final String PASSWORD = "dashboard-test-password";
    private static final String XSS = "<img src=x onerror=alert(1)>";
    @TempDir
    Path dir;
    private FakeGoogle google;
    private NexusHarness nexus;
    private Chromium chromium;

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        nexus = new NexusHarness(dir).usingGoogle(google).env("NEXUS_ADMIN_PASSWORD", PASSWORD)
                .env("NEXUS_OAUTH_CALLBACK_PORT", "0");
        for (String email : List.of("alice@example.com", "bob.jones@example.com")) {
            assertThat(nexus.cli("accounts", "import", "--refresh-token", google.addAccount(email, "proj-" + email.charAt(0))
                    .refreshToken()).code()).isZero();
        }
        google.setQuota("alice@example.com", "gemini-3-flash", 0.35, Instant.now().plus(3, ChronoUnit.HOURS));
        google.addAccount("carol@example.com", "proj-c", "standard-tier");
        google.consentAs("carol@example.com");
        assertThat(nexus.cli("keys", "create", "--name", "laptop").code()).isZero();
        nexus.start();
    }

    @BeforeAll
    void browser() {
        chromium = Chromium.start().signIn("admin", PASSWORD);
    }

    @AfterEach
    void stop() {
        nexus.close();
        google.close();
        assertThat(chromium.console()).as("script errors in the page").noneMatch(line -> line.contains("Uncaught"));
    }

    @AfterAll
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private String[] admin() {
        return new String[] {"Authorization",
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8))};
    }

    private void openDashboard() {
        chromium.open(nexus.baseUrl() + "/");
        chromium.await("two account cards", d -> chromium.all(".account").size() == 2);
    }

    private String accountId(String maskedEmail) {
        for (JsonNode a : json(nexus.get("/api/accounts", admin()).body()).path("accounts")) {
            if (a.path("email").asText().equals(maskedEmail)) {
                return a.path("id").asText();
            }
        }
        throw new AssertionError("no account " + maskedEmail);
    }

    private void assertNoAlert() {
        try {
            chromium.driver().switchTo().alert();
            throw new AssertionError("the page opened an alert");
        } catch (NoAlertPresentException expected) {
            // what a page that renders data as text does
        }
    }

    @Test
    void theDashboardShowsTheAccountsMaskedTheKeyAndTheSurfaces() {
        openDashboard();
        assertThat(chromium.texts(".account .email")).containsExactlyInAnyOrder("a***e@e***.com", "b***s@e***.com");
        assertThat(chromium.driver().getPageSource()).doesNotContain("alice@example.com");
        chromium.await("the key row", d -> chromium.texts("#keys-table tbody tr").stream().anyMatch(r -> r.contains("laptop")));
        chromium.await("the surfaces", d -> chromium.all("#surfaces li").size() == 6);
        assertThat(chromium.find("#base-url").getText()).isEqualTo(nexus.baseUrl());

        String alice = ".account[data-account='" + accountId("a***e@e***.com") + "']";
        chromium.find(alice + " .account-head button").click();
        chromium.await("the revealed email", d -> chromium.texts(alice + " .email").equals(List.of("alice@example.com")));
        chromium.find(alice + " .quota-panel summary").click();
        chromium.await("quota rows", d -> !chromium.all(alice + " .quota-row meter").isEmpty());
        assertThat(String.join(" ", chromium.texts(alice + " .quota-row"))).contains("35%").contains("resets in");
        assertThat(chromium.cspViolations()).isEmpty();
    }

    @Test
    void theSelfTestMatrixRunsEverySurfaceAndShowsWhoAnswered() {
        google.script().enqueue(dev.nexus.fake.Reply.text("Hello from the fake chat"));
        openDashboard();
        chromium.await("six surface rows", d -> chromium.all("#selftest-table tbody tr").size() == 6);
        String chat = "#selftest-table td[data-endpoint='openai_chat']";
        assertThat(chromium.texts("#selftest-table td[data-endpoint='vertex_generate'] .selftest-result")).containsExactly("off");
        assertThat(chromium.texts("#selftest-table td[data-endpoint='openai_chat@gemini'] .selftest-snippet").get(0))
                .contains("NEXUS_GEMINI_API_KEYS is not set");
        chromium.find(chat + " button").click();
        chromium.await("the chat result", d -> chromium.texts(chat + " .selftest-result").equals(List.of("200 ok")));
        assertThat(String.join(" ", chromium.texts(chat + " .selftest-snippet"))).contains("Hello from the fake chat");
        chromium.find("#selftest-run-all").click();
        // Surfaces down, Google accounts / Gemini API / Vertex across; the key proxies have one cell each.
        chromium.await("every enabled probe answered", d -> chromium.texts("#selftest-table .selftest-result").equals(List.of(
                "200 ok", "off", "off", "200 ok", "off", "off", "200 ok", "off", "off", "200 ok", "off", "off", "off", "off")));
        assertThat(chromium.cspViolations()).isEmpty();
    }

    @Test
    void aRouteAddedInTheEditorIsStoredOnTheServer() {
        openDashboard();
        chromium.find("#add-route").click();
        chromium.find("#route-client").sendKeys("my-editor-model");
        chromium.await("providers for the model", d -> chromium.all("#route-provider option").size() >= 1);
        chromium.find("#route-target").sendKeys("gemini-3-flash");
        chromium.find("#route-fallbacks").sendKeys("gemini-2.5-flash, gemini-2.5-pro");
        chromium.find("#route-form button[type=submit]").click();
        chromium.await("the new route in the table", d -> chromium.texts("#routes-table .client-model")
                .contains("my-editor-model"));

        JsonNode routes = json(nexus.get("/api/model-routes", admin()).body());
        JsonNode added = null;
        for (JsonNode r : routes.path("routes")) {
            if (r.path("client_model").asText().equals("my-editor-model")) {
                added = r;
            }
        }
        assertThat(added).as("route stored by the server").isNotNull();
        assertThat(added.path("target_provider").asText()).isEqualTo("google");
        assertThat(added.path("target_model").asText()).isEqualTo("gemini-3-flash");
        assertThat(added.path("fallbacks").toString()).isEqualTo("[\"gemini-2.5-flash\",\"gemini-2.5-pro\"]");
    }

    @Test
    void theRouteEditorOffersFallbacksOnEveryProviderAllowedForTheClientModel() {
        openDashboard();
        chromium.find("#add-route").click();
        chromium.find("#route-client").sendKeys("gpt-editor");
        chromium.await("the allowed providers in the hint", d -> chromium.find("#route-fallbacks-hint").getText().contains("codex"));
        chromium.find("#route-target").sendKeys("gemini-3-flash");
        chromium.find("#route-fallbacks").sendKeys("codex/gpt-5.2");
        chromium.find("#route-form button[type=submit]").click();
        chromium.await("the new route in the table", d -> chromium.texts("#routes-table .client-model").contains("gpt-editor"));

        JsonNode stored = null;
        for (JsonNode r : json(nexus.get("/api/model-routes", admin()).body()).path("routes")) {
            if (r.path("client_model").asText().equals("gpt-editor")) {
                stored = r;
            }
        }
        assertThat(stored).as("route stored by the server").isNotNull();
        assertThat(stored.path("fallbacks").toString()).isEqualTo("[\"codex/gpt-5.2\"]");
    }

    @Test
    void aNewKeyIsShownOnceAndNotAfterAReload() {
        openDashboard();
        chromium.find("#key-name").sendKeys("ci runner");
        chromium.find("#key-form button[type=submit]").click();
        String key = chromium.await("the new key", d -> {
            String value = chromium.find("#new-key-value").getDomProperty("value");
            return value != null && value.startsWith("sk-nx-") ? value : null;
        });
        assertThat(nexus.get("/v1/models", "Authorization", "Bearer " + key).statusCode()).isNotEqualTo(401);
        chromium.await("the key in the list", d -> chromium.texts("#keys-table tbody tr").stream().anyMatch(r -> r.contains("ci runner")));

        chromium.driver().navigate().refresh();
        openDashboard();
        chromium.await("the key in the list after reload", d -> chromium.texts("#keys-table tbody tr").stream()
                .anyMatch(r -> r.contains("ci runner")));
        assertThat(chromium.find("#new-key").isDisplayed()).isFalse();
        assertThat(chromium.driver().getPageSource()).doesNotContain(key);
        assertThat(chromium.script("return document.body.innerText")).asString().doesNotContain(key);
    }

    @Test
    void aKeysLimitsAreSetInTheFormShownOnItsRowAndEdited() {
        openDashboard();
        chromium.find("#key-name").sendKeys("limited");
        chromium.find("#key-limits summary").click();
        chromium.find("#key-models").sendKeys("gemini-*,claude-sonnet-*");
        chromium.find("#key-rpm").sendKeys("60");
        chromium.find("#key-expires").sendKeys("30d");
        chromium.find("#key-form button[type=submit]").click();
        chromium.await("the key's limits on its row", d -> chromium.texts("#keys-table tbody tr").stream()
                .anyMatch(r -> r.contains("limited") && r.contains("60 req/min") && r.contains("models gemini-*, claude-sonnet-*")));

        chromium.all("#keys-table tbody tr").stream().filter(r -> r.getText().contains("limited")).findFirst().orElseThrow()
                .findElement(org.openqa.selenium.By.xpath(".//button[text()='Edit']")).click();
        assertThat(chromium.find("#key-rpm").getDomProperty("value")).isEqualTo("60");
        chromium.find("#key-rpm").clear();
        chromium.find("#key-daily").sendKeys("2000000");
        chromium.find("#key-form button[type=submit]").click();
        chromium.await("the edited limits", d -> chromium.texts("#keys-table tbody tr").stream()
                .anyMatch(r -> r.contains("limited") && r.contains("2000000 tok/day") && !r.contains("req/min")));

        JsonNode listed = null;
        for (JsonNode k : json(nexus.get("/api/keys", admin()).body()).path("keys")) {
            if (k.path("name").asText().equals("limited")) {
                listed = k;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.path("rpm").isNull()).isTrue();
        assertThat(listed.path("daily_tokens").asLong()).isEqualTo(2_000_000);
        assertThat(listed.path("models").size()).isEqualTo(2);
        assertThat(listed.path("expires_at").isTextual()).isTrue();
        assertThat(chromium.cspViolations()).isEmpty();
    }

    @Test
    void aRouteNamedLikeMarkupIsShownAsText() {
        HttpResponse<String> created = nexus.send(nexus.request("/api/model-routes").header(admin()[0], admin()[1])
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"client_model\":\"" + XSS + "\",\"target_model\":\"gemini-3-flash\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        openDashboard();
        chromium.await("the route shown as text", d -> chromium.texts("#routes-table .client-model").contains(XSS));
        assertThat(chromium.all("#routes img")).isEmpty();
        assertNoAlert();
        assertThat(chromium.cspViolations()).isEmpty();
    }

    @Test
    void thePageIsServedWithAPolicyThatForbidsInlineAndForeignCode() {
        HttpResponse<String> page = nexus.get("/", admin());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
                        "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:"));
        openDashboard();
        Object ran = chromium.script("const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
                + " document.body.append(s); return window.__ran === 1;");
        assertThat(ran).isEqualTo(false);
        chromium.await("the violation report", d -> chromium.cspViolations().stream().anyMatch(v -> v.startsWith("script-src")));
    }

    @Test
    void theDashboardFitsAPhoneScreen() {
        chromium.viewport(390, 844, true);
        try {
            openDashboard();
            chromium.await("the usage panel", d -> !chromium.find("#usage").getText().startsWith("Loading"));
            Number overflow = (Number) chromium.script("return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(overflow.intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
        } finally {
            chromium.desktop();
        }
    }

    @Test
    void anAccountIsAddedByPastingTheAddressTheBrowserEndedOn() {
        openDashboard();
        // As when the browser blocks the pop-up, or Nexus runs elsewhere: nobody follows the consent page here.
        chromium.script("window.open = () => null;");
        chromium.find("#add-account").click();
        String consent = chromium.await("the consent link", d -> chromium.all("#login-box a").stream()
                .map(a -> a.getDomProperty("href")).filter(h -> h != null && h.startsWith(google.authUrl())).findFirst().orElse(null));
        assertThat(chromium.find("#login-box").getText()).contains("with the antigravity OAuth client",
                "limit their OAuth to their own tools", "suspended");
        java.net.URI callback;
        try (TestBrowser browser = new TestBrowser()) {
            callback = browser.consent(java.net.URI.create(consent));
        }
        assertThat(callback.toString()).contains("/oauth-callback?").contains("code=");
        chromium.find("#login-url").sendKeys(callback.toString());
        chromium.find("#login-box button[type=submit]").click();
        chromium.await("the third account", d -> chromium.texts(".account .email").contains("c***l@e***.com"));
        assertThat(chromium.find("#login-box").isDisplayed()).isFalse();
        assertThat(String.join(" ", chromium.texts(".toast-text"))).contains("Added c***l@e***.com");
        assertThat(chromium.texts(".account .oauth-client")).as("each account's OAuth client profile")
                .containsExactly("antigravity", "antigravity", "antigravity");
    }

    @Test
    void anAccountAddedOnThisComputerAppearsByItself() {
        openDashboard();
        chromium.find("#add-account").click();
        // The consent page opens in a new tab; Google's redirect reaches Nexus's callback listener, and the
        // dashboard, which looks for new accounts while the login box is open, shows the account.
        chromium.await("the third account", Duration.ofSeconds(20), d -> chromium.texts(".account .email").contains("c***l@e***.com"));
        String original = chromium.driver().getWindowHandle();
        for (String handle : chromium.driver().getWindowHandles()) {
            if (!handle.equals(original)) {
                chromium.driver().switchTo().window(handle).close();
            }
        }
        chromium.driver().switchTo().window(original);
    }
}
