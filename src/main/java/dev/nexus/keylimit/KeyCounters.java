package dev.nexus.keylimit;

import java.util.List;
import java.util.Optional;

/**
 * The numbers behind key limits. Window names come from {@link Windows}; day and month totals start from what the
 * {@link KeyUsageRepository} holds. Implementations are thread-safe and their check-and-count steps atomic.
 */
public sealed interface KeyCounters permits LocalCounters, RedisCounters, SharedCounters {

    /** Counts one request in the minute window if fewer than {@code limit} are counted there; false counts nothing. */
    boolean takeRequest(String keyId, String minute, long limit);

    /** One of the key's {@code limit} concurrent slots, empty when all are taken. */
    Optional<Slot> takeSlot(String keyId, long limit);

    /** Tokens counted for the key in a window. */
    long tokens(String keyId, String window);

    /** Adds tokens to the key's windows (minute, day and month). */
    void addTokens(String keyId, List<String> windows, long tokens);

    /** A concurrent slot, given back once by {@link #close}. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}
