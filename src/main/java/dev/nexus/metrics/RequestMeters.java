package dev.nexus.metrics;

import dev.nexus.monitor.RequestRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Counts each finished proxy request the monitor shows it: {@code nexus_requests_total{surface,status,provider}},
 * {@code nexus_request_duration_seconds} and {@code nexus_request_ttfb_seconds} histograms ({@code surface,provider}),
 * and {@code nexus_tokens_total{direction,provider,key}} (the client key's name). Runs on the request's thread; meters
 * are cached per label set.
 */
public final class RequestMeters implements Consumer<RequestRecord> {
    /** Bucket bounds from a quick answer to a long agent turn; LLM answers take seconds, not milliseconds. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120),
        Duration.ofSeconds(300)};
    /** Label value for a request that never reached a provider or had no client key. */
    static final String NONE = "none";

    private final MeterRegistry registry;
    private final ConcurrentHashMap<RequestLabels, Counter> requests = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<TimerLabels, Timer[]> timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<TokenLabels, Counter[]> tokens = new ConcurrentHashMap<>();

    private record RequestLabels(String surface, int status, String provider) {}

    private record TimerLabels(String surface, String provider) {}

    private record TokenLabels(String provider, String key) {}

    public RequestMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void accept(RequestRecord record) {
        String provider = record.provider() == null ? NONE : record.provider();
        requests.computeIfAbsent(new RequestLabels(record.surface(), record.status(), provider), this::requestCounter)
                .increment();
        Timer[] timer = timers.computeIfAbsent(new TimerLabels(record.surface(), provider), this::timers);
        timer[0].record(record.durationMs(), TimeUnit.MILLISECONDS);
        if (record.ttfbMs() != null) {
            timer[1].record(record.ttfbMs(), TimeUnit.MILLISECONDS);
        }
        if (record.inputTokens() != null || record.outputTokens() != null) {
            String key = record.keyName() == null ? NONE : record.keyName();
            Counter[] counters = tokens.computeIfAbsent(new TokenLabels(provider, key), this::tokenCounters);
            if (record.inputTokens() != null && record.inputTokens() > 0) {
                counters[0].increment(record.inputTokens());
            }
            if (record.outputTokens() != null && record.outputTokens() > 0) {
                counters[1].increment(record.outputTokens());
            }
        }
    }

    private Counter requestCounter(RequestLabels l) {
        return Counter.builder("nexus.requests").description("Proxy requests answered, by client surface, HTTP status and provider")
                .tags("surface", l.surface(), "status", String.valueOf(l.status()), "provider", l.provider())
                .register(registry);
    }

    private Timer[] timers(TimerLabels l) {
        return new Timer[] {
            Timer.builder("nexus.request.duration").description("Time from a proxy request's arrival to its last byte")
                    .tags("surface", l.surface(), "provider", l.provider()).serviceLevelObjectives(BUCKETS)
                    .register(registry),
            Timer.builder("nexus.request.ttfb").description("Time from a proxy request's arrival to its first response byte")
                    .tags("surface", l.surface(), "provider", l.provider()).serviceLevelObjectives(BUCKETS)
                    .register(registry)
        };
    }

    private Counter[] tokenCounters(TokenLabels l) {
        return new Counter[] {tokenCounter(l, "input"), tokenCounter(l, "output")};
    }

    private Counter tokenCounter(TokenLabels l, String direction) {
        return Counter.builder("nexus.tokens").description("Tokens the upstream reported, by direction, provider and client key name")
                .tags("direction", direction, "provider", l.provider(), "key", l.key()).register(registry);
    }
}
