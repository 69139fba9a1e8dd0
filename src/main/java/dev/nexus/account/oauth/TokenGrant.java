package dev.nexus.account.oauth;

import dev.nexus.secret.Secret;
import java.time.Instant;
import java.util.Optional;

/** What a token endpoint granted. Refresh responses usually carry no new refresh token; when one comes, it replaces the old. */
public record TokenGrant(Secret accessToken, Instant expiresAt, Optional<Secret> refreshToken, Optional<String> scope) {}
