package dev.nexus.conversation;

import java.time.Instant;
import java.util.Optional;

/** Persistence of stored responses; implemented by the store. */
public interface StoredResponseRepository {

    void save(StoredResponse response);

    /**
     * The response if it exists, belongs to the client key {@code ownerKeyId} and has not expired at {@code now}.
     * A response of another key, or one stored before owners were recorded, is not found.
     */
    Optional<StoredResponse> find(String id, String ownerKeyId, Instant now);

    /** @return false when the client key {@code ownerKeyId} has no response with this id */
    boolean delete(String id, String ownerKeyId);

    /** Deletes every response that expired before {@code now}; returns how many. */
    int purgeExpired(Instant now);
}
