package dev.nexus.conversation;

import java.time.Instant;
import java.util.Optional;

/** Persistence of stored responses; implemented by the store. */
public interface StoredResponseRepository {

    void save(StoredResponse response);

    /** The response if it exists and has not expired at {@code now}. */
    Optional<StoredResponse> find(String id, Instant now);

    /** @return false when no such response was stored */
    boolean delete(String id);

    /** Deletes every response that expired before {@code now}; returns how many. */
    int purgeExpired(Instant now);
}
