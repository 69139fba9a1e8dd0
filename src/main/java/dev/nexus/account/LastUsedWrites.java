package dev.nexus.account;

import java.time.Duration;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * Writes accounts' last-used times off the request path, at most one write queued or running per account (and, with a
 * gathering period, at most one a period): a time
 * recorded while one is pending joins it, and the write stores the latest time recorded so far. The stored value is
 * the same as with one write per request, without a database write and a task for every request under load, and a
 * later time is never overwritten by an earlier one.
 */
final class LastUsedWrites {
    private final BiConsumer<String, Instant> write;
    private final Executor background;
    private final Duration gather;
    private final ConcurrentHashMap<String, Instant> pending = new ConcurrentHashMap<>();

    /**
     * @param gather how long a queued write waits for later times to join it before it writes: with a steady trickle
     *     of requests (a paced load finds no write pending) this bounds the writes to one per account per period
     */
    LastUsedWrites(BiConsumer<String, Instant> write, Executor background, Duration gather) {
        this.write = write;
        this.background = background;
        this.gather = gather;
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
            if (!gather.isZero()) {
                try {
                    Thread.sleep(gather);
                } catch (InterruptedException e) {
                    // shutting down: write what is pending now
                    Thread.currentThread().interrupt();
                }
            }
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
