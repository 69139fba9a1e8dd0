package dev.nexus.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.Reply;
import dev.nexus.testing.NexusHarness;
import dev.nexus.testing.PrometheusText;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} of the real server, parsed by a strict Prometheus text parser: who may read it, the series the
 * operator relies on, counters moving with OpenAI chat requests through the fake Cloud Code, and no secret or email in
 * the whole text.
 */
class MetricsE2ETest {
    private static final String PASSWORD = "admin-pass-for-metrics-7";
    private static final String METRICS_TOKEN = "metrics-token-0123456789abcdef";
    private static final List<String> EMAILS = List.of("first.user@example.com", "second.user@example.com");

    @TempDir
    Path dir;
    private FakeGoogle google;
    private NexusHarness nexus;
    private String clientKey;
    private final List<String> secrets = new ArrayList<>();

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        nexus = new NexusHarness(dir).usingGoogle(google)
                .env("NEXUS_ADMIN_PASSWORD", PASSWORD)
                .env("NEXUS_METRICS_TOKEN", METRICS_TOKEN);
        for (String email : EMAILS) {
            google.addAccount(email, "proj-" + email.substring(0, email.indexOf('.')));
            String refresh = google.account(email).refreshToken();
            secrets.add(refresh);
            assertThat(nexus.cli("accounts", "import", "--refresh-token", refresh, "--email", email).code()).isZero();
        }
        clientKey = nexus.cli("keys", "create", "--name", "metrics-laptop", "--json").json().path("key").asText();
        assertThat(clientKey).isNotBlank();
        secrets.addAll(List.of(clientKey, PASSWORD, METRICS_TOKEN));
        nexus.start();
    }

    @AfterEach
    void stop() {
        nexus.close();
        google.close();
    }

    private HttpResponse<String> chat(String text) {
        return nexus.post("/v1/chat/completions", "{\"model\":\"gemini-3-flash\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + text + "\"}]}", "Authorization", "Bearer " + clientKey);
    }

    private HttpResponse<String> metrics(String... headers) {
        return nexus.get("/metrics", headers);
    }

    private PrometheusText scrape() {
        HttpResponse<String> res = metrics("Authorization", "Bearer " + METRICS_TOKEN);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return PrometheusText.parse(res.body());
    }

    private static String basic(String password) {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void refusedWithoutCredentialsAndAcceptedWithTheTokenOrTheAdminPassword() {
        HttpResponse<String> none = metrics();
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("NEXUS_METRICS_TOKEN").doesNotContain("jvm_");
        assertThat(metrics("Authorization", "Bearer wrong-token").statusCode()).isEqualTo(401);
        assertThat(metrics("Authorization", "Bearer " + clientKey).statusCode()).isEqualTo(401);
        assertThat(metrics("Authorization", basic("wrong")).statusCode()).isEqualTo(401);

        HttpResponse<String> token = metrics("Authorization", "Bearer " + METRICS_TOKEN);
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(token.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
        assertThat(metrics("Authorization", basic(PASSWORD)).statusCode()).isEqualTo(200);
        // The token opens /metrics only, never the admin API.
        assertThat(nexus.get("/api/accounts", "Authorization", "Bearer " + METRICS_TOKEN).statusCode()).isEqualTo(401);
    }

    @Test
    void theSeriesArePresentAndCountersMoveWithRequests() {
        PrometheusText before = scrape();
        assertThat(before.type("nexus_accounts")).hasValue("gauge");
        assertThat(before.sum("nexus_accounts", "provider", "google", "state", "active")).isEqualTo(2);
        assertThat(before.sum("nexus_accounts", "provider", "google", "state", "needs_relogin")).isZero();
        assertThat(before.find("nexus_cooldowns_active", "pool", "accounts")).hasSize(1);
        assertThat(before.find("nexus_monitor_dropped_records_total")).hasSize(1);
        for (String jvm : List.of("jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_gc_memory_allocated_bytes_total",
                "process_cpu_usage", "process_uptime_seconds", "jvm_classes_loaded_classes")) {
            assertThat(before.find(jvm)).as(jvm).isNotEmpty();
        }

        // The primary (first imported) account is rate limited, so the first request fails over to the other one,
        // which then serves the rest while the first rests.
        google.script().enqueue(EMAILS.get(0), "gemini-3-flash", Reply.rateLimited(Duration.ofSeconds(30)));
        for (int i = 0; i < 3; i++) {
            assertThat(chat("hello " + i).statusCode()).isEqualTo(200);
        }
        // Records reach the meters when the request finishes, just after its last byte: poll for them.
        NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> scrape().sum("nexus_requests_total", "surface", "openai.chat") >= 3);
        PrometheusText after = scrape();

        assertThat(after.type("nexus_requests_total")).hasValue("counter");
        assertThat(after.sum("nexus_requests_total", "surface", "openai.chat", "provider", "google")).isEqualTo(3);
        assertThat(after.sum("nexus_requests_total", "surface", "openai.chat", "status", "200", "provider", "google"))
                .isEqualTo(3);
        assertThat(before.sum("nexus_requests_total")).isZero();
        assertThat(after.type("nexus_request_duration_seconds")).hasValue("histogram");
        assertThat(after.sum("nexus_request_duration_seconds_count", "surface", "openai.chat")).isEqualTo(3);
        assertThat(after.find("nexus_request_duration_seconds_bucket", "surface", "openai.chat", "le", "+Inf")).isNotEmpty();
        assertThat(after.type("nexus_request_ttfb_seconds")).hasValue("histogram");
        assertThat(after.sum("nexus_request_ttfb_seconds_count", "surface", "openai.chat")).isEqualTo(3);
        assertThat(after.sum("nexus_upstream_attempts_total", "provider", "google", "outcome", "rate_limited")).isEqualTo(1);
        assertThat(after.sum("nexus_upstream_attempts_total", "provider", "google", "outcome", "served")).isEqualTo(3);
        assertThat(after.type("nexus_failovers_total")).hasValue("counter");
        assertThat(after.sum("nexus_failovers_total", "provider", "google")).isEqualTo(1);
        assertThat(after.sum("nexus_tokens_total", "direction", "input", "provider", "google", "key", "metrics-laptop"))
                .isPositive();
        assertThat(after.sum("nexus_tokens_total", "direction", "output", "provider", "google", "key", "metrics-laptop"))
                .isPositive();
        assertThat(after.sum("nexus_cooldowns_active", "pool", "accounts")).isEqualTo(1);
        assertThat(after.sum("nexus_monitor_dropped_records_total")).isZero();
        assertThat(after.sum("http_server_requests_seconds_count", "method", "POST", "status", "200")).isEqualTo(3);
        assertThat(after.sum("http_server_requests_seconds_count", "method", "GET", "status", "200"))
                .as("the scrapes themselves").isGreaterThanOrEqualTo(2);

        String text = metrics("Authorization", "Bearer " + METRICS_TOKEN).body();
        for (String secret : secrets) {
            assertThat(text).as("a secret in /metrics").doesNotContain(secret);
        }
        for (String email : EMAILS) {
            assertThat(text).as("an email in /metrics").doesNotContainIgnoringCase(email);
        }
        assertThat(after.labelValues()).noneMatch(v -> v.contains("@"));
    }
}
