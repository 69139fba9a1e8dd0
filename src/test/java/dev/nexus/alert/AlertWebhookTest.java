package dev.nexus.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.nexus.testing.NexusHarness;
import dev.nexus.testing.SettableClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook's queue and retries against a local receiver; {@link Alerts}' list and budget hook. */
class AlertWebhookTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private HttpServer receiver;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger status = new AtomicInteger(204);
    private AlertWebhook webhook;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (webhook != null) {
            webhook.close();
        }
        receiver.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    }

    private static Alert alert(String n) {
        return new Alert("al_" + n, "account.disabled", "google account acc_" + n + " (o***e@e***.com)", "disabled", NOW);
    }

    @Test
    void aFullQueueDropsAndCountsWithoutBlocking() {
        webhook = new AlertWebhook(url(), new ObjectMapper(), 1, 1, Duration.ofMillis(10));
        webhook.offer(alert("1"));
        // The sender is now stuck on the receiver: one more event waits, the next is dropped.
        NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> bodies.size() == 1);
        long start = System.nanoTime();
        webhook.offer(alert("2"));
        webhook.offer(alert("3"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(webhook.dropped()).isEqualTo(1);

        release.countDown();
        NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> webhook.delivered() == 2);
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(0)).isEqualTo("{\"event\":\"account.disabled\",\"subject\":\"google account acc_1 (o***e@e***.com)\","
                + "\"reason\":\"disabled\",\"at\":\"2026-12-06T12:00:00Z\"}");
        assertThat(bodies.get(1)).contains("acc_2");
    }

    @Test
    void aRefusalThatWillNotChangeIsNotRetried() {
        release.countDown();
        status.set(400);
        webhook = new AlertWebhook(url(), new ObjectMapper(), 10, 4, Duration.ofMillis(10));
        webhook.offer(alert("1"));
        NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> webhook.failed() == 1);
        assertThat(bodies).hasSize(1);
    }

    @Test
    void aFailingReceiverIsRetriedWithBackoffThenGivenUp() {
        release.countDown();
        status.set(500);
        webhook = new AlertWebhook(url(), new ObjectMapper(), 10, 3, Duration.ofMillis(10));
        webhook.offer(alert("1"));
        NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> webhook.failed() == 1);
        assertThat(bodies).hasSize(3).containsOnly(bodies.get(0));
        assertThat(webhook.delivered()).isZero();
    }

    @Test
    void alertsKeepTheRecentOnesNewestFirstAndRedactReasons() {
        Alerts alerts = new Alerts(alert -> {}, new SettableClock(NOW));
        for (int i = 0; i < Alerts.KEPT + 5; i++) {
            alerts.raise(AlertEvent.ACCOUNT_DISABLED, "google account acc_" + i, "disabled");
        }
        assertThat(alerts.recent()).hasSize(Alerts.KEPT);
        assertThat(alerts.recent().get(0).subject()).isEqualTo("google account acc_" + (Alerts.KEPT + 4));

        alerts.budgetCrossed("laptop", "daily tokens", 1_800_000, 2_000_000);
        Alert budget = alerts.recent().get(0);
        assertThat(budget.event()).isEqualTo("budget.90_percent");
        assertThat(budget.subject()).isEqualTo("client key 'laptop' daily tokens budget");
        assertThat(budget.reason()).isEqualTo("1800000 of 2000000 used (90 %)");

        Alert leaky = alerts.raise(AlertEvent.KEY_RING_ALL_REFUSED, "gemini key ring", "refused key=AIzaSyA-0123456789abcdefghij");
        assertThat(leaky.reason()).doesNotContain("0123456789abcdefghij");
    }
}
