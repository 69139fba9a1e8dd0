package dev.nexus.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.nexus.monitor.LiveFeed;
import dev.nexus.monitor.RequestMonitor;
import dev.nexus.monitor.RequestRecord;
import dev.nexus.server.Routes;
import dev.nexus.server.SseOutput;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /api/monitor/stream}: Server-Sent Events for the dashboard's live view. {@code event: request} carries one
 * finished request (no bodies) as it happens; {@code event: stats} carries {@code {"dropped","queued","log_bodies"}} on
 * connect and every {@code statsEvery}; a comment line every {@code pingEvery} keeps proxies from closing an idle
 * stream. The handler notices a departed client at its next write (at most {@code statsEvery} later) and returns;
 * closing the live feed (at shutdown) ends every stream at once.
 */
public final class MonitorStream implements Routes {
    private final LiveFeed feed;
    private final RequestMonitor monitor;
    private final Duration statsEvery;
    private final Duration pingEvery;
    private final AtomicInteger active = new AtomicInteger();

    public MonitorStream(LiveFeed feed, RequestMonitor monitor, Duration statsEvery, Duration pingEvery) {
        this.feed = feed;
        this.monitor = monitor;
        this.statsEvery = statsEvery;
        this.pingEvery = pingEvery;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.get("/api/monitor/stream", this::stream);
    }

    /** Handlers inside their streaming loop now: 0 once every client has gone. */
    public int activeStreams() {
        return active.get();
    }

    private void stream(ServerRequest req, ServerResponse res) {
        active.incrementAndGet();
        try (LiveFeed.Subscription subscription = feed.subscribe(); SseOutput sse = new SseOutput(req, res, Map::of)) {
            sse.send("stats", stats());
            long nextStats = System.nanoTime() + statsEvery.toNanos();
            long nextPing = System.nanoTime() + pingEvery.toNanos();
            while (!subscription.ended()) {
                long wait = Math.max(0, Math.min(nextStats, nextPing) - System.nanoTime());
                Optional<RequestRecord> record = subscription.next(Duration.ofNanos(wait));
                if (record.isPresent()) {
                    sse.send("request", RecordJson.summary(record.get()).toString());
                }
                long now = System.nanoTime();
                if (now >= nextStats) {
                    sse.send("stats", stats());
                    nextStats = now + statsEvery.toNanos();
                }
                if (now >= nextPing) {
                    sse.comment("ping");
                    nextPing = now + pingEvery.toNanos();
                }
            }
        } catch (SseOutput.ClientGone gone) {
            // the dashboard went away: nothing to finish
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            active.decrementAndGet();
        }
    }

    private String stats() {
        RequestMonitor.Stats stats = monitor.stats();
        return JsonNodeFactory.instance.objectNode().put("dropped", stats.dropped()).put("queued", stats.queued())
                .put("log_bodies", stats.logBodies()).toString();
    }
}
