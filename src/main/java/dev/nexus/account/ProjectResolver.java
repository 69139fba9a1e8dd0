package dev.nexus.account;

import dev.nexus.secret.Secret;

/** Finds (and if needed provisions) an account's Cloud Code project; implemented by the Cloud Code provider. */
@FunctionalInterface
public interface ProjectResolver {
    ProjectInfo resolve(Secret accessToken) throws AccountUnavailableException;
}
