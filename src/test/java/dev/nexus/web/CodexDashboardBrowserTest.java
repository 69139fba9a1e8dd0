package dev.nexus.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.fake.FakeOpenAi;
import dev.nexus.testing.NexusHarness;
import dev.nexus.testing.TestBrowser;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's ChatGPT accounts in Chromium (adding one, its Codex quota bars), against the real server and the fake auth.openai.com. */
class CodexDashboardBrowserTest {
    private static final String PASSWORD = "dashboard-test-password";
    @TempDir
    Path dir;
    private FakeOpenAi openai;
    private NexusHarness nexus;
    private Chromium chromium;

    @BeforeEach
    void start() {
        openai = FakeOpenAi.start();
        openai.addAccount("coder@example.com", "plus");
        nexus = new NexusHarness(dir).env("NEXUS_ADMIN_PASSWORD", PASSWORD).env("NEXUS_OPENAI_AUTH_URL", openai.authUrl())
                .env("NEXUS_OPENAI_TOKEN_URL", openai.tokenUrl()).env("NEXUS_CODEX_CALLBACK_PORT", "0")
                .env("NEXUS_CODEX_BASE_URL", openai.codexBaseUrl()).start();
        chromium = Chromium.start().signIn("admin", PASSWORD);
    }

    @AfterEach
    void stop() {
        try {
            // Null when the browser tests are skipped on a machine without Chromium.
            if (chromium != null) {
                assertThat(chromium.console()).as("script errors in the page").noneMatch(line -> line.contains("Uncaught"));
                chromium.close();
            }
        } finally {
            nexus.close();
            openai.close();
        }
    }

    @Test
    void aChatGptAccountCardShowsItsFiveHourAndWeeklyCodexWindows() {
        openai.usedPercent("coder@example.com", 42.5, 7);
        nexus.importChatGptAccount(openai, "coder@example.com");
        // The CLI wrote the account to the database; the running server's view follows within its poll interval, and
        // the page lists what the server sees when it loads.
        String admin = "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        NexusHarness.awaitTrue(java.time.Duration.ofSeconds(10), () -> NexusHarness.json(nexus.get("/api/accounts", "Authorization", admin)
                .body()).path("accounts").size() == 1);
        chromium.open(nexus.baseUrl() + "/");
        List<String> rows = chromium.await("the Codex windows", d -> {
            List<String> texts = chromium.texts(".account .codex-quota .codex-window");
            return texts.size() == 2 && texts.get(0).contains("% used") ? texts : null;
        });
        assertThat(rows.get(0)).contains("5-hour", "42.5% used", "resets in");
        assertThat(rows.get(1)).contains("Weekly", "7% used", "resets in");
        assertThat(chromium.all(".account .codex-quota meter")).extracting(m -> m.getDomProperty("value"))
                .containsExactly("42.5", "7");
        assertThat(chromium.all(".account .quota-panel")).as("no Cloud Code per-model panel on a ChatGPT card").isEmpty();
        assertThat(chromium.texts(".account button")).as("a ChatGPT account cannot be the Google pool's primary")
                .contains("Refresh token").doesNotContain("Set primary");
        assertThat(openai.requests("/wham/usage")).as("the windows came from the backend's usage endpoint").isNotEmpty();
    }

    @Test
    void aChatGptAccountIsAddedByPastingTheAddressOpenAiEndedOn() {
        chromium.open(nexus.baseUrl() + "/");
        chromium.script("window.open = () => null;");
        chromium.find("#add-chatgpt-account").click();
        String signIn = chromium.await("the sign-in link", d -> chromium.all("#login-box a").stream()
                .map(a -> a.getDomProperty("href")).filter(h -> h != null && h.startsWith(openai.authUrl())).findFirst().orElse(null));
        assertThat(chromium.find("#login-box").getText()).contains("Add a ChatGPT account", "OpenAI's sign-in page")
                .doesNotContain("suspended");
        URI callback;
        try (TestBrowser browser = new TestBrowser()) {
            callback = browser.consent(URI.create(signIn));
        }
        assertThat(callback.getPath()).isEqualTo("/auth/callback");

        chromium.find("#login-url").sendKeys(callback.toString());
        chromium.find("#login-box button[type=submit]").click();

        chromium.await("the ChatGPT account", d -> chromium.texts(".account .email").contains("c***r@e***.com"));
        assertThat(String.join(" ", chromium.texts(".toast-text"))).contains("Added c***r@e***.com");
    }
}
