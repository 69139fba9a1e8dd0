package dev.nexus.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts alerts to {@code NEXUS_ALERT_WEBHOOK_URL} as {@code {"event","subject","reason","at"}}, off every request's
 * path: {@link #offer} only queues (a full queue drops the event and counts it), and one background thread sends,
 * retrying a refused or failed delivery a few times with doubling waits. A 4xx other than 408 and 429 is not retried:
 * the receiver will not change its mind. The URL may hold a secret (a token in its path), so it is never logged.
 */
public final class AlertWebhook implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertWebhook.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final ObjectMapper json;
    private final HttpClient http;
    private final BlockingQueue<Alert> queue;
    private final int tries;
    private final Duration firstWait;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final Thread thread;

    /**
     * @param capacity how many events may wait; beyond that they are dropped and counted
     * @param tries deliveries tried per event, the first included
     * @param firstWait the wait before the second try; each later wait doubles
     */
    public AlertWebhook(URI url, ObjectMapper json, int capacity, int tries, Duration firstWait) {
        this.url = url;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.tries = tries;
        this.firstWait = firstWait;
        this.thread = Thread.ofPlatform().name("nexus-alert-webhook").daemon().start(this::drain);
    }

    /** Queues the event for delivery; never blocks. */
    public void offer(Alert alert) {
        if (!queue.offer(alert)) {
            dropped.incrementAndGet();
            LOG.debug("alert webhook queue full; event {} dropped", alert.id());
        }
    }

    /** Events dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Events given up on after every try failed. */
    public long failed() {
        return failed.get();
    }

    /** Events the receiver accepted (2xx). */
    public long delivered() {
        return delivered.get();
    }

    /** The JSON body of one event: no id, nothing secret. */
    String body(Alert alert) {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("event", alert.event());
        event.put("subject", alert.subject());
        event.put("reason", alert.reason());
        event.put("at", alert.at().toString());
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an alert as JSON", e);
        }
    }

    private void drain() {
        while (true) {
            Alert alert;
            try {
                alert = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (alert != null && !deliver(alert)) {
                return;
            }
        }
    }

    /** Tries the event; false only when interrupted (closing). */
    private boolean deliver(Alert alert) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "oauth-llm-nexus-alerts")
                .POST(HttpRequest.BodyPublishers.ofString(body(alert))).build();
        Duration wait = firstWait;
        String problem = "";
        for (int i = 1; i <= tries; i++) {
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300) {
                    delivered.incrementAndGet();
                    return true;
                }
                problem = "the receiver answered HTTP " + status;
                if (status >= 400 && status < 500 && status != 408 && status != 429) {
                    break;
                }
            } catch (IOException e) {
                problem = "the receiver could not be reached (" + e.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                return false;
            }
            if (i < tries) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return false;
                }
                wait = wait.multipliedBy(2);
            }
        }
        failed.incrementAndGet();
        LOG.warn("could not post alert {} to NEXUS_ALERT_WEBHOOK_URL: {}; it stays in the log and on the dashboard",
                alert.id(), problem);
        return true;
    }

    /** Stops the sender; events still queued are not sent (they are in the log already). */
    @Override
    public void close() {
        thread.interrupt();
        http.shutdownNow();
    }
}
