package dev.nexus.clientkey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persistence of client keys; implemented by the store. */
public interface ClientKeyRepository {

    void insert(ClientKey key, String keyHash);

    /** All keys, revoked ones included, oldest first. */
    List<ClientKey> list();

    /** The key with this hash, revoked or not. */
    Optional<ClientKey> findByHash(String keyHash);

    /** Keys that are not revoked, each with its hash. */
    List<StoredKey> active();

    /** @return false when no key has that id or it was already revoked */
    boolean revoke(String id, Instant at);

    void touch(String id, Instant at);

    /**
     * Sets a key's name and policy.
     *
     * @return false when no key has that id or it was revoked
     */
    boolean update(String id, String name, KeyPolicy policy);

    /** A counter that grows with every insert or revoke, from any process sharing the database. */
    long revision();

    record StoredKey(ClientKey key, String keyHash) {}
}
