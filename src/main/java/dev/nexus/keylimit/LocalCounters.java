package dev.nexus.keylimit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters in this process's memory: the default, and the fallback while Redis is away. Only the current window of
 * each kind is kept per key (a new minute, day or month drops the previous one); day and month totals start from the
 * store, so a restart continues the budget where it stood.
 */
public final class LocalCounters implements KeyCounters {
    private final KeyUsageRepository usage;
    private final Map<String, Map<String, AtomicLong>> windows = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> inFlight = new ConcurrentHashMap<>();

    public LocalCounters(KeyUsageRepository usage) {
        this.usage = usage;
    }

    @Override
    public boolean takeRequest(String keyId, String minute, long limit) {
        AtomicLong count = counter(keyId, "req:" + minute);
        while (true) {
            long now = count.get();
            if (now >= limit) {
                return false;
            }
            if (count.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    @Override
    public Optional<Slot> takeSlot(String keyId, long limit) {
        AtomicLong count = inFlight.computeIfAbsent(keyId, k -> new AtomicLong());
        while (true) {
            long now = count.get();
            if (now >= limit) {
                return Optional.empty();
            }
            if (count.compareAndSet(now, now + 1)) {
                AtomicBoolean given = new AtomicBoolean();
                return Optional.of(() -> {
                    if (given.compareAndSet(false, true)) {
                        count.decrementAndGet();
                    }
                });
            }
        }
    }

    @Override
    public long tokens(String keyId, String window) {
        return counter(keyId, window).get();
    }

    @Override
    public void addTokens(String keyId, List<String> windows, long tokens) {
        for (String window : windows) {
            counter(keyId, window).addAndGet(tokens);
        }
    }

    /** Slots in use for the key, for tests. */
    long inFlight(String keyId) {
        AtomicLong count = inFlight.get(keyId);
        return count == null ? 0 : count.get();
    }

    private AtomicLong counter(String keyId, String window) {
        Map<String, AtomicLong> mine = windows.computeIfAbsent(keyId, k -> new ConcurrentHashMap<>());
        AtomicLong found = mine.get(window);
        if (found != null) {
            return found;
        }
        AtomicLong fresh = new AtomicLong(persisted(window) ? usage.tokens(keyId, window) : 0);
        AtomicLong winner = mine.putIfAbsent(window, fresh);
        if (winner != null) {
            return winner;
        }
        // Window names of one kind sort by time: the older ones are done with.
        String kind = kind(window);
        mine.keySet().removeIf(other -> kind(other).equals(kind) && other.compareTo(window) < 0);
        return fresh;
    }

    /** Day and month totals live in the store as well; minute windows only here. */
    static boolean persisted(String window) {
        return window.startsWith("d:") || window.startsWith("m:");
    }

    /** {@code req:min:…}, {@code min:…}, {@code d:…} or {@code m:…}: the part before the window's own name. */
    private static String kind(String window) {
        return window.startsWith("req:") ? "req" : window.substring(0, window.indexOf(':'));
    }
}
