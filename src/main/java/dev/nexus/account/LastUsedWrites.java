package dev.nexus.account;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * Writes accounts' last-used times off the request path, at most one write queued or running per account: a time
 * recorded while one is pending joins it, and the write stores the latest time recorded so far. The stored value is
 * the same as with one write per request, without a database write and a task for every request under load, and a
 * later time is never overwritten by an earlier one.
 */
final class LastUsedWrites {
    private final BiConsumer<String, Instant> write;
    private final Executor background;
    private final ConcurrentHashMap<String, Instant> pending = new ConcurrentHashMap<>();

    LastUsedWrites(BiConsumer<String, Instant> write, Executor background) {
        this.write = write;
        this.background = background;
    }

    void record(String accountId, Instant at) {
        boolean[] queued = {false};
        pending.compute(accountId, (id, waiting) -> {
            if (waiting == null) {
                queued[0] = true;
                return at;
            }
            return at.isAfter(waiting) ? at : waiting;
        });
        if (queued[0]) {
            try {
                background.execute(() -> drain(accountId));
            } catch (RuntimeException e) {
                pending.remove(accountId);
                throw e;
            }
        }
    }

    /** Writes until no newer time arrived during the last write. A failing write is dropped like a lone write's. */
    private void drain(String accountId) {
        while (true) {
            Instant at = pending.get(accountId);
            try {
                write.accept(accountId, at);
            } catch (RuntimeException e) {
                if (!pending.remove(accountId, at)) {
                    background.execute(() -> drain(accountId));
                }
                throw e;
            }
            if (pending.remove(accountId, at)) {
                return;
            }
        }
    }
}
