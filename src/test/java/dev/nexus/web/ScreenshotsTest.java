package dev.nexus.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.config.Settings;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.Reply;
import dev.nexus.monitor.RequestRecord;
import dev.nexus.secret.Masks;
import dev.nexus.store.Database;
import dev.nexus.store.SqlRequestLogs;
import dev.nexus.testing.NexusHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pictures of docs/dashboard.md: the dashboard (light and dark) and the monitor (table and detail) at 1280 px, on a server with three accounts, three keys, the
 * shipped routes, a month of request history and a few live requests. Written to {@code target/screenshots/}; to
 * refresh the committed ones run
 * {@code ./mvnw -q test -Dtest=ScreenshotsTest -Dnexus.screenshots.dir=docs}. Also a check that a busy page renders
 * without script errors or policy violations.
 */
class ScreenshotsTest {
    private static final String PASSWORD = "screenshots";
    private static final List<String> EMAILS = List.of("maria.lopez@gmail.com", "dev.team@example.org", "j.smith@example.com");
    private static final List<String> KEYS = List.of("laptop", "ci-runner", "open-webui");
    /** Client model, surface, path, provider, target model: the traffic mix of the synthetic history. */
    private static final List<List<String>> TRAFFIC = List.of(
            List.of("claude-sonnet-4-5", "anthropic", "/anthropic/v1/messages", "google", "claude-sonnet-4-5"),
            List.of("claude-sonnet-4-5", "anthropic", "/anthropic/v1/messages", "google", "claude-sonnet-4-5"),
            List.of("claude-3-5-haiku", "anthropic", "/anthropic/v1/messages", "google", "gemini-3-flash"),
            List.of("gpt-4o", "openai.chat", "/v1/chat/completions", "google", "gemini-3-flash"),
            List.of("gpt-5-codex", "openai.responses", "/v1/responses", "google", "gemini-3-pro-high"),
            List.of("gemini-3-flash", "genai", "/genai/v1beta/models/gemini-3-flash:streamGenerateContent", "google", "gemini-3-flash"));

    @TempDir
    Path dir;
    private FakeGoogle google;
    private NexusHarness nexus;
    private String laptopKey;

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        nexus = new NexusHarness(dir).usingGoogle(google).env("NEXUS_ADMIN_PASSWORD", PASSWORD);
        String[] tiers = {"standard-tier", "standard-tier", "free-tier"};
        String[] projects = {"maria-code-41872", "team-dev-20931", "jsmith-sandbox-7702"};
        for (int i = 0; i < EMAILS.size(); i++) {
            assertThat(nexus.cli("accounts", "import", "--refresh-token",
                    google.addAccount(EMAILS.get(i), projects[i], tiers[i]).refreshToken()).code()).isZero();
        }
        assertThat(nexus.cli("accounts", "disable", EMAILS.get(2)).code()).isZero();
        Instant now = Instant.now();
        google.setQuota(EMAILS.get(0), "gemini-3-flash", 0.62, now.plus(3, ChronoUnit.HOURS).plus(17, ChronoUnit.MINUTES));
        google.setQuota(EMAILS.get(0), "claude-sonnet-4-5", 0.18, now.plus(1, ChronoUnit.HOURS).plus(42, ChronoUnit.MINUTES));
        google.setQuota(EMAILS.get(0), "gemini-3-pro-high", 0.41, now.plus(4, ChronoUnit.HOURS));
        google.setQuota(EMAILS.get(1), "claude-sonnet-4-5", 0.0, now.plus(2, ChronoUnit.HOURS).plus(5, ChronoUnit.MINUTES));
        for (String name : KEYS) {
            NexusHarness.CliResult created = nexus.cli("keys", "create", "--name", name, "--json");
            assertThat(created.code()).isZero();
            if (name.equals("laptop")) {
                laptopKey = created.json().path("key").asText();
            }
        }
        assertThat(nexus.cli("routes", "set", "claude-sonnet-4-5", "claude-sonnet-4-5", "--fallback", "gemini-3-pro-high",
                "--fallback", "gemini-3-flash").code()).isZero();
        writeHistory(now);
        nexus.start();
    }

    @AfterEach
    void stop() {
        nexus.close();
        google.close();
    }

    /** A month of plausible traffic, busier in the working hours and in the last day, written straight to the log. */
    private void writeHistory(Instant now) {
        JsonNode accounts = nexus.cli("accounts", "list", "--json").json();
        JsonNode keys = nexus.cli("keys", "list", "--json").json();
        Random random = new Random(42);
        List<RequestRecord> records = new ArrayList<>();
        for (int hour = 24 * 30; hour >= 1; hour--) {
            Instant slot = now.truncatedTo(ChronoUnit.HOURS).minus(hour, ChronoUnit.HOURS);
            int hourOfDay = slot.atZone(java.time.ZoneOffset.UTC).getHour();
            boolean working = hourOfDay >= 8 && hourOfDay <= 19;
            int n = (working ? 6 : 1) + random.nextInt(working ? 10 : 3) + (hour <= 24 ? 12 : 0);
            for (int i = 0; i < n; i++) {
                records.add(record(random, slot.plusSeconds(random.nextInt(3600)), accounts.get(random.nextInt(2)),
                        keys.get(random.nextInt(keys.size()))));
            }
        }
        Path file = dir.resolve("nexus.db");
        try (Database database = Database.open(new Settings.Database("jdbc:sqlite:" + file, Optional.of(file), Optional.empty(),
                Optional.empty()))) {
            new SqlRequestLogs(database).insert(records);
        }
    }

    private static RequestRecord record(Random random, Instant at, JsonNode account, JsonNode key) {
        List<String> t = TRAFFIC.get(random.nextInt(TRAFFIC.size()));
        int roll = random.nextInt(100);
        int status = roll < 94 ? 200 : roll < 97 ? 429 : roll < 99 ? 400 : 503;
        String accountShort = account.path("id").asText().substring(0, 8);
        String route = t.get(3) + "/" + t.get(4) + "@" + accountShort;
        String error = switch (status) {
            case 429 -> "every account is cooling down for " + t.get(4) + " (earliest reset in 37 s)";
            case 400 -> "messages: at least one message is required";
            case 503 -> "Cloud Code is unavailable (503) on every endpoint";
            default -> null;
        };
        long input = status == 200 ? 800 + random.nextInt(24000) : 0;
        long output = status == 200 ? 60 + random.nextInt(1800) : 0;
        long duration = status == 200 ? 900 + random.nextInt(14000) : 40 + random.nextInt(400);
        byte[] id = new byte[8];
        random.nextBytes(id);
        return new RequestRecord("rl_" + HexFormat.of().formatHex(id), at, "req_" + HexFormat.of().formatHex(id), "POST",
                t.get(2), t.get(1), status, duration, status == 200 ? Long.valueOf(300 + random.nextInt(900)) : null,
                t.get(0), t.get(3), t.get(4), account.path("id").asText(), Masks.email(account.path("email").asText()),
                key.path("id").asText(), key.path("name").asText(), status == 200 ? input : null, status == 200 ? output : null,
                status == 429 ? "none; tried " + route + ":429" : route, error, null, null);
    }

    private void liveTraffic() {
        String bearer = "Bearer " + laptopKey;
        google.script().enqueue(Reply.builder().text("Sure — here is a summary of the diff.").usage(1840, 212, 0, 0).build());
        assertThat(nexus.post("/anthropic/v1/messages", "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":512,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Summarise this diff\"}]}", "x-api-key", laptopKey,
                "anthropic-version", "2023-06-01").statusCode()).isEqualTo(200);
        google.script().enqueue(Reply.builder().text("Hello!").usage(12, 4, 0, 0).build());
        assertThat(nexus.post("/v1/chat/completions", "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}",
                "Authorization", bearer).statusCode()).isEqualTo(200);
        assertThat(nexus.post("/v1/chat/completions", "{\"model\":\"gpt-4o\"}", "Authorization", bearer).statusCode()).isEqualTo(400);
    }

    private static void save(String name, byte[] png) throws IOException {
        Path out = Path.of(System.getProperty("nexus.screenshots.dir", "target/screenshots")).resolve(name);
        Files.createDirectories(out.getParent());
        Files.write(out, png);
    }

    @Test
    void theDashboardAndTheMonitorWithAMonthOfTraffic() throws IOException {
        try (Chromium chromium = Chromium.start().signIn("admin", PASSWORD)) {
            chromium.open(nexus.baseUrl() + "/");
            chromium.await("the accounts", d -> chromium.all(".account").size() == 3);
            chromium.await("the usage chart", d -> !chromium.all("#usage svg.chart").isEmpty());
            String primary = ".account:first-child";
            chromium.find(primary + " .quota-panel summary").click();
            chromium.await("quota rows", d -> !chromium.all(primary + " .quota-row").isEmpty());
            save("dashboard.png", chromium.screenshot(1280));
            assertThat(chromium.cspViolations()).isEmpty();
            chromium.colorScheme("dark");
            save("dashboard-dark.png", chromium.screenshot(1280, 1100));
            chromium.colorScheme("light");
            chromium.find("#usage-card [data-range='30d']").click();
            chromium.await("30 daily bars in each chart", d -> chromium.all("#usage svg.chart g.bar").size() == 60);
            assertThat(chromium.texts("#usage .stat-value").get(0)).as("a month of requests").doesNotStartWith("0");

            chromium.open(nexus.baseUrl() + "/monitor");
            chromium.await("the live feed", d -> chromium.texts("#feed-state").equals(List.of("live")));
            liveTraffic();
            chromium.await("the live requests", Duration.ofSeconds(5), d -> chromium.texts("#request-rows .path-text").stream()
                    .filter(p -> p.startsWith("/anthropic/v1/messages")).count() >= 1
                    && chromium.texts("#request-rows td:nth-child(2)").get(0).equals("400"));
            save("monitor.png", chromium.screenshot(1280, 1000));
            assertThat(chromium.cspViolations()).isEmpty();

            int rows = chromium.all("#request-rows tr").size();
            chromium.find("#log-bodies").click();
            NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> NexusHarness.json(nexus.get("/api/monitor/settings",
                    "Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes()))
                    .body()).path("log_bodies").asBoolean());
            google.script().enqueue(Reply.builder().text("The diff renames ", "Gateway.handle to Gateway.route.")
                    .usage(2210, 96, 0, 0).build());
            assertThat(nexus.post("/v1/chat/completions", "{\"model\":\"gpt-4o\",\"temperature\":0.2,\"messages\":["
                    + "{\"role\":\"system\",\"content\":\"You review Java diffs.\"},"
                    + "{\"role\":\"user\",\"content\":\"What does this diff change?\"}]}", "Authorization", "Bearer " + laptopKey)
                    .statusCode()).isEqualTo(200);
            chromium.await("the request with bodies", d -> chromium.all("#request-rows tr").size() == rows + 1);
            chromium.find("#request-rows tr").click();
            chromium.await("the bodies", d -> !chromium.all("pre#response-body").isEmpty());
            chromium.script("document.querySelectorAll('.toast').forEach(t => t.remove());");
            save("monitor-detail.png", chromium.screenshot(1280, 1000));
            assertThat(chromium.console()).noneMatch(line -> line.contains("Uncaught"));
        }
    }
}
