package dev.nexus.account;

import dev.nexus.secret.Secret;
import java.util.Optional;

/**
 * A credential chosen for one upstream call, with a token that was fresh when it was handed out.
 *
 * @param credentialId the {@link Credential#id()} leased
 * @param projectId the Cloud Code project of a Google account; empty for every other credential
 */
public record Lease(String credentialId, Secret accessToken, Optional<String> projectId) {}
