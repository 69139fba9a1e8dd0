package dev.nexus.cli;

import dev.nexus.config.Settings;
import dev.nexus.keylimit.BudgetWatcher;
import dev.nexus.keylimit.KeyCounters;
import dev.nexus.keylimit.KeyGate;
import dev.nexus.keylimit.LocalCounters;
import dev.nexus.keylimit.RedisCounters;
import dev.nexus.keylimit.SharedCounters;
import dev.nexus.store.SqlKeyUsage;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The client-key gate as {@code serve} wires it: counters in this process, or shared through NEXUS_REDIS_URL. */
final class KeyLimiting implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeyLimiting.class);

    final KeyGate gate;
    private final Optional<SharedCounters> shared;

    KeyLimiting(Settings settings, NexusState state, BudgetWatcher watcher, Executor background, Clock clock) {
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
        this.gate = new KeyGate(counters, usage, watcher, background, clock);
    }

    @Override
    public void close() {
        shared.ifPresent(SharedCounters::close);
    }
}
