package dev.nexus.account;

import dev.nexus.secret.Secret;
import java.time.Instant;
import java.util.Optional;

/**
 * An upstream account whose quota Nexus spends: for now a Google account reached by OAuth.
 * Tokens are {@link Secret}s, so printing an account never prints a token.
 */
public record Account(
        String id,
        String provider,
        String email,
        AccountState state,
        Optional<String> stateReason,
        Instant stateSince,
        boolean primary,
        Optional<String> projectId,
        Optional<String> tier,
        Optional<Secret> accessToken,
        Secret refreshToken,
        Optional<Instant> tokenExpiresAt,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> lastUsedAt) {

    public static final String GOOGLE = "google";

    public boolean active() {
        return state == AccountState.ACTIVE;
    }
}
