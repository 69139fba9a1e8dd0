package dev.nexus.web;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.Reply;
import dev.nexus.testing.NexusHarness;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
 * The monitor in Chromium: requests sent through the proxy appear live (server-sent events), open in the drawer,
 * are found by the history search, and names that look like markup stay text. One browser for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorBrowserTest {
    private static final String PASSWORD = "monitor-test-password";
    private static final String KEY = "sk-monitor-test-key-0001";
    private static final String XSS = "<img src=x onerror=alert(1)>";
    @TempDir
    Path dir;
    private FakeGoogle google;
    private NexusHarness nexus;
    private Chromium chromium;

    @BeforeAll
    void browser() {
        chromium = Chromium.start().signIn("admin", PASSWORD);
    }

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        nexus = new NexusHarness(dir).usingGoogle(google).env("NEXUS_ADMIN_PASSWORD", PASSWORD).env("NEXUS_API_KEY", KEY);
        assertThat(nexus.cli("accounts", "import", "--refresh-token",
                google.addAccount("alice@example.com", "proj-alice").refreshToken()).code()).isZero();
        nexus.start();
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

    private HttpResponse<String> chat(String model) {
        return nexus.post("/v1/chat/completions", "{\"model\":" + quoted(model) + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization", "Bearer " + KEY);
    }

    private static String quoted(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
    }

    private void openMonitor() {
        chromium.open(nexus.baseUrl() + "/monitor");
        chromium.await("the live feed", d -> chromium.texts("#feed-state").equals(List.of("live")));
    }

    private List<String> models() {
        return chromium.texts("#request-rows .model");
    }

    @Test
    void aProxiedRequestAppearsLiveWithinTwoSecondsAndOpensInTheDrawer() {
        openMonitor();
        google.script().enqueue(Reply.builder().text("Hello from the fake").usage(12, 5, 0, 0).build());
        assertThat(chat("gemini-3-flash").statusCode()).isEqualTo(200);
        chromium.await("the request in the live table", Duration.ofSeconds(2), d -> models().contains("gemini-3-flash"));

        chromium.find("#request-rows tr").click();
        chromium.await("the drawer", d -> chromium.find("#drawer").isDisplayed());
        chromium.await("the route decision", d -> String.join(" ", chromium.texts("#route-decision")).contains("google/gemini-3-flash@"));
        String drawer = chromium.find("#drawer").getText();
        assertThat(drawer).contains("POST /v1/chat/completions", "200", "12 in / 5 out", "NEXUS_API_KEY");
        chromium.find("#drawer-close").click();
        chromium.await("the drawer closed", d -> !chromium.find("#drawer").isDisplayed());
        assertThat(chromium.cspViolations()).isEmpty();
    }

    @Test
    void withBodyLoggingOnTheDrawerShowsTheRequestBodyAsIndentedJson() {
        openMonitor();
        chromium.find("#log-bodies").click();
        NexusHarness.awaitTrue(Duration.ofSeconds(5), () ->
                json(nexus.get("/api/monitor/settings", admin()).body()).path("log_bodies").asBoolean());
        assertThat(chat("gemini-3-flash").statusCode()).isEqualTo(200);
        chromium.await("the request", d -> models().contains("gemini-3-flash"));
        chromium.find("#request-rows tr").click();
        String body = chromium.await("the request body", d -> {
            List<String> texts = chromium.texts("pre#request-body");
            return texts.isEmpty() ? null : texts.get(0);
        });
        assertThat(body).contains("\"messages\": [").contains("\n  ");
    }

    @Test
    void theHistoryIsSearchedOnTheServer() {
        assertThat(chat("gemini-3-flash").statusCode()).isEqualTo(200);
        assertThat(chat("gpt-4o").statusCode()).isEqualTo(200);
        openMonitor();
        chromium.await("both requests", d -> models().size() == 2);
        chromium.find("#f-model").sendKeys("gpt-4o");
        chromium.find("#search-history").click();
        chromium.await("one match", d -> chromium.texts("#tab-history[aria-pressed=true]").size() == 1 && models().size() == 1);
        assertThat(models().get(0)).startsWith("gpt-4o");
    }

    @Test
    void aModelNamedLikeMarkupIsShownAsText() {
        openMonitor();
        chat(XSS);
        chromium.await("the request with the odd model", Duration.ofSeconds(5), d -> models().stream().anyMatch(m -> m.startsWith(XSS)));
        assertThat(chromium.all("#requests img")).isEmpty();
        chromium.find("#request-rows tr").click();
        chromium.await("the drawer", d -> chromium.find("#drawer").getText().contains(XSS));
        assertThat(chromium.all("#drawer img")).isEmpty();
        try {
            chromium.driver().switchTo().alert();
            throw new AssertionError("the page opened an alert");
        } catch (NoAlertPresentException expected) {
            // the name was rendered as text
        }
        assertThat(chromium.cspViolations()).isEmpty();
    }

    @Test
    void theMonitorFitsAPhoneScreenWithTheTableScrollingInItsBox() {
        assertThat(chat("gemini-3-flash").statusCode()).isEqualTo(200);
        chromium.viewport(390, 844, true);
        try {
            openMonitor();
            chromium.await("the request", d -> models().contains("gemini-3-flash"));
            Number overflow = (Number) chromium.script("return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(overflow.intValue()).as("horizontal overflow of the page in px").isLessThanOrEqualTo(0);
            chromium.find("#request-rows tr").click();
            chromium.await("the drawer", d -> chromium.find("#drawer").isDisplayed());
            Number drawer = (Number) chromium.script("return document.getElementById('drawer').getBoundingClientRect().width;");
            assertThat(drawer.intValue()).isLessThanOrEqualTo(390);
        } finally {
            chromium.desktop();
        }
    }

    @Test
    void olderHistoryArrivesAPageAtATime() {
        // Distinct client names tell the records apart; a wildcard route gives them all a catalog model.
        assertThat(nexus.post("/api/model-routes", "{\"client_model\":\"page-*\",\"target_model\":\"gemini-3-flash\"}", admin())
                .statusCode()).isEqualTo(201);
        for (int i = 0; i < 53; i++) {
            assertThat(chat("page-" + i).statusCode()).isEqualTo(200);
        }
        NexusHarness.awaitTrue(Duration.ofSeconds(10), () ->
                json(nexus.get("/api/monitor/requests?limit=60", admin()).body()).path("records").size() == 53);
        openMonitor();
        chromium.find("#tab-history").click();
        chromium.await("the first page", d -> chromium.all("#request-rows tr").size() == 50 && chromium.find("#older").isDisplayed());
        assertThat(models().get(0)).isEqualTo("page-52 → gemini-3-flash");
        chromium.find("#older").click();
        chromium.await("the rest", d -> chromium.all("#request-rows tr").size() == 53);
        assertThat(models().get(52)).isEqualTo("page-0 → gemini-3-flash");
        assertThat(chromium.find("#older").isDisplayed()).isFalse();
    }
}
