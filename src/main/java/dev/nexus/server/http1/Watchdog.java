package dev.nexus.server.http1;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at every open connection a few times per shortest timeout and closes those that waited on their client for
 * too long. One platform thread per server; a connection costs an entry in a set while it is open.
 */
final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    private final Set<GuardedConnection> connections = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    /** @param shortest the shortest timeout: it is overrun by at most a tenth (and never by more than a second) */
    Watchdog(Duration shortest) {
        // Lingering connections are checked against a two-second silence, so the tick is never longer than 200 ms.
        long tick = Math.clamp(Math.min(shortest.toMillis(), Progress.LINGER_SILENCE_NANOS / 1_000_000) / 10, 10, 1000);
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("nexus-connection-watchdog").daemon().factory());
        timer.scheduleWithFixedDelay(this::check, tick, tick, TimeUnit.MILLISECONDS);
    }

    void watch(GuardedConnection connection) {
        connections.add(connection);
    }

    void forget(GuardedConnection connection) {
        connections.remove(connection);
    }

    private void check() {
        long now = System.nanoTime();
        for (GuardedConnection connection : connections) {
            try {
                connection.expireIfOverdue(now);
            } catch (RuntimeException e) {
                LOG.debug("could not close an overdue connection: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
