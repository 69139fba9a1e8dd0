package dev.nexus.provider;

import dev.nexus.secret.Secret;
import java.util.Optional;

/**
 * What a provider needs to call its upstream for one account: a bearer token and, for Cloud Code, the project.
 *
 * @param accountId for logs and traces; never shown in full to clients
 */
public record Credentials(String accountId, Secret accessToken, Optional<String> projectId) {}
