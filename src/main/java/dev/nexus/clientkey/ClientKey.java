package dev.nexus.clientkey;

import java.time.Instant;
import java.util.Optional;

/**
 * A key that a client presents to use the proxy. Only its SHA-256 hash and a short display prefix are
 * stored; the full key exists once, in the answer to its creation. Its {@link KeyPolicy} says what it may do.
 */
public record ClientKey(
        String id,
        String name,
        String prefix,
        Instant createdAt,
        Optional<Instant> lastUsedAt,
        Optional<Instant> revokedAt,
        KeyPolicy policy) {

    /** The synthetic key that stands for NEXUS_API_KEY, which lives in the environment, not the database. */
    public static final String ENVIRONMENT_ID = "env";
    /** The synthetic key of the server's own self-test probes ({@link ClientKeys#selfTestKey()}). */
    public static final String SELF_TEST_ID = "self-test";

    public ClientKey withPolicy(KeyPolicy newPolicy) {
        return new ClientKey(id, name, prefix, createdAt, lastUsedAt, revokedAt, newPolicy);
    }

    /** The keys Nexus itself stands for (NEXUS_API_KEY, self-test) are never limited nor counted. */
    public boolean synthetic() {
        return id.equals(ENVIRONMENT_ID) || id.equals(SELF_TEST_ID);
    }

    public boolean revoked() {
        return revokedAt.isPresent();
    }
}
