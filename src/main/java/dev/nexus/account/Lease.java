package dev.nexus.account;

import dev.nexus.secret.Secret;

/** An account chosen for one upstream call, with an access token that was fresh when it was handed out. */
public record Lease(Account account, Secret accessToken, String projectId) {}
