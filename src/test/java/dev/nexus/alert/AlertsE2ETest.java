package dev.nexus.alert;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.testing.NexusHarness;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Alerts through the real server: the fake Google revokes an account's refresh token, a request makes Nexus find out,
 * and the account's move to needs_relogin is logged once, listed for the dashboard and POSTed to a local webhook
 * receiver (which refuses the first delivery, so the retry is seen too).
 */
class AlertsE2ETest {
    private static final String KEY = "sk-alerts-test-0123456789";
    private static final String REVOKED = "revoked.person@example.com";
    private static final String HEALTHY = "healthy.person@example.com";

    @TempDir
    Path dir;
    private FakeGoogle google;
    private NexusHarness nexus;
    private HttpServer receiver;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger refuseFirst = new AtomicInteger(1);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger alertsLogger = (Logger) LoggerFactory.getLogger(Alerts.class);

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook/secret-path", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                received.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                        + new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            int status = refuseFirst.getAndDecrement() > 0 ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        log.start();
        alertsLogger.addAppender(log);

        google = FakeGoogle.start();
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", KEY).usingGoogle(google)
                .env("NEXUS_ALERT_WEBHOOK_URL", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook/secret-path");
        for (String email : List.of(REVOKED, HEALTHY)) {
            String project = "proj-" + email.substring(0, email.indexOf('.'));
            google.addAccount(email, project);
            // Offline import (with the project): no access token yet, so the first use refreshes.
            assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account(email).refreshToken(),
                    "--email", email, "--project", project).code()).isZero();
        }
    }

    @AfterEach
    void stop() {
        alertsLogger.detachAppender(log);
        nexus.close();
        google.close();
        receiver.stop(0);
    }

    private HttpResponse<String> chat(String text) {
        return nexus.post("/v1/chat/completions", "{\"model\":\"gemini-3-flash\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + text + "\"}]}", "Authorization", "Bearer " + KEY);
    }

    private List<String> warnings(String event) {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains(event))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void anAccountNeedingReloginIsLoggedOnceListedAndPostedToTheWebhook() {
        google.revokeRefreshToken(REVOKED);
        nexus.start();
        String id = nexus.cli("accounts", "list", "--json").json().get(0).path("id").asText();
        assertThat(chat("hello").statusCode()).isEqualTo(200);

        // The receiver refuses the first delivery; the second, a second later, is accepted.
        NexusHarness.awaitTrue(Duration.ofSeconds(10), () -> received.size() >= 2);
        assertThat(received.get(1)).isEqualTo(received.get(0));
        String posted = received.get(0);
        assertThat(posted).startsWith("POST application/json ");
        JsonNode event = NexusHarness.json(posted.substring("POST application/json ".length()));
        assertThat(event.path("event").asText()).isEqualTo("account.needs_relogin");
        assertThat(event.path("subject").asText()).contains(id).contains("r***n@e***.com");
        assertThat(event.path("reason").asText()).isNotBlank();
        assertThat(Instant.parse(event.path("at").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(event.size()).isEqualTo(4);
        assertThat(posted).doesNotContainIgnoringCase(REVOKED).doesNotContain(google.account(REVOKED).refreshToken());

        JsonNode listed = NexusHarness.json(nexus.get("/api/alerts").body()).path("alerts");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("event").asText()).isEqualTo("account.needs_relogin");
        assertThat(listed.get(0).path("subject").asText()).isEqualTo(event.path("subject").asText());
        assertThat(listed.get(0).path("id").asText()).startsWith("al_");

        // More requests, and the second delivery's wait (several change polls): still one event, one WARN line.
        assertThat(chat("hello again").statusCode()).isEqualTo(200);
        assertThat(warnings("account.needs_relogin")).hasSize(1)
                .allSatisfy(line -> assertThat(line).contains(id).doesNotContainIgnoringCase(REVOKED));
        assertThat(received).hasSize(2);
        assertThat(NexusHarness.json(nexus.get("/api/alerts").body()).path("alerts")).hasSize(1);
    }

    @Test
    void anAccountTheOperatorDisablesRaisesADisabledAlert() {
        nexus.start();
        String id = nexus.cli("accounts", "list", "--json").json().get(1).path("id").asText();
        // The CLI is another process as far as the server knows: the change reaches it through the database.
        assertThat(nexus.cli("accounts", "disable", id).code()).isZero();
        NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> !warnings("account.disabled").isEmpty());
        assertThat(warnings("account.disabled")).singleElement().satisfies(line -> assertThat(line).contains(id));
        NexusHarness.awaitTrue(Duration.ofSeconds(10), () -> received.size() >= 2);
        assertThat(received.get(1)).contains("\"event\":\"account.disabled\"");
    }
}
