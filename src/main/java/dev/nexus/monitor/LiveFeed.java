package dev.nexus.monitor;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Finished requests as they happen, for the dashboard's live view. Each subscription has its own bounded backlog; a
 * subscriber that falls behind misses records rather than slowing anyone down. Closing the feed ends every
 * subscription, so stream handlers return and the server can stop.
 */
public final class LiveFeed implements AutoCloseable {
    private static final int BACKLOG = 1000;

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public Subscription subscribe() {
        Subscription s = new Subscription();
        subscriptions.add(s);
        if (closed) {
            s.end();
        }
        return s;
    }

    /** Shows a record (without bodies) to every subscriber; never blocks. */
    void publish(RequestRecord record) {
        RequestRecord summary = record.withoutBodies();
        for (Subscription s : subscriptions) {
            s.queue.offer(Optional.of(summary));
        }
    }

    /**
     * Shows records another instance on the same database wrote (their ids came with its change notice), so a monitor
     * open on any instance sees every instance's requests; nothing is read while nobody watches.
     */
    public void relay(java.util.List<String> ids, java.util.function.Function<String, Optional<RequestRecord>> find) {
        if (subscriptions.isEmpty()) {
            return;
        }
        for (String id : ids) {
            find.apply(id).ifPresent(this::publish);
        }
    }

    public int subscribers() {
        return subscriptions.size();
    }

    @Override
    public void close() {
        closed = true;
        subscriptions.forEach(Subscription::end);
    }

    /** One reader's view of the feed; close it when the reader leaves. */
    public final class Subscription implements AutoCloseable {
        private final BlockingQueue<Optional<RequestRecord>> queue = new LinkedBlockingQueue<>(BACKLOG);
        private volatile boolean ended;

        /** The next record, waiting at most {@code wait}; empty when none came in time or the feed has closed. */
        public Optional<RequestRecord> next(Duration wait) throws InterruptedException {
            if (ended) {
                return Optional.empty();
            }
            Optional<RequestRecord> item = queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
            return item == null || ended ? Optional.empty() : item;
        }

        /** True once the feed has closed: the reader should finish. */
        public boolean ended() {
            return ended;
        }

        private void end() {
            ended = true;
            queue.clear();
            queue.offer(Optional.empty());
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }
}
