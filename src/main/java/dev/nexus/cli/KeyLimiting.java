package dev.nexus.cli;

import dev.nexus.config.Settings;
import dev.nexus.keylimit.BudgetWatcher;
import dev.nexus.keylimit.KeyCounters;
import dev.nexus.keylimit.KeyGate;
import dev.nexus.keylimit.LocalCounters;
import dev.nexus.keylimit.RedisCounters;
import dev.nexus.keylimit.SharedCounters;
import dev.nexus.keylimit.UsageTally;
import dev.nexus.store.SqlKeyUsage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The client-key gate as {@code serve} wires it: counters in this process, or shared through NEXUS_REDIS_URL. */
final class KeyLimiting implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeyLimiting.class);

    final KeyGate gate;
    private final Optional<SharedCounters> shared;
    private final UsageTally tally;
    private final ScheduledExecutorService flusher;

    KeyLimiting(Settings settings, NexusState state, BudgetWatcher watcher, Clock clock) {
        SqlKeyUsage usage = new SqlKeyUsage(state.database);
        LocalCounters local = new LocalCounters(usage);
        this.shared = settings.redisUrl().map(url -> {
            String where = RedisCounters.describe(url);
            SharedCounters counters = new SharedCounters(new RedisCounters(url, usage), local, where);
            counters.probe();
            LOG.info("client-key limits are shared through Redis at {}", where);
            return counters;
        });
        KeyCounters counters = shared.<KeyCounters>map(c -> c).orElse(local);
        this.tally = new UsageTally(usage);
        this.gate = new KeyGate(counters, tally, watcher, clock);
        // One thread writes the tokens keys used, once a second; close writes the rest.
        this.flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("key-usage").factory());
        flusher.scheduleWithFixedDelay(tally::flush, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        try {
            flusher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tally.flush();
        shared.ifPresent(SharedCounters::close);
    }
}
