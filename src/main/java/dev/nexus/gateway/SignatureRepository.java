package dev.nexus.gateway;

import dev.nexus.chat.Signature;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Tool-call signatures shared by every instance on the database (implemented by the store), so a tool loop whose
 * first turn one instance answered can continue on another.
 */
public interface SignatureRepository {
    /** Nothing shared: a process of its own remembers signatures in memory only. */
    SignatureRepository NONE = new SignatureRepository() {
        @Override
        public Map<String, Signature> find(Collection<String> callIds, Instant storedSince) {
            return Map.of();
        }

        @Override
        public void save(String callId, Signature signature, Instant at) {}
    };

    /** The signatures known for these call ids, stored at or after {@code storedSince}. */
    Map<String, Signature> find(Collection<String> callIds, Instant storedSince);

    /** Remembers the signature of one tool call (a later one for the same id replaces it). */
    void save(String callId, Signature signature, Instant at);
}
