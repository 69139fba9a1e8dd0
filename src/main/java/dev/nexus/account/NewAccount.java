package dev.nexus.account;

import dev.nexus.secret.Secret;
import java.time.Instant;
import java.util.Optional;

/**
 * What is known about an account when it is added: by login, or by importing a refresh token.
 *
 * @param oauthClient the OAuth client profile that issued the refresh token (a Google account always has one)
 */
public record NewAccount(
        String provider,
        String email,
        Secret refreshToken,
        Optional<Secret> accessToken,
        Optional<Instant> tokenExpiresAt,
        Optional<String> projectId,
        Optional<String> tier,
        Optional<String> oauthClient) {}
