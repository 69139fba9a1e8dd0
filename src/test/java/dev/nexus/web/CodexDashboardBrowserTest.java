package dev.nexus.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.fake.FakeOpenAi;
import dev.nexus.testing.NexusHarness;
import dev.nexus.testing.TestBrowser;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's Add ChatGPT account in Chromium, against the real server and the fake auth.openai.com. */
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
                .env("NEXUS_OPENAI_TOKEN_URL", openai.tokenUrl()).env("NEXUS_CODEX_CALLBACK_PORT", "0").start();
        chromium = Chromium.start().signIn("admin", PASSWORD);
    }

    @AfterEach
    void stop() {
        assertThat(chromium.console()).as("script errors in the page").noneMatch(line -> line.contains("Uncaught"));
        chromium.close();
        nexus.close();
        openai.close();
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
