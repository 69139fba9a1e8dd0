package dev.nexus.keylimit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counters in Redis, shared by every instance that uses the same server: each check-and-count is one small Lua
 * script, so two instances cannot both take the last request of a minute. Every key expires on its own (minute
 * windows after two minutes, days after two days, months after 32 days, a crashed instance's concurrent slots after
 * 15 minutes). Day and month totals that Redis does not hold yet start from the store. Commands fail fast (short
 * timeouts, no queueing while disconnected): {@link SharedCounters} turns a failure into local counting.
 */
public final class RedisCounters implements KeyCounters, AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final long MINUTE_TTL = 120;
    private static final long SLOT_TTL = 15 * 60;
    private static final long DAY_TTL = 2 * 24 * 3600;
    private static final long MONTH_TTL = 32 * 24 * 3600;
    private static final String TAKE = """
            local n = tonumber(redis.call('GET', KEYS[1]) or '0')
            if n >= tonumber(ARGV[1]) then return 0 end
            redis.call('INCR', KEYS[1])
            redis.call('EXPIRE', KEYS[1], ARGV[2])
            return 1""";
    private static final String RELEASE = """
            local n = redis.call('DECR', KEYS[1])
            if n < 0 then redis.call('SET', KEYS[1], 0) end
            return n""";
    private static final String ADD_EXPIRING = """
            local n = redis.call('INCRBY', KEYS[1], ARGV[1])
            redis.call('EXPIRE', KEYS[1], ARGV[2])
            return n""";
    private static final String ADD_IF_PRESENT = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end
            return -1""";

    private final RedisClient client;
    private final KeyUsageRepository usage;
    private volatile StatefulRedisConnection<String, String> connection;

    /** Connects on first use; nothing is sent here. */
    public RedisCounters(String url, KeyUsageRepository usage) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(TIMEOUT);
        this.client = RedisClient.create(uri);
        // SharedCounters decides when to try again; Lettuce's own reconnect loop would log on its own and queue commands.
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .build());
        this.usage = usage;
    }

    /** Where the counters live, without credentials, for log lines. */
    public static String describe(String url) {
        RedisURI uri = RedisURI.create(url);
        return uri.getHost() + ":" + uri.getPort();
    }

    @Override
    public boolean takeRequest(String keyId, String minute, long limit) {
        return take(name(keyId, "req:" + minute), limit, MINUTE_TTL);
    }

    @Override
    public Optional<Slot> takeSlot(String keyId, long limit) {
        String key = name(keyId, "inflight");
        if (!take(key, limit, SLOT_TTL)) {
            return Optional.empty();
        }
        AtomicBoolean given = new AtomicBoolean();
        return Optional.of(() -> {
            if (given.compareAndSet(false, true)) {
                commands().eval(RELEASE, ScriptOutputType.INTEGER, key);
            }
        });
    }

    @Override
    public long tokens(String keyId, String window) {
        String key = name(keyId, window);
        String value = commands().get(key);
        if (value != null) {
            return Long.parseLong(value);
        }
        if (!LocalCounters.persisted(window)) {
            return 0;
        }
        long stored = usage.tokens(keyId, window);
        commands().set(key, Long.toString(stored), SetArgs.Builder.nx().ex(ttl(window)));
        return stored;
    }

    @Override
    public void addTokens(String keyId, List<String> windows, long tokens) {
        RedisCommands<String, String> redis = commands();
        for (String window : windows) {
            String key = name(keyId, window);
            if (!LocalCounters.persisted(window)) {
                redis.eval(ADD_EXPIRING, ScriptOutputType.INTEGER, new String[] {key}, Long.toString(tokens), Long.toString(MINUTE_TTL));
                continue;
            }
            Long after = redis.eval(ADD_IF_PRESENT, ScriptOutputType.INTEGER, new String[] {key}, Long.toString(tokens));
            if (after != null && after >= 0) {
                continue;
            }
            // Not in Redis yet: start from the store, which does not hold these tokens yet (it is written after).
            String seeded = redis.set(key, Long.toString(usage.tokens(keyId, window) + tokens), SetArgs.Builder.nx().ex(ttl(window)));
            if (seeded == null) {
                redis.incrby(key, tokens);
            }
        }
    }

    /** Opens the connection if there is none; throws when Redis cannot be reached. */
    void connect() {
        commands();
    }

    /** Drops a connection that failed, so the next try opens a new one. */
    void reset() {
        StatefulRedisConnection<String, String> old = connection;
        connection = null;
        if (old != null) {
            try {
                old.close();
            } catch (RuntimeException ignored) {
                // it is already broken
            }
        }
    }

    private boolean take(String key, long limit, long ttl) {
        Long taken = commands().eval(TAKE, ScriptOutputType.INTEGER, new String[] {key}, Long.toString(limit), Long.toString(ttl));
        return taken != null && taken == 1;
    }

    private RedisCommands<String, String> commands() {
        StatefulRedisConnection<String, String> open = connection;
        if (open == null || !open.isOpen()) {
            synchronized (this) {
                open = connection;
                if (open == null || !open.isOpen()) {
                    open = client.connect();
                    connection = open;
                }
            }
        }
        return open.sync();
    }

    private static String name(String keyId, String window) {
        return "nexus:key:" + keyId + ":" + window;
    }

    private static long ttl(String window) {
        return window.startsWith("d:") ? DAY_TTL : MONTH_TTL;
    }

    @Override
    public void close() {
        reset();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
