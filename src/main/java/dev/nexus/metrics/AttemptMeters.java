package dev.nexus.metrics;

import dev.nexus.gateway.AttemptEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's attempts as counters: {@code nexus_upstream_attempts_total{provider,outcome}} and
 * {@code nexus_failovers_total{provider}} (the provider whose credential took over). Cached per provider; an outcome's
 * counter is registered the first time it happens.
 */
public final class AttemptMeters implements AttemptEvents {
    private static final AttemptOutcome[] OUTCOMES = AttemptOutcome.values();

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter[]> attempts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> failovers = new ConcurrentHashMap<>();

    public AttemptMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void attempted(String provider, AttemptOutcome outcome) {
        Counter[] byOutcome = attempts.computeIfAbsent(provider, p -> new Counter[OUTCOMES.length]);
        Counter counter = byOutcome[outcome.ordinal()];
        if (counter == null) {
            // Registering twice returns the same meter, so a race here only costs a lookup.
            counter = Counter.builder("nexus.upstream.attempts")
                    .description("Upstream calls, by provider and how the failover loop judged them")
                    .tags("provider", provider, "outcome", outcome.wireName()).register(registry);
            byOutcome[outcome.ordinal()] = counter;
        }
        counter.increment();
    }

    @Override
    public void failedOver(String provider) {
        failovers.computeIfAbsent(provider, p -> Counter.builder("nexus.failovers")
                .description("Times a credential failed and another one was tried for the same request")
                .tag("provider", p).register(registry)).increment();
    }
}
