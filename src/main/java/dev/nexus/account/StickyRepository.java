package dev.nexus.account;

import java.time.Instant;
import java.util.Optional;

/**
 * Which account each conversation sticks to, shared by every instance on the database (implemented by the store, which
 * tells the other instances of each change so they drop what they cached).
 */
public interface StickyRepository {
    /** Nothing shared: a process of its own keeps its conversations in memory only. */
    StickyRepository NONE = new StickyRepository() {
        @Override
        public Optional<Stuck> find(String pool, String sessionKey, Instant usedSince) {
            return Optional.empty();
        }

        @Override
        public void save(String pool, String sessionKey, String accountId, Instant at) {}
    };

    /** The conversation's account in this pool if it served it at or after {@code usedSince}. */
    Optional<Stuck> find(String pool, String sessionKey, Instant usedSince);

    /** The conversation now sticks to this account, used at {@code at}. */
    void save(String pool, String sessionKey, String accountId, Instant at);

    record Stuck(String accountId, Instant usedAt) {}
}
