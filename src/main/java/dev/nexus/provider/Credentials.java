package dev.nexus.provider;

import dev.nexus.secret.Secret;

/**
 * What a provider needs to call its upstream with one credential: a bearer token (an account's access token or a
 * server key). Anything else an upstream needs per account (Cloud Code's project) is the provider's own business.
 *
 * @param accountId the credential's id, for logs, traces and per-account state; never shown in full to clients
 */
public record Credentials(String accountId, Secret accessToken) {}
