package dev.nexus.metrics;

import dev.nexus.server.Routes;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: the Prometheus scrape. The server's admin auth guards it (admin password, or
 * {@code Authorization: Bearer} with NEXUS_METRICS_TOKEN).
 */
public final class MetricsEndpoint implements Routes {
    private final NexusMetrics metrics;

    public MetricsEndpoint(NexusMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.get("/metrics", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, NexusMetrics.CONTENT_TYPE);
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            res.send(metrics.scrape().getBytes(StandardCharsets.UTF_8));
        });
    }
}
