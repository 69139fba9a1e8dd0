package dev.nexus.metrics;

import dev.nexus.server.Answered;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every HTTP exchange the server answered, admin and health included: {@code http_server_requests_seconds{method,status}}
 * (a count, a sum and a max; no histogram and no path label, so an unknown-path scan cannot grow the series).
 */
public final class HttpServerMeters implements Answered {
    private final MeterRegistry registry;
    private final ConcurrentHashMap<Labels, Timer> timers = new ConcurrentHashMap<>();

    private record Labels(String method, int status) {}

    public HttpServerMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void answered(String method, int status, long nanos) {
        timers.computeIfAbsent(new Labels(method, status), l -> Timer.builder("http.server.requests")
                .description("HTTP exchanges the server answered, by method and status")
                .tags("method", l.method(), "status", String.valueOf(l.status())).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
