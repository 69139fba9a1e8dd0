package dev.nexus.account;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one run of a piece of work per key at a time: callers arriving while it runs wait for its result (or its
 * failure) instead of starting another. Token refreshes use it per account, so a burst of requests costs one refresh
 * — which matters doubly where refresh tokens rotate, as a second refresh with the same token would be refused.
 */
public final class SingleFlight<V> {

    /** The work, failing the way an account can: unavailable for a stated reason. */
    public interface Work<V> {
        V run() throws AccountUnavailableException;
    }

    private final Map<String, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

    public V run(String key, Work<V> work) throws AccountUnavailableException {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof AccountUnavailableException unavailable) {
                    throw unavailable;
                }
                throw e;
            }
        }
        try {
            V value = work.run();
            mine.complete(value);
            return value;
        } catch (AccountUnavailableException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }
}
