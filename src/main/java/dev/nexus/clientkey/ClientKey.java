package dev.nexus.clientkey;

import java.time.Instant;
import java.util.Optional;

/**
 * A key that a client presents to use the proxy. Only its SHA-256 hash and a short display prefix are
 * stored; the full key exists once, in the answer to its creation.
 */
public record ClientKey(
        String id,
        String name,
        String prefix,
        Instant createdAt,
        Optional<Instant> lastUsedAt,
        Optional<Instant> revokedAt) {

    /** The synthetic key that stands for NEXUS_API_KEY, which lives in the environment, not the database. */
    public static final String ENVIRONMENT_ID = "env";
    /** The synthetic key of the server's own self-test probes ({@link ClientKeys#selfTestKey()}). */
    public static final String SELF_TEST_ID = "self-test";

    public boolean revoked() {
        return revokedAt.isPresent();
    }
}
