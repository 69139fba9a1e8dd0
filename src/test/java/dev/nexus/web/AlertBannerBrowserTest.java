package dev.nexus.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.fake.FakeGoogle;
import dev.nexus.testing.NexusHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's alert banner in Chromium: an account the operator disabled shows up, and dismissing it sticks. */
class AlertBannerBrowserTest {
    private static final String PASSWORD = "banner-test-password";
    private static final String EMAIL = "banner.person@example.com";
    @TempDir
    Path dir;
    private FakeGoogle google;
    private NexusHarness nexus;
    private Chromium chromium;

    @BeforeEach
    void start() {
        chromium = Chromium.start().signIn("admin", PASSWORD);
        google = FakeGoogle.start();
        nexus = new NexusHarness(dir).usingGoogle(google).env("NEXUS_ADMIN_PASSWORD", PASSWORD);
        assertThat(nexus.cli("accounts", "import", "--refresh-token", google.addAccount(EMAIL, "proj-b").refreshToken())
                .code()).isZero();
        nexus.start();
    }

    @AfterEach
    void stop() {
        if (nexus != null) {
            nexus.close();
            google.close();
        }
        if (chromium != null) {
            assertThat(chromium.console()).as("script errors in the page").noneMatch(line -> line.contains("Uncaught"));
            chromium.close();
        }
    }

    @Test
    void aDisabledAccountShowsADismissibleBanner() {
        chromium.open(nexus.baseUrl() + "/");
        chromium.await("the account card", d -> chromium.all(".account").size() == 1);
        assertThat(chromium.find("#alerts").isDisplayed()).as("no banner without alerts").isFalse();

        String id = nexus.cli("accounts", "list", "--json").json().get(0).path("id").asText();
        assertThat(nexus.cli("accounts", "disable", id).code()).isZero();
        // The server learns of the change within its change poll; the page asks for alerts every 15 s or on reload.
        NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> nexus.get("/api/alerts",
                "Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("a:" + PASSWORD).getBytes()))
                .body().contains(id));
        chromium.open(nexus.baseUrl() + "/");
        chromium.await("the banner", d -> chromium.all(".alert-banner").size() == 1);
        String banner = chromium.find(".alert-banner").getText();
        assertThat(banner).contains("google account " + id).contains("b***n@e***.com").contains("disabled by the operator")
                .contains("account.disabled").doesNotContain(EMAIL);

        chromium.find(".alert-banner button").click();
        chromium.await("the banner gone", d -> chromium.all(".alert-banner").isEmpty());
        assertThat(chromium.find("#alerts").isDisplayed()).isFalse();
        chromium.open(nexus.baseUrl() + "/");
        chromium.await("the account card", d -> chromium.all(".account").size() == 1);
        chromium.await("the alerts asked again", d -> chromium.script("return performance.getEntriesByType('resource')"
                + ".some(e => e.name.endsWith('/api/alerts'))").equals(Boolean.TRUE));
        assertThat(chromium.all(".alert-banner")).as("dismissed in this browser").isEmpty();
        assertThat(chromium.cspViolations()).isEqualTo(List.of());
    }
}
