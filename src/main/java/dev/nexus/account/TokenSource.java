package dev.nexus.account;

import dev.nexus.secret.Secret;

/**
 * Where a provider's credential core gets an account's access token: refreshed ahead of expiry, single flight per
 * account, and on demand after the upstream refused the token. A refresh token the identity provider refuses for
 * good moves the account to {@link AccountState#NEEDS_RELOGIN}.
 */
public interface TokenSource {

    /**
     * An access token for the account that is not about to expire.
     *
     * @param force refresh even if the known token looks valid (the upstream answered 401, or the operator asked)
     * @throws AccountUnavailableException when no token can be had; its message names the account and the fix
     */
    Secret accessToken(Account account, boolean force) throws AccountUnavailableException;
}
