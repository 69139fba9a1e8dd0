package dev.nexus.keylimit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis counters with a way out: when Redis fails, this instance counts on its own ({@link LocalCounters}) — limits
 * then hold per instance, traffic is never refused for it — and says so in one WARN line; it tries Redis again every
 * {@link #RETRY} and says when Redis is back.
 */
public final class SharedCounters implements KeyCounters, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedCounters.class);
    static final Duration RETRY = Duration.ofSeconds(30);
    private static final long NOT_DOWN = Long.MIN_VALUE;

    private final RedisCounters redis;
    private final LocalCounters local;
    private final String where;
    /** System.nanoTime() when Redis failed, or {@link #NOT_DOWN}. */
    private final AtomicLong downSince = new AtomicLong(NOT_DOWN);

    public SharedCounters(RedisCounters redis, LocalCounters local, String where) {
        this.redis = redis;
        this.local = local;
        this.where = where;
    }

    /** Tries Redis once at start, so an unreachable one is reported before the first request. */
    public void probe() {
        shared(() -> {
            redis.connect();
            return null;
        }, () -> null);
    }

    @Override
    public boolean takeRequest(String keyId, String minute, long limit) {
        return shared(() -> redis.takeRequest(keyId, minute, limit), () -> local.takeRequest(keyId, minute, limit));
    }

    @Override
    public Optional<Slot> takeSlot(String keyId, long limit) {
        Optional<Slot> slot = shared(() -> redis.takeSlot(keyId, limit), () -> local.takeSlot(keyId, limit));
        // A slot is given back where it was taken, even while Redis is away; a Redis slot whose release fails expires there.
        return slot.map(taken -> () -> {
            try {
                taken.close();
            } catch (RuntimeException e) {
                LOG.debug("could not give back a concurrent slot in Redis at {}: {}", where, e.getMessage());
            }
        });
    }

    @Override
    public long tokens(String keyId, String window) {
        return shared(() -> redis.tokens(keyId, window), () -> local.tokens(keyId, window));
    }

    @Override
    public void addTokens(String keyId, List<String> windows, long tokens) {
        // The local counters keep the tally too, so falling back does not start this instance's budget from zero.
        local.addTokens(keyId, windows, tokens);
        shared(() -> {
            redis.addTokens(keyId, windows, tokens);
            return null;
        }, () -> null);
    }

    private <T> T shared(Supplier<T> inRedis, Supplier<T> here) {
        long since = downSince.get();
        if (since != NOT_DOWN && System.nanoTime() - since < RETRY.toNanos()) {
            return here.get();
        }
        try {
            T result = inRedis.get();
            if (since != NOT_DOWN && downSince.compareAndSet(since, NOT_DOWN)) {
                LOG.info("Redis at {} answers again: client-key limits are shared again", where);
            }
            return result;
        } catch (RuntimeException e) {
            redis.reset();
            if (since == NOT_DOWN) {
                if (downSince.compareAndSet(NOT_DOWN, System.nanoTime())) {
                    LOG.warn("Redis at {} failed ({}): client-key limits are counted per instance until it answers again"
                            + " (tried every {} s; check NEXUS_REDIS_URL)", where, e.getMessage(), RETRY.toSeconds());
                }
            } else {
                downSince.compareAndSet(since, System.nanoTime());
            }
            return here.get();
        }
    }

    @Override
    public void close() {
        redis.close();
    }
}
