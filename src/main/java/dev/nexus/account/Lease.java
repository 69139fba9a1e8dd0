package dev.nexus.account;

import dev.nexus.secret.Secret;

/**
 * A credential chosen for one upstream call, with a token that was fresh when it was handed out.
 *
 * @param credentialId the {@link Credential#id()} leased
 */
public record Lease(String credentialId, Secret accessToken) {}
